import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AdminWorld, adminWorld, assertProblem, type Json, NOW } from '../helpers/admin-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue "Administration", accounts: a county administrator creates staff accounts, gives and takes roles,
// deactivates (never deletes); a new account and a reset get a one-time link through the outbox, valid 24 h;
// users change their own passwords against a minimum length and a list of common passwords.

const later = (hours: number) => new Date(new Date(NOW).getTime() + hours * 3600_000).toISOString();
const strong = 'Granskog vid Klarälven 7';

describe('API: administration of accounts', () => {
  let s: TestServer;
  let w: AdminWorld;
  let arvika: string;
  before(async () => {
    s = await startTestServer();
    w = adminWorld(s);
    arvika = await w.unitId('municipality-1784', 'Socialtjänst vuxen, Arvika');
  });
  after(() => s.close());

  const account = (overrides: Record<string, unknown> = {}) => ({
    name: 'Märta Åberg',
    email: 'marta.aberg@arvika.se',
    username: 'marta.aberg',
    unitId: arvika,
    roles: ['staff'],
    ...overrides,
  });

  test('an account is created with its roles, and a link to choose a password waits in the outbox', async () => {
    const created = w.ok(await w.admin('POST', '/api/admin/accounts', account()), 201, 'create');
    assert.deepEqual(
      [created.username, created.unitName, created.roles],
      ['marta.aberg', 'Socialtjänst vuxen, Arvika', ['staff']],
    );
    assert.equal(created.passwordHash, undefined, 'never in a response');
    const token = await w.linkFor('marta.aberg@arvika.se');
    // No password yet: nothing logs in until the link is used.
    assert.equal(
      (await s.api('POST', '/api/session', { body: { username: 'marta.aberg', password: '!' } })).status,
      401,
    );
    const chose = await s.api('POST', `/api/password-links/${token}`, {
      body: { password: strong },
      now: later(1),
    });
    assert.equal(chose.status, 204, chose.text);
    const login = await s.api('POST', '/api/session', {
      body: { username: 'marta.aberg', password: strong },
      now: later(1),
    });
    assert.equal(login.status, 200, login.text);
    assert.deepEqual(login.body.user.roles, ['staff']);
    const again = await s.api('POST', `/api/password-links/${token}`, {
      body: { password: `${strong}!` },
      now: later(2),
    });
    assertProblem(again, 409, 'a link works once');
  });

  test('a wrong field is 422 at its field, and nothing is stored', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ roles: ['staff', 'superuser'] }, 'roles', /Rollen "superuser" finns inte/],
      [{ roles: [] }, 'roles', /minst en roll/],
      [{ username: 'Å' }, 'username', /3–64 tecken/],
      [{ username: 'psykiatri.karlstad', email: 'ny@arvika.se' }, 'username', /upptaget/],
      [{ email: 'inte-en-adress', username: 'ny.person' }, 'email', /e-postadress/],
      [{ email: 'psykiatri.karlstad@demo.invalid', username: 'ny.person' }, 'email', /används redan/],
      [{ unitId: 'no-such-unit', username: 'ny.person', email: 'ny@arvika.se' }, 'unitId', /öppen enhet/],
    ];
    for (const [overrides, path, message] of cases) {
      const res = await w.refused(
        () => w.admin('POST', '/api/admin/accounts', account(overrides)),
        422,
        path,
      );
      const error = res.body.errors.find((e: Json) => e.path === path);
      assert.match(error?.message ?? '', message, `${path}: ${res.text}`);
    }
  });

  test('roles are given and taken; an administrator cannot take their own administrator role', async () => {
    const created = w.ok(
      await w.admin(
        'POST',
        '/api/admin/accounts',
        account({ username: 'roller.test', email: 'roller@arvika.se' }),
      ),
      201,
      'create',
    );
    const changed = w.ok(
      await w.admin('PATCH', `/api/admin/accounts/${created.id}`, { roles: ['staff', 'manager'] }),
      200,
      'give manager',
    );
    assert.deepEqual(changed.roles, ['manager', 'staff']);
    const me = (await w.user('admin.varmland')).id;
    await w.refused(
      () => w.admin('PATCH', `/api/admin/accounts/${me}`, { roles: ['staff'] }),
      403,
      'own admin role',
    );
    await w.refused(
      () => w.admin('PATCH', `/api/admin/accounts/${created.id}`, { roles: ['countyAdmin', 'root'] }),
      422,
      'a role that does not exist',
    );
  });

  test("deactivation ends the account's sessions at once; it is kept, and can be activated again", async () => {
    const target = await w.user('soc.arvika');
    const token = await s.passwordLogin('soc.arvika', { now: NOW });
    assert.equal((await s.api('GET', '/api/me', { token, now: NOW })).status, 200);
    const res = w.ok(
      await w.admin('POST', `/api/admin/accounts/${target.id}/deactivation`, {}),
      200,
      'deactivate',
    );
    assert.ok(res.endedSessions >= 1);
    assertProblem(await s.api('GET', '/api/me', { token, now: NOW }), 401, 'the old token');
    assertProblem(
      await s.api('POST', '/api/session', { body: { username: 'soc.arvika', password: 'demo-2026' } }),
      401,
      'login',
    );
    const shown = w.ok(await w.admin('GET', `/api/admin/accounts/${target.id}`), 200, 'still there');
    assert.equal(shown.active, false);
    assert.equal(shown.passwordHash, undefined, 'the API never shows the hash');
    w.ok(await w.admin('POST', `/api/admin/accounts/${target.id}/reactivation`, {}), 200, 'reactivate');
    assert.equal(
      (await s.api('POST', '/api/session', { body: { username: 'soc.arvika', password: 'demo-2026' } }))
        .status,
      200,
    );
  });

  test('a reset link is valid 24 hours, once, and a newer one ends the older', async () => {
    const target = await w.user('soc.karlstad');
    w.ok(await w.admin('POST', `/api/admin/accounts/${target.id}/password-reset`, {}), 202, 'reset');
    const first = await w.linkFor('soc.karlstad@demo.invalid');
    const expired = await s.api('POST', `/api/password-links/${first}`, {
      body: { password: strong },
      now: later(24),
    });
    assertProblem(expired, 409, 'after 24 hours');
    const adminLater = w.at('admin.varmland', later(1));
    w.ok(
      await adminLater('POST', `/api/admin/accounts/${target.id}/password-reset`, {}),
      202,
      'a second reset',
    );
    const second = await w.linkFor('soc.karlstad@demo.invalid');
    assert.notEqual(second, first);
    const superseded = await s.api('POST', `/api/password-links/${first}`, {
      body: { password: strong },
      now: later(2),
    });
    assertProblem(superseded, 409, 'the first link after a second was sent');
    const token = await s.passwordLogin('soc.karlstad', { now: later(23) });
    const chose = await s.api('POST', `/api/password-links/${second}`, {
      body: { password: strong },
      now: later(23),
    });
    assert.equal(chose.status, 204, chose.text);
    assertProblem(
      await s.api('GET', '/api/me', { token, now: later(23) }),
      401,
      'sessions end when the password is chosen',
    );
    const login = await s.api('POST', '/api/session', {
      body: { username: 'soc.karlstad', password: strong },
      now: later(23),
    });
    assert.equal(login.status, 200, login.text);
  });

  test('a new password is refused when short, common or easy to guess, with a Swedish message', async () => {
    const token = await s.passwordLogin('soc.orebro', { now: NOW });
    const change = (newPassword: string) =>
      s.api('POST', '/api/me/password', {
        token,
        now: NOW,
        body: { currentPassword: 'demo-2026', newPassword },
      });
    for (const [password, message] of [
      ['kort', /minst 12 tecken/],
      ['password1234', /vanliga lösenord/],
      ['qwertyuiop123', /vanliga lösenord|lätt att gissa/],
      ['soc.orebro2026', /lätt att gissa/],
    ] as const) {
      const res = await change(password);
      assertProblem(res, 422, password);
      assert.match(res.body.errors[0].message, message, password);
    }
    const wrong = await s.api('POST', '/api/me/password', {
      token,
      now: NOW,
      body: { currentPassword: 'fel-lösenord', newPassword: strong },
    });
    assertProblem(wrong, 422, 'a wrong current password');
    assert.equal(wrong.body.errors[0].path, 'currentPassword');
    assert.equal((await change(strong)).status, 204);
    const login = await s.api('POST', '/api/session', { body: { username: 'soc.orebro', password: strong } });
    assert.equal(login.status, 200, 'the new password works');
  });

  test('only county administrators, and only in their own county', async () => {
    const target = await w.user('soc.arvika');
    for (const username of [
      'psykiatri.karlstad',
      'chef.soc.karlstad',
      'avtal.varmland',
      'logg.regionvarmland',
    ]) {
      await w.user(username); // logged in before the counting starts
      await w.refused(
        () => w.by(username)('POST', '/api/admin/accounts', account({ username: 'x.y.z' })),
        403,
        username,
      );
      await w.refused(
        () => w.by(username)('POST', `/api/admin/accounts/${target.id}/deactivation`, {}),
        403,
        username,
      );
    }
    const orebro = w.by('admin.orebro');
    await w.user('admin.orebro');
    await w.refused(() => orebro('GET', `/api/admin/accounts/${target.id}`), 404, 'another county reads');
    await w.refused(
      () => orebro('POST', `/api/admin/accounts/${target.id}/deactivation`, {}),
      404,
      'another county deactivates',
    );
    await w.refused(
      () => orebro('POST', `/api/admin/accounts/${target.id}/password-reset`, {}),
      404,
      'another county resets',
    );
    await w.refused(
      () => orebro('POST', '/api/admin/accounts', account({ username: 'x.y.z', email: 'x@y.se' })),
      422,
      'a unit of another county',
    );
    const listed = w.ok(await orebro('GET', '/api/admin/accounts?q=arvika'), 200, 'list');
    assert.equal(listed.length, 0, "another county's accounts are not listed");
  });

  test('every change is in the administration log with who, when, before and after', async () => {
    // The changes to find: an account of its own created, given a role, sent a link and deactivated.
    const mine = w.ok(
      await w.admin(
        'POST',
        '/api/admin/accounts',
        account({ username: 'logg.konto', email: 'logg.konto@arvika.se' }),
      ),
      201,
      'create',
    );
    const path = `/api/admin/accounts/${mine.id}`;
    w.ok(await w.admin('PATCH', path, { roles: ['staff', 'manager'] }), 200, 'give manager');
    w.ok(await w.admin('POST', `${path}/password-reset`, {}), 202, 'reset');
    w.ok(await w.admin('POST', `${path}/deactivation`, {}), 200, 'deactivate');
    const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
    const created = log.find((e: Json) => e.change === 'accountCreated' && e.after.username === 'logg.konto');
    assert.ok(created, 'the created account');
    assert.equal(created.actor.username, 'admin.varmland');
    assert.equal(created.before, null);
    assert.deepEqual(created.after.roles, ['staff']);
    const roles = log.find(
      (e: Json) => e.change === 'accountChanged' && e.after.roles && e.subject.id === mine.id,
    );
    assert.deepEqual([roles.before.roles, roles.after.roles], [['staff'], ['manager', 'staff']]);
    assert.ok(log.some((e: Json) => e.change === 'accountDeactivated'));
    assert.ok(log.some((e: Json) => e.change === 'passwordLinkIssued'));
    const orebroLog = w.ok(await w.by('admin.orebro')('GET', '/api/admin/log'), 200, 'Örebro log');
    assert.equal(orebroLog.length, 0, "another county's log is its own");
  });
});

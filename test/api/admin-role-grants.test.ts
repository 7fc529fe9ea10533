import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { roleGrants, userRoles, users } from '../../src/modules/organisations/schema.ts';
import { type AdminWorld, adminWorld, type Json, NOW } from '../helpers/admin-world.ts';
import { Browser } from '../helpers/browser.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 20 item 3: a county administrator could make themselves a reader of person data by changing their own
// roles or unit. No administrator changes their own roles or unit, by any route; every change that lets an
// account read a principal's person data is recorded, append-only, and shown to that principal's log reviewers
// (decision 0016).

const at = (minutes: number) => new Date(new Date(NOW).getTime() + minutes * 60_000).toISOString();
const strong = 'Granskog vid Klarälven 7';
const karlstad = 'municipality-1780';
const arvika = 'municipality-1784';
const region = 'region-17';

describe('API: role grants and an administrator’s own account', () => {
  let s: TestServer;
  let w: AdminWorld;
  let me: { id: string; unitId: string };
  let units: { karlstad: string; arvika: string };
  before(async () => {
    s = await startTestServer();
    w = adminWorld(s);
    const self = await w.user('admin.varmland');
    me = { id: self.id, unitId: self.unitId };
    units = {
      karlstad: await w.unitId(karlstad, 'Socialtjänst vuxen, Karlstad'),
      arvika: await w.unitId(arvika, 'Socialtjänst vuxen, Arvika'),
    };
  });
  after(() => s.close());

  const rolesOf = async (id: string) =>
    (await s.database.db.select().from(userRoles).where(eq(userRoles.userId, id))).map((r) => r.role).sort();
  const csv = (rows: string[]) => ['namn;e-post;användarnamn;enhet;roller', ...rows].join('\n');

  test('no administrator changes their own roles or unit, through the API or the CSV import', async () => {
    const grantsBefore = await s.database.db.$count(roleGrants);
    const attempts: [string, () => Promise<ApiResponse>, number][] = [
      [
        'add staff',
        () => w.admin('PATCH', `/api/admin/accounts/${me.id}`, { roles: ['countyAdmin', 'staff'] }),
        403,
      ],
      [
        'add manager',
        () => w.admin('PATCH', `/api/admin/accounts/${me.id}`, { roles: ['countyAdmin', 'manager'] }),
        403,
      ],
      [
        'become log reviewer',
        () => w.admin('PATCH', `/api/admin/accounts/${me.id}`, { roles: ['countyAdmin', 'logReviewer'] }),
        403,
      ],
      ['swap for staff', () => w.admin('PATCH', `/api/admin/accounts/${me.id}`, { roles: ['staff'] }), 403],
      [
        'drop own administrator role',
        () => w.admin('PATCH', `/api/admin/accounts/${me.id}`, { roles: ['agreementAdmin'] }),
        403,
      ],
      [
        'move to a municipality',
        () => w.admin('PATCH', `/api/admin/accounts/${me.id}`, { unitId: units.karlstad }),
        403,
      ],
      [
        'move with a harmless name change',
        () =>
          w.admin('PATCH', `/api/admin/accounts/${me.id}`, {
            name: 'Admin',
            unitId: units.arvika,
            roles: ['countyAdmin'],
          }),
        403,
      ],
      [
        'move own unit to a municipality',
        () => w.admin('PATCH', `/api/admin/units/${me.unitId}`, { principalId: karlstad }),
        403,
      ],
      [
        'close own unit into another',
        () => w.admin('POST', `/api/admin/units/${me.unitId}/closure`, {}),
        403,
      ],
      [
        'import a row with own username',
        () =>
          w.admin('POST', '/api/admin/accounts/import', {
            csv: csv(['Admin;ny.adress@varmland.se;admin.varmland;Socialtjänst vuxen, Karlstad;staff']),
          }),
        422,
      ],
      [
        'import a row with own username in capitals',
        () =>
          w.admin('POST', '/api/admin/accounts/import', {
            csv: csv(['Admin;ny.adress@varmland.se;ADMIN.VARMLAND;Socialtjänst vuxen, Karlstad;logReviewer']),
          }),
        422,
      ],
    ];
    for (const [what, attempt, status] of attempts) await w.refused(attempt, status, what);
    // The refusal names the rule, in Swedish.
    const res = await w.admin('PATCH', `/api/admin/accounts/${me.id}`, { roles: ['countyAdmin', 'staff'] });
    assert.match(res.body.detail, /egna roller eller din egen enhet/);
    // The rest of one's own account is one's to change; roles given again in another order are no change.
    const own = w.ok(
      await w.admin('PATCH', `/api/admin/accounts/${me.id}`, {
        name: 'Administratör Värmland',
        unitId: me.unitId,
        roles: ['countyAdmin', 'countyAdmin'],
      }),
      200,
      'own name',
    );
    assert.deepEqual([own.name, own.roles], ['Administratör Värmland', ['countyAdmin']]);
    // A username is never changed, so another account cannot take one's own.
    const other = await w.user('avtal.varmland');
    w.ok(
      await w.admin('PATCH', `/api/admin/accounts/${other.id}`, { username: 'admin.varmland' }),
      200,
      'username ignored',
    );
    const names = await s.database.db.select({ u: users.username }).from(users).where(eq(users.id, other.id));
    assert.equal(names[0]!.u, 'avtal.varmland');
    assert.deepEqual(await rolesOf(me.id), ['countyAdmin']);
    assertProblemStatus(await w.admin('GET', '/api/access-log'), 403, 'still no log reviewer');
    assert.equal(await s.database.db.$count(roleGrants), grantsBefore, 'nothing granted');
  });

  test('the account and unit forms refuse the same for one’s own account and unit', async () => {
    const admin = new Browser(s.url, {}, { now: NOW });
    await admin.logIn('admin.varmland');
    const form = `/administration/konton/${me.id}/andra`;
    const before = await w.state();
    for (const [what, fields] of [
      ['staff', { roles: ['countyAdmin', 'staff'], unitId: me.unitId }],
      ['log reviewer', { roles: ['countyAdmin', 'logReviewer'], unitId: me.unitId }],
      ['another unit', { roles: ['countyAdmin'], unitId: units.karlstad }],
    ] as const) {
      const res = await admin.submit(form, form, {
        name: 'Administratör Värmland',
        email: 'admin.varmland@demo.invalid',
        ...fields,
        roles: [...fields.roles],
      });
      assert.equal(res.status, 403, `${what}: ${res.status}`);
      assert.match(res.text, /egna roller eller din egen enhet/, what);
    }
    const moveForm = `/administration/enheter/${me.unitId}/flytta`;
    const moved = await admin.submit(moveForm, moveForm, { principalId: karlstad });
    assert.equal(moved.status, 403, 'own unit moved');
    const closeForm = `/administration/enheter/${me.unitId}/stang`;
    const closed = await admin.submit(closeForm, closeForm, { successorUnitId: 'ingen' });
    assert.equal(closed.status, 403, 'own unit closed');
    assert.deepEqual(await w.state(), before, 'nothing changed');
  });

  test('every change that lets an account read a principal’s person data is recorded for that principal', async () => {
    const call = (minutes: number) => w.at('admin.varmland', at(minutes));
    const ok = async (minutes: number, method: string, path: string, body?: unknown, status = 200) =>
      w.ok(await call(minutes)(method, path, body), status, `${method} ${path}`);
    const id = async (username: string) => (await w.user(username)).id;
    // t1: a log reviewer for each municipality (their own creation is their first grant).
    await ok(
      1,
      'POST',
      '/api/admin/accounts',
      {
        name: 'Lena Logg',
        email: 'logg@karlstad.se',
        username: 'logg.karlstad',
        unitId: units.karlstad,
        roles: ['logReviewer'],
      },
      201,
    );
    await ok(
      1,
      'POST',
      '/api/admin/accounts',
      {
        name: 'Arne Logg',
        email: 'logg@arvika.se',
        username: 'logg.arvika',
        unitId: units.arvika,
        roles: ['logReviewer'],
      },
      201,
    );
    // t2: a role given; t3: a manager moved to another principal.
    await ok(2, 'PATCH', `/api/admin/accounts/${await id('soc.arvika')}`, { roles: ['staff', 'manager'] });
    await ok(3, 'PATCH', `/api/admin/accounts/${await id('chef.soc.arvika')}`, { unitId: units.karlstad });
    // t4: no new reading: a name, a role taken away, a role that reads nothing.
    const socKarlstad = await id('soc.karlstad');
    await ok(4, 'PATCH', `/api/admin/accounts/${socKarlstad}`, { name: 'Sofia Karlsson' });
    await ok(4, 'PATCH', `/api/admin/accounts/${socKarlstad}`, { roles: ['governance'] });
    await ok(4, 'PATCH', `/api/admin/accounts/${socKarlstad}`, { roles: ['governance', 'agreementAdmin'] });
    // t5: a reader's e-mail, where its password links go; t6: a reader let in again.
    await ok(5, 'PATCH', `/api/admin/accounts/${await id('psykiatri.karlstad')}`, {
      email: 'annan@varmland.se',
    });
    const chef = await id('chef.psykiatri.karlstad');
    await ok(6, 'POST', `/api/admin/accounts/${chef}/deactivation`, {});
    await ok(6, 'POST', `/api/admin/accounts/${chef}/reactivation`, {});
    // t7: a new unit with a reader, moved with it to Karlstad.
    const unit = await ok(
      7,
      'POST',
      '/api/admin/units',
      { principalId: arvika, name: 'Boendestöd, Arvika' },
      201,
    );
    await ok(
      7,
      'POST',
      '/api/admin/accounts',
      {
        name: 'Bo Ende',
        email: 'bo@arvika.se',
        username: 'boende.arvika',
        unitId: unit.id,
        roles: ['staff'],
      },
      201,
    );
    await ok(
      7,
      'POST',
      '/api/admin/accounts',
      {
        name: 'Avtal Två',
        email: 'avtal2@arvika.se',
        username: 'avtal2.arvika',
        unitId: unit.id,
        roles: ['agreementAdmin'],
      },
      201,
    );
    await ok(8, 'PATCH', `/api/admin/units/${unit.id}`, { principalId: karlstad });
    // t9: two imported accounts, one of them a reader.
    await ok(
      9,
      'POST',
      '/api/admin/accounts/import',
      {
        csv: csv([
          'Ida Import;ida@karlstad.se;ida.import;Socialtjänst vuxen, Karlstad;staff chef',
          'Gun Grupp;gun@karlstad.se;gun.grupp;Socialtjänst vuxen, Karlstad;governance',
        ]),
      },
      201,
    );
    // t10: the region's agreement administrator made staff.
    await ok(10, 'PATCH', `/api/admin/accounts/${await id('avtal.varmland')}`, {
      roles: ['agreementAdmin', 'staff'],
    });

    const expected: Record<string, [number, string, string, string[], string, string | null][]> = {
      [karlstad]: [
        [9, 'accountCreated', 'ida.import', ['manager', 'staff'], 'Socialtjänst vuxen, Karlstad', null],
        [8, 'unitMoved', 'boende.arvika', ['staff'], 'Boendestöd, Arvika', arvika],
        [3, 'movedToPrincipal', 'chef.soc.arvika', ['manager'], 'Socialtjänst vuxen, Karlstad', arvika],
        [1, 'accountCreated', 'logg.karlstad', ['logReviewer'], 'Socialtjänst vuxen, Karlstad', null],
      ],
      [arvika]: [
        [7, 'accountCreated', 'boende.arvika', ['staff'], 'Boendestöd, Arvika', null],
        [2, 'rolesGranted', 'soc.arvika', ['manager'], 'Socialtjänst vuxen, Arvika', null],
        [1, 'accountCreated', 'logg.arvika', ['logReviewer'], 'Socialtjänst vuxen, Arvika', null],
      ],
      [region]: [
        [10, 'rolesGranted', 'avtal.varmland', ['staff'], 'Länsgemensam samverkan', null],
        [6, 'reactivated', 'chef.psykiatri.karlstad', ['manager'], 'Vuxenpsykiatri Karlstad', null],
        [5, 'emailChanged', 'psykiatri.karlstad', ['staff'], 'Vuxenpsykiatri Karlstad', null],
      ],
    };
    const shown = (list: Json[]) =>
      list.map((g) => [
        new Date(g.at).getTime(),
        g.change,
        g.account.username,
        g.roles,
        g.unit.name,
        g.fromPrincipal?.id ?? null,
      ]);
    const want = (principalId: string) =>
      expected[principalId]!.map(([m, ...rest]) => [new Date(at(m)).getTime(), ...rest]);

    // Each principal's log reviewer sees its own grants, newest first, and nothing of the others'.
    const reviewer = async (username: string, email: string) => {
      const token = await w.linkFor(email, at(1));
      assert.equal(
        (await s.api('POST', `/api/password-links/${token}`, { body: { password: strong }, now: at(11) }))
          .status,
        204,
      );
      const login = await s.api('POST', '/api/session', {
        body: { username, password: strong },
        now: at(11),
      });
      assert.equal(login.status, 200, login.text);
      return (method: string, path: string) => s.api(method, path, { token: login.body.token, now: at(11) });
    };
    const asKarlstad = await reviewer('logg.karlstad', 'logg@karlstad.se');
    const asArvika = await reviewer('logg.arvika', 'logg@arvika.se');
    const asRegion = w.at('logg.regionvarmland', at(11));
    for (const [principalId, as] of [
      [karlstad, asKarlstad],
      [arvika, asArvika],
      [region, asRegion],
    ] as const) {
      const list = w.ok(await as('GET', '/api/access-log/role-grants'), 200, principalId);
      assert.deepEqual(shown(list), want(principalId), principalId);
      for (const g of list) {
        assert.deepEqual(
          g.admin,
          { userId: me.id, username: 'admin.varmland', name: g.admin.name },
          'names the administrator',
        );
        assert.ok(g.admin.name.length > 1);
        assert.equal(g.principalId, principalId);
      }
    }
    // Dates narrow the list, in Swedish days.
    assert.equal(
      w.ok(await asKarlstad('GET', '/api/access-log/role-grants?from=2026-11-27'), 200, 'later').length,
      0,
    );
    assert.equal(
      w.ok(await asKarlstad('GET', '/api/access-log/role-grants?to=2026-11-26'), 200, 'that day').length,
      4,
    );
    // Others than log reviewers are refused.
    assertProblemStatus(await w.admin('GET', '/api/access-log/role-grants'), 403, 'the administrator');
    assertProblemStatus(await w.by('soc.karlstad')('GET', '/api/access-log/role-grants'), 403, 'staff');

    // The log reviewer's page shows them beside the access log: who, which account, what and when.
    const page = new Browser(s.url, {}, { now: at(11) });
    await page.logIn('logg.karlstad', strong);
    const html = (await page.request('GET', '/atkomstlogg')).text;
    const section = html.slice(html.indexOf('id="roller"'));
    for (const text of [
      'ida.import',
      'boende.arvika',
      'chef.soc.arvika',
      'logg.karlstad',
      'admin.varmland',
      'Kontots enhet flyttad hit',
    ])
      assert.ok(section.includes(text), `the page shows ${text}`);
    assert.match(section, /Kontot flyttat hit från annan huvudman \(Arvika kommun\)/);
    assert.match(section, /2026-11-26/);
    for (const text of ['soc.arvika<', 'logg.arvika', 'avtal.varmland', 'psykiatri.karlstad'])
      assert.ok(!section.includes(text), `not another principal's: ${text}`);
  });

  test('the record cannot be changed: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    // A grant of its own to try them on: in Örebro, whose grants no other test here reads.
    const orebroStaff = await w.user('psykiatri.orebro');
    w.ok(
      await w.by('admin.orebro')('PATCH', `/api/admin/accounts/${orebroStaff.id}`, {
        roles: ['manager', 'staff'],
      }),
      200,
      'a role given in Örebro',
    );
    const count = await s.database.db.$count(roleGrants);
    assert.ok(count > 0);
    const refused = (e: Error & { cause?: Error }) => /append-only/.test(e.cause?.message ?? e.message);
    await assert.rejects(
      s.database.db.execute(sql`update role_grants set admin_username = 'someone'`),
      refused,
    );
    await assert.rejects(s.database.db.execute(sql`delete from role_grants`), refused);
    await assert.rejects(s.database.db.execute(sql`truncate role_grants`), refused);
    assert.equal(await s.database.db.$count(roleGrants), count);
  });
});

function assertProblemStatus(res: { status: number; text: string }, status: number, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { demoHsaIds, demoPassword } from '../../src/demo/load-demo.ts';
import { brokenUniqueConstraint } from '../../src/modules/organisations/admin/unique-values.ts';
import { roleGrants, units, users } from '../../src/modules/organisations/schema.ts';
import { type AdminWorld, adminWorld, type Json } from '../helpers/admin-world.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 24, administration: the county's login methods, each account's HSA-id and last login (with its
// method), and HSA-ids imported with the CSV import (format-checked, unique). An HSA-id another account holds
// is a 422 naming the field, also when two changes race for it; an administrator's own HSA-id is another
// administrator's to change.

const providers = [
  {
    id: 'siths-varmland',
    county: '17',
    name: 'SITHS eID',
    issuer: 'https://idp.example.invalid',
    clientId: 'somlos',
    clientSecret: 'en-hemlighet-som-aldrig-far-synas',
  },
  {
    id: 'orebro',
    county: '18',
    name: 'Örebros leverantör',
    issuer: 'https://idp2.example.invalid',
    clientId: 'somlos',
    clientSecret: 'en-annan-hemlighet',
  },
];

describe('administration of e-ID logins', () => {
  let s: TestServer;
  let w: AdminWorld;
  let browser: Browser;
  before(async () => {
    s = await startTestServer({ OIDC_PROVIDERS: JSON.stringify(providers) });
    w = adminWorld(s);
    await w.user('admin.varmland');
    browser = new Browser(s.url);
    assert.equal((await browser.logIn('admin.varmland')).status, 303);
  });
  after(() => s.close());

  test("the overview shows the county's own providers and whether passwords are allowed, never a secret", async () => {
    const page = await browser.request('GET', '/administration');
    assert.equal(page.status, 200);
    assert.match(page.text, /E-legitimation: SITHS eID/);
    assert.doesNotMatch(page.text, /Örebros leverantör/, "another county's provider");
    assert.match(page.text, /Lösenord är tillåtet\./);
    assert.doesNotMatch(page.text, /hemlighet/);
  });

  test("an account's page shows its HSA-id and its last login with the method", async () => {
    const [karlstad] = await s.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'psykiatri.karlstad'));
    const before = await browser.request('GET', `/administration/konton/${karlstad!.id}`);
    assert.match(before.text, /Senaste inloggning[\s\S]*?Aldrig/);
    const hsaId = demoHsaIds().find((a) => a.login === 'psykiatri.karlstad')!.hsaId;
    assert.ok(before.text.includes(hsaId));
    assert.equal((await new Browser(s.url).logIn('psykiatri.karlstad')).status, 303);
    const after = await browser.request('GET', `/administration/konton/${karlstad!.id}`);
    assert.match(after.text, /Senaste inloggning[\s\S]*?2026-12-07 10:00, med lösenord/);
  });

  const header = 'namn,e-post,användarnamn,enhet,roller,hsa-id';
  const row = (i: number, hsaId: string) =>
    `Person ${i},hsa${i}@varmland.se,hsa.${i},"Socialtjänst vuxen, Arvika",staff,${hsaId}`;

  test('the CSV import refuses a malformed, a taken and a repeated HSA-id, by line', async () => {
    const taken = demoHsaIds()[0]!.hsaId;
    const csv = [
      header,
      row(1, 'SE2321000016-A1'),
      row(2, 'inte-ett-hsa-id'),
      row(3, taken),
      row(4, 'se2321000016-a1'),
    ].join('\n');
    const res = await w.refused(
      () => w.admin('POST', '/api/admin/accounts/import', { csv }),
      422,
      'wrong HSA-ids',
    );
    assert.deepEqual(
      res.body.errors.map((e: Json) => e.path),
      ['rad.3.hsa-id', 'rad.4.hsa-id', 'rad.5.hsa-id'],
    );
    assert.match(res.body.errors[0].message, /är inget HSA-id/);
    assert.match(res.body.errors[1].message, /står redan på ett annat konto/);
    assert.match(res.body.errors[2].message, /Samma HSA-id som på rad 2/);
  });

  test('the CSV import keeps HSA-ids (upper case), and a file without the column still imports', async () => {
    const csv = [header, row(5, 'se2321000016-b7'), row(6, '')].join('\n');
    w.ok(await w.admin('POST', '/api/admin/accounts/import', { csv }), 201, 'import');
    const rows = await s.database.db
      .select({ username: users.username, hsaId: users.hsaId })
      .from(users)
      .where(eq(users.email, 'hsa5@varmland.se'));
    assert.deepEqual(rows, [{ username: 'hsa.5', hsaId: 'SE2321000016-B7' }]);
    const plain =
      'namn,e-post,användarnamn,enhet,roller\nPerson 7,hsa7@varmland.se,hsa.7,"Socialtjänst vuxen, Arvika",staff';
    w.ok(await w.admin('POST', '/api/admin/accounts/import', { csv: plain }), 201, 'without the column');
  });

  test("an administrator sets, refuses and clears an account's HSA-id, and the change is logged", async () => {
    const [arvika] = await s.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'soc.arvika'));
    const path = `/api/admin/accounts/${arvika!.id}`;
    await w.refused(() => w.admin('PATCH', path, { hsaId: 'SE23-fel' }), 422, 'malformed');
    const taken = demoHsaIds().find((a) => a.login === 'psykiatri.karlstad')!.hsaId;
    await w.refused(() => w.admin('PATCH', path, { hsaId: taken }), 422, "another account's");
    const set = w.ok(await w.admin('PATCH', path, { hsaId: 'se5560000000-x9' }), 200, 'set');
    assert.equal(set.hsaId, 'SE5560000000-X9');
    // A new way into a reader's account: recorded for the principal's log reviewers, like a new e-mail.
    const grants = await s.database.db
      .select({ change: roleGrants.change })
      .from(roleGrants)
      .where(eq(roleGrants.accountUserId, arvika!.id));
    assert.deepEqual(
      grants.map((g) => g.change),
      ['hsaIdChanged'],
    );
    const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
    const entry = log.find(
      (e: Json) => e.change === 'accountChanged' && e.after?.hsaId && e.subject.id === arvika!.id,
    );
    assert.equal(entry.after.hsaId, 'SE5560000000-X9');
    // The web form shows it and takes it away when emptied.
    const form = await browser.request('GET', `/administration/konton/${arvika!.id}/andra`);
    assert.match(form.text, /value="SE5560000000-X9"/);
    const cleared = w.ok(await w.admin('PATCH', path, { hsaId: '' }), 200, 'cleared');
    assert.equal(cleared.hsaId, null);
  });

  const idOf = async (username: string) =>
    (await s.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const hsaOf = (login: string) => demoHsaIds().find((a) => a.login === login)!.hsaId;

  test("an HSA-id another account holds (the administrator's own, a deactivated account's) is a Swedish 422 naming the field, over the API and the form", async () => {
    const kil = await idOf('soc.kil');
    // The administrator's HSA-id as it is now: another test has a second administrator change it.
    const [admin] = await s.database.db
      .select({ hsaId: users.hsaId })
      .from(users)
      .where(eq(users.username, 'admin.varmland'));
    const adminsOwn = admin!.hsaId!;
    const path = `/api/admin/accounts/${kil}`;
    // The administrator's own HSA-id, put on another account: refused, so it cannot be moved that way.
    for (const [hsaId, what] of [
      [adminsOwn, "the administrator's own"],
      [hsaOf('psykiatri.karlstad').toLowerCase(), "another account's, written in lower case"],
    ] as const) {
      const res = await w.refused(() => w.admin('PATCH', path, { hsaId }), 422, what);
      assert.deepEqual(res.body.errors, [
        { path: 'hsaId', message: 'HSA-id:t står redan på ett annat konto' },
      ]);
      assert.match(res.body.detail, /HSA-id:t står redan på ett annat konto/);
    }
    const [gone] = await s.database.db
      .update(users)
      .set({ active: false })
      .where(eq(users.username, 'chef.soc.karlstad'))
      .returning({ hsaId: users.hsaId });
    await w.refused(() => w.admin('PATCH', path, { hsaId: gone!.hsaId }), 422, "a deactivated account's");
    await s.database.db.update(users).set({ active: true }).where(eq(users.username, 'chef.soc.karlstad'));
    // The form shows the message at its field.
    const form = await browser.request('GET', `/administration/konton/${kil}/andra`);
    const [account] = await s.database.db.select().from(users).where(eq(users.id, kil));
    const res = await browser.request('POST', `/administration/konton/${kil}/andra`, {
      _csrf: Browser.csrf(form.text),
      name: account!.name,
      email: account!.email!,
      unitId: account!.unitId,
      roles: ['staff'],
      hsaId: adminsOwn,
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /<a href="#hsaId">HSA-id:t står redan på ett annat konto<\/a>/);
    assert.match(res.text, /id="hsaId-error"[\s\S]*?HSA-id:t står redan på ett annat konto/);
  });

  test('changes racing to give one HSA-id to several accounts or units: one is made, the others get the 422, none a 500', async () => {
    // Not soc.arvika, whose role grants another test counts.
    const accountIds = await Promise.all(['soc.kil', 'soc.eda', 'chef.soc.karlstad'].map(idOf));
    const answers = await Promise.all(
      accountIds.map((id) => w.admin('PATCH', `/api/admin/accounts/${id}`, { hsaId: 'SE2321000016-RACE1' })),
    );
    assert.deepEqual(
      answers.map((a) => a.status).sort(),
      [200, 422, 422],
      answers.map((a) => a.text).join('\n'),
    );
    for (const refused of answers.filter((a) => a.status === 422))
      assert.deepEqual(refused.body.errors, [
        { path: 'hsaId', message: 'HSA-id:t står redan på ett annat konto' },
      ]);
    const holders = await s.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.hsaId, 'SE2321000016-RACE1'));
    assert.equal(holders.length, 1);

    const county = w.ok(await w.admin('GET', '/api/admin/units?pageSize=3'), 200, 'units');
    const unitIds: string[] = county.map((u: Json) => u.id);
    assert.equal(unitIds.length, 3);
    const unitAnswers = await Promise.all(
      unitIds.map((id) => w.admin('PATCH', `/api/admin/units/${id}`, { hsaId: 'SE2321000016-RACE2' })),
    );
    assert.deepEqual(
      unitAnswers.map((a) => a.status).sort(),
      [200, 422, 422],
      unitAnswers.map((a) => a.text).join('\n'),
    );
    for (const refused of unitAnswers.filter((a) => a.status === 422))
      assert.deepEqual(refused.body.errors, [
        { path: 'hsaId', message: 'HSA-id:t står redan på en annan enhet' },
      ]);
    await s.database.db.update(units).set({ hsaId: null }).where(inArray(units.id, unitIds));
  });

  test("the database's own refusal of a taken HSA-id is recognised by its constraint, on this database too", async () => {
    // The check before a write finds a taken HSA-id; only a race reaches the constraint, and PGlite runs one
    // transaction at a time. So the constraint's error is made here directly, to show it is read the same way.
    const taken = hsaOf('psykiatri.karlstad');
    const err = await s.database.db
      .update(users)
      .set({ hsaId: taken })
      .where(eq(users.username, 'soc.kil'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.equal(brokenUniqueConstraint(err), 'users_hsaId_unique');
    const [a, b] = await s.database.db.select({ id: units.id }).from(units).orderBy(units.id).limit(2);
    await s.database.db.update(units).set({ hsaId: 'SE2321000016-TAGEN' }).where(eq(units.id, a!.id));
    const unitErr = await s.database.db
      .update(units)
      .set({ hsaId: 'SE2321000016-TAGEN' })
      .where(eq(units.id, b!.id))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    await s.database.db.update(units).set({ hsaId: null }).where(eq(units.id, a!.id));
    assert.equal(brokenUniqueConstraint(unitErr), 'units_hsaId_unique');
    assert.equal(brokenUniqueConstraint(new Error('något annat')), undefined);
  });

  test("an administrator cannot change or take away their own account's HSA-id (403, over the API and the form); another administrator can", async () => {
    const own = await idOf('admin.varmland');
    const path = `/api/admin/accounts/${own}`;
    for (const [hsaId, what] of [
      ['SE2321000016-EGEN1', 'a new one'],
      ['', 'none'],
      [null, 'null'],
    ] as const) {
      const res = await w.refused(() => w.admin('PATCH', path, { hsaId }), 403, what);
      assert.match(
        res.body.detail,
        /Du kan inte ändra HSA-id eller personnummer på ditt eget konto\. Be en annan administratör i länet\./,
      );
    }
    // The same HSA-id again, in another case, is no change: the form saves one's own name with it.
    w.ok(
      await w.admin('PATCH', path, { hsaId: hsaOf('admin.varmland').toLowerCase(), name: 'Admin Värmland' }),
      200,
      'same',
    );
    const form = await browser.request('GET', `/administration/konton/${own}/andra`);
    const [me] = await s.database.db.select().from(users).where(eq(users.id, own));
    const post = (hsaId: string) =>
      browser.request('POST', `/administration/konton/${own}/andra`, {
        _csrf: Browser.csrf(form.text),
        name: me!.name,
        email: me!.email!,
        unitId: me!.unitId,
        roles: ['countyAdmin'],
        hsaId,
      });
    const refused = await post('SE2321000016-EGEN2');
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Du kan inte ändra HSA-id eller personnummer på ditt eget konto/);
    assert.equal((await post(me!.hsaId!)).status, 303, 'the same HSA-id');

    // A second administrator of the county changes it.
    const created = w.ok(
      await w.admin('POST', '/api/admin/accounts', {
        name: 'Andra Administratören',
        email: 'admin2@varmland.se',
        username: 'admin2.varmland',
        unitId: me!.unitId,
        roles: ['countyAdmin'],
      }),
      201,
      'second administrator',
    );
    const token = await s.login(created.username);
    const res = await s.api('PATCH', path, { token, body: { hsaId: 'SE2321000016-EGEN3' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.hsaId, 'SE2321000016-EGEN3');
  });

  test("an administrator sets a unit's HSA-id (format-checked, unique, logged) over the API and the form", async () => {
    const unit = await w.unitId('region-17', 'Vuxenpsykiatri Karlstad');
    const other = await w.unitId('region-17', 'Patientsäkerhet');
    const path = `/api/admin/units/${unit}`;
    await w.refused(() => w.admin('PATCH', path, { hsaId: 'SE1-x' }), 422, 'malformed');
    await w.refused(
      () => w.admin('PATCH', path, { hsaId: 'SE2321000016-E1', name: 'Nytt' }),
      422,
      'two at once',
    );
    assert.equal(
      w.ok(await w.admin('PATCH', path, { hsaId: 'se2321000016-e1' }), 200, 'set').hsaId,
      'SE2321000016-E1',
    );
    await w.refused(
      () => w.admin('PATCH', `/api/admin/units/${other}`, { hsaId: 'SE2321000016-E1' }),
      422,
      "another unit's",
    );
    const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
    assert.ok(log.some((e: Json) => e.change === 'unitHsaIdChanged' && e.after.hsaId === 'SE2321000016-E1'));
    const shown = await browser.request('GET', `/administration/enheter/${unit}`);
    assert.match(shown.text, /SE2321000016-E1/);
    const form = await browser.request('GET', `/administration/enheter/${unit}/hsa-id`);
    const res = await browser.request('POST', `/administration/enheter/${unit}/hsa-id`, {
      _csrf: Browser.csrf(form.text),
      hsaId: 'inte rätt',
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /Ange ett HSA-id som SE2321000016-1234/);
    const saved = await browser.request('POST', `/administration/enheter/${unit}/hsa-id`, {
      _csrf: Browser.csrf(form.text),
      hsaId: 'SE2321000016-E2',
    });
    assert.equal(saved.status, 303);
    assert.equal(w.ok(await w.admin('GET', path), 200, 'unit').hsaId, 'SE2321000016-E2');
  });

  test('a county with an e-ID provider may turn passwords off; one without may not', async () => {
    const post = async (b: Browser, value: string) => {
      const form = await b.request('GET', '/administration/inloggning');
      assert.equal(form.status, 200);
      return b.request('POST', '/administration/inloggning', {
        _csrf: Browser.csrf(form.text),
        passwordLogin: value,
        eidMatch: 'hsaId',
      });
    };
    const dalarna = new Browser(s.url);
    assert.equal((await dalarna.logIn('admin.dalarna')).status, 303);
    const refused = await post(dalarna, 'nej');
    assert.equal(refused.status, 422);
    assert.match(refused.text, /Länet har ingen e-legitimation inställd/);
    assert.equal(
      (await s.api('POST', '/api/session', { body: { username: 'soc.falun', password: demoPassword } }))
        .status,
      200,
    );

    assert.equal((await post(browser, 'nej')).status, 303);
    const overview = await browser.request('GET', '/administration?klart=inloggning');
    assert.match(overview.text, /Lösenord är inte tillåtet: bara e-legitimation\./);
    assert.equal(
      (await s.api('POST', '/api/session', { body: { username: 'soc.arvika', password: demoPassword } }))
        .status,
      401,
    );
    assert.equal((await post(browser, 'ja')).status, 303);
    assert.equal(
      (await s.api('POST', '/api/session', { body: { username: 'soc.arvika', password: demoPassword } }))
        .status,
      200,
    );
  });
});

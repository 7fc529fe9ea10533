import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../src/modules/organisations/schema.ts';
import { type AdminWorld, adminWorld, assertProblem, type Json, NOW } from '../helpers/admin-world.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { world as sipWorld, tolvan, type World } from '../helpers/sip-world.ts';

// Issue "Administration", units: created, renamed, moved and closed by the county's administrator. A closed
// unit keeps its history: SIPs, deviations and the access log still show it, under its name at the time; a
// unit with open SIPs closes only with a successor that takes them over.

const later = (minutes: number) => new Date(new Date(NOW).getTime() + minutes * 60_000).toISOString();

describe('API: administration of units', () => {
  let s: TestServer;
  let w: AdminWorld;
  let sw: World;
  before(async () => {
    s = await startTestServer();
    w = adminWorld(s);
    sw = await sipWorld(s);
  });
  after(() => s.close());

  test('a unit is created under a principal of the county, with a name no other unit of it has', async () => {
    const unit = w.ok(
      await w.admin('POST', '/api/admin/units', {
        principalId: 'municipality-1784',
        name: 'Boendestöd Arvika',
      }),
      201,
      'create',
    );
    const listed = w.ok(await w.admin('GET', '/api/admin/units?principalId=municipality-1784'), 200, 'list');
    assert.ok(listed.some((u: Json) => u.id === unit.id && u.active));
    const open = w.ok(
      await w.by('soc.arvika')('GET', '/api/units?principalId=municipality-1784'),
      200,
      'units',
    );
    assert.ok(
      open.some((u: Json) => u.id === unit.id),
      'offered to staff at once',
    );
    await w.refused(
      () =>
        w.admin('POST', '/api/admin/units', { principalId: 'municipality-1784', name: 'boendestöd arvika' }),
      422,
      'the same name in other case',
    );
    await w.refused(
      () => w.admin('POST', '/api/admin/units', { principalId: 'municipality-1784', name: 'X' }),
      422,
      'too short',
    );
    await w.refused(
      () => w.admin('POST', '/api/admin/units', { principalId: 'region-18', name: 'Smygenhet' }),
      404,
      "another county's principal",
    );
    await w.user('soc.arvika');
    await w.refused(
      () =>
        w.by('soc.arvika')('POST', '/api/admin/units', {
          principalId: 'municipality-1784',
          name: 'Egen enhet',
        }),
      403,
      'staff',
    );
  });

  test('after a rename, records from before show the old name and new ones the new name', async () => {
    const arvika = await w.unitId('municipality-1784', 'Socialtjänst vuxen, Arvika');
    // To Karlstads kommun: the region's psychiatry receives only the deviations of the closing test.
    const before = await w.report('soc.arvika', { concernedPrincipalIds: ['municipality-1780'] }, NOW);
    const pin = '19121212-1212';
    // A psychiatry unit of its own (the closing test closes Vuxenpsykiatri Karlstad), whose staff start SIPs.
    const saffle = w.ok(
      await w.admin('POST', '/api/admin/units', { principalId: 'region-17', name: 'Vuxenpsykiatri Säffle' }),
      201,
      'a unit',
    );
    w.ok(
      await w.admin('POST', '/api/admin/accounts', {
        name: 'Siv Säffle',
        email: 'psykiatri@saffle.se',
        username: 'psykiatri.saffle',
        unitId: saffle.id,
        roles: ['staff'],
      }),
      201,
      'an account',
    );
    const startSip = async (now: string, reason: string) =>
      w.ok(
        await sw.at('psykiatri.saffle', now)('POST', '/api/sips', { person: tolvan, reason }),
        201,
        reason,
      );
    await startSip(NOW, 'Behöver samordnade insatser');

    const admin = w.at('admin.varmland', later(10));
    w.ok(
      await admin('PATCH', `/api/admin/units/${arvika}`, { name: 'Vuxenenheten Arvika' }),
      200,
      'rename Arvika',
    );
    w.ok(
      await admin('PATCH', `/api/admin/units/${saffle.id}`, { name: 'Psykiatri Säffle' }),
      200,
      'rename Säffle',
    );

    const old = w.ok(await w.at('soc.arvika', later(20))('GET', `/api/deviations/${before.id}`), 200, 'old');
    assert.equal(old.reportedBy.unitName, 'Socialtjänst vuxen, Arvika', 'the name when it was reported');
    const fresh = await w.report('soc.arvika', { concernedPrincipalIds: ['municipality-1780'] }, later(20));
    assert.equal(fresh.reportedBy.unitName, 'Vuxenenheten Arvika');

    await startSip(later(30), 'Efter namnbytet');
    const reviewer = new Browser(s.url, {}, { now: later(40) });
    await s.webLogin(reviewer, 'logg.regionvarmland');
    const page = await reviewer.submit('/atkomstlogg', '/atkomstlogg', { personnummer: pin });
    assert.equal(page.status, 200);
    assert.match(page.text, /Vuxenpsykiatri Säffle/, 'the access before the rename, by the old name');
    assert.match(page.text, /Psykiatri Säffle/, 'the access after it, by the new name');

    const shown = w.ok(await admin('GET', `/api/admin/units/${saffle.id}`), 200, 'unit');
    assert.deepEqual(
      shown.history.map((h: Json) => h.previousName),
      ['Vuxenpsykiatri Säffle'],
    );
    await w.refused(
      () => admin('PATCH', `/api/admin/units/${saffle.id}`, { name: 'Psykiatri Säffle' }),
      422,
      'the same name',
    );
  });

  test('a unit moves to another principal only while it holds no SIP records', async () => {
    const fresh = w.ok(
      await w.admin('POST', '/api/admin/units', { principalId: 'municipality-1780', name: 'Feltänkt enhet' }),
      201,
      'create',
    );
    const moved = w.ok(
      await w.admin('PATCH', `/api/admin/units/${fresh.id}`, { principalId: 'municipality-1784' }),
      200,
      'move an empty unit',
    );
    assert.equal(moved.principalId, 'municipality-1784');
    // Arvika's social services start a SIP, so their unit holds SIP records.
    await sw.start('soc.arvika');
    const arvika = sw.unit('soc.arvika');
    const res = await w.refused(
      () => w.admin('PATCH', `/api/admin/units/${arvika}`, { principalId: 'municipality-1780' }),
      409,
      'a unit with SIPs',
    );
    assert.match(res.body.detail, /Skapa en ny enhet hos Karlstads kommun/);
    await w.refused(
      () => w.admin('PATCH', `/api/admin/units/${fresh.id}`, { principalId: 'region-18' }),
      404,
      "another county's principal",
    );
  });

  test('closing: open SIPs need a successor; with one, the SIPs, cases and accounts pass to it', async () => {
    const karlstad = await w.unitId('region-17', 'Vuxenpsykiatri Karlstad');
    // Two open deviations that the region's psychiatry receives.
    await w.report('soc.arvika');
    await w.report('soc.arvika');
    // Two open SIPs (one active, with an invitation; one only requested) and a closed one.
    const sip = await sw.active();
    await sw.invite(sip, sw.unit('soc.karlstad'));
    await sw.start();
    const closedSip = await sw.consent(await sw.start());
    w.ok(
      await sw.by('psykiatri.karlstad')('POST', `/api/sips/${closedSip.id}/closure`, {
        reason: 'goalsMet',
        note: 'Klart.',
      }),
      200,
      'close a SIP',
    );
    const refusal = await w.refused(
      () => w.admin('POST', `/api/admin/units/${karlstad}/closure`, {}),
      409,
      'no successor',
    );
    assert.match(refusal.body.detail, /pågående SIP/);

    const other = w.ok(
      await w.admin('POST', '/api/admin/units', { principalId: 'municipality-1780', name: 'Fel huvudman' }),
      201,
      'a unit of another principal',
    );
    await w.refused(
      () => w.admin('POST', `/api/admin/units/${karlstad}/closure`, { successorUnitId: other.id }),
      422,
      'a successor of another principal',
    );
    const heir = w.ok(
      await w.admin('POST', '/api/admin/units', {
        principalId: 'region-17',
        name: 'Psykiatrisk mottagning Karlstad',
      }),
      201,
      'successor',
    );
    const closed = w.ok(
      await w.admin('POST', `/api/admin/units/${karlstad}/closure`, { successorUnitId: heir.id }),
      200,
      'close with a successor',
    );
    assert.ok(closed.sips >= 2, `open SIPs handed over: ${closed.sips}`);
    assert.ok(closed.movedAccounts >= 2, 'psykiatri.karlstad and chef.psykiatri.karlstad moved');
    assert.equal(closed.deviations, 2, "the region's open deviations, received by the closed unit, pass on");
    const chef = await s.login('chef.psykiatri.karlstad', { now: NOW });
    const list = await s.api('GET', '/api/deviations', { token: chef, now: NOW });
    assert.equal(list.body.length, 2, 'its manager, now at the successor, still receives them');

    const [moved] = await s.database.db.select().from(users).where(eq(users.username, 'psykiatri.karlstad'));
    assert.equal(moved!.unitId, heir.id);
    const token = await s.login('psykiatri.karlstad', { now: NOW });
    const open = await s.api('GET', `/api/sips/${sip.id}`, { token, now: NOW });
    assert.equal(open.status, 200, 'the successor convenes the open SIP');
    assert.equal(open.body.convening.unitId, heir.id);
    const done = await s.api('GET', `/api/sips/${closedSip.id}`, { token, now: NOW });
    assert.equal(done.status, 200, "the successor reads the closed unit's closed SIP");
    assert.equal(done.body.convening.unitId, karlstad, 'which stays convened by the closed unit');

    const units = w.ok(await w.admin('GET', '/api/admin/units?principalId=region-17'), 200, 'units');
    const shown = units.find((u: Json) => u.id === karlstad);
    assert.deepEqual([shown.name, shown.active], ['Vuxenpsykiatri Karlstad', false], 'kept, under its name');
    const offered = w.ok(
      await w.by('soc.arvika')('GET', '/api/units?principalId=region-17'),
      200,
      'offered units',
    );
    assert.ok(!offered.some((u: Json) => u.id === karlstad), 'a closed unit is not offered');
    await w.refused(
      () => w.admin('PATCH', `/api/admin/units/${karlstad}`, { name: 'Nytt namn' }),
      409,
      'a closed unit',
    );
  });

  test('closing a unit without open work deactivates its accounts, whose sessions end', async () => {
    const unit = w.ok(
      await w.admin('POST', '/api/admin/units', {
        principalId: 'municipality-1784',
        name: 'Korttidsenhet Arvika',
      }),
      201,
      'create',
    );
    const account = w.ok(
      await w.admin('POST', '/api/admin/accounts', {
        name: 'Kortis Persson',
        email: 'kortis@arvika.se',
        username: 'kortis.persson',
        unitId: unit.id,
        roles: ['staff'],
      }),
      201,
      'account',
    );
    const closed = w.ok(await w.admin('POST', `/api/admin/units/${unit.id}/closure`, {}), 200, 'close');
    assert.equal(closed.deactivated, 1);
    const shown = w.ok(await w.admin('GET', `/api/admin/accounts/${account.id}`), 200, 'account');
    assert.equal(shown.active, false);
    assertProblem(
      await w.admin('POST', `/api/admin/accounts/${account.id}/reactivation`, {}),
      409,
      'an account of a closed unit',
    );
    const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
    const entry = log.find((e: Json) => e.change === 'unitClosed' && e.subject.id === unit.id);
    assert.deepEqual(
      [entry.before.status, entry.after.status, entry.after.deactivatedAccounts],
      ['öppen', 'stängd', 1],
    );
  });
});

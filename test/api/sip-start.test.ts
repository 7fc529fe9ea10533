import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { persons } from '../../src/platform/people/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertHidden, assertLike, type Json, NOW, tolvan, type World, world } from '../helpers/sip-world.ts';

// API.md "SIP": starting a SIP (identity numbers, validation, roles) and the list of SIPs.

describe('API: starting a SIP', () => {
  let s: TestServer;
  let w: World;
  const roleless = ['beredning.varmland', 'admin.varmland', 'avtal.varmland'];
  before(async () => {
    s = await startTestServer();
    w = await world(s, roleless);
  });
  after(() => s.close());

  // The log is counted before the list, whose reads it then holds: after = before + before.sips.
  const stored = async () => ({
    log: await w.logCount(),
    persons: await s.database.db.$count(persons),
    sips: (await w.listIds('psykiatri.karlstad')).length,
  });
  const unchanged = async (before: Awaited<ReturnType<typeof stored>>, what: string) =>
    assert.deepEqual(await stored(), { ...before, log: before.log + before.sips }, what);

  test('the identity number comes back as YYYYMMDD-NNNN; 10 and 12 digits of one person are one person', async () => {
    const before = await s.database.db.$count(persons);
    const a = await w.start('psykiatri.karlstad', {
      personalIdentityNumber: '198112189876',
      name: 'Person Ett',
    });
    const b = await w.start('psykiatri.karlstad', {
      personalIdentityNumber: '811218-9876',
      name: 'Person Ett',
    });
    assert.notEqual(a.id, b.id);
    assert.equal(a.person.personalIdentityNumber, '19811218-9876');
    assert.equal(b.person.personalIdentityNumber, '19811218-9876');
    assert.equal(a.person.id, b.person.id);
    assert.equal(await s.database.db.$count(persons), before + 1);
  });

  test('a samordningsnummer is accepted', async () => {
    const sip = await w.start('psykiatri.karlstad', {
      personalIdentityNumber: '701063-2391',
      name: 'Sam Ordning',
    });
    assert.equal(sip.person.personalIdentityNumber, '19701063-2391');
    assert.equal(sip.status, 'requested');
  });

  test('an invalid identity number is 422 on person.personalIdentityNumber, and nothing is stored', async () => {
    for (const pin of ['19121212-1213', '121212-1213']) {
      const before = await stored();
      const res = await w.by('psykiatri.karlstad')('POST', '/api/sips', {
        person: { personalIdentityNumber: pin, name: 'Fel Nummer' },
        reason: 'Prov',
      });
      assert.equal(res.status, 422, `${pin}: ${res.text}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.equal(res.body.errors?.[0]?.path, 'person.personalIdentityNumber');
      await unchanged(before, pin);
    }
  });

  test('a body without reason, name or person, or not JSON, is 400 and stores nothing', async () => {
    const bodies: [string, unknown][] = [
      ['no reason', { person: tolvan }],
      ['no name', { person: { personalIdentityNumber: tolvan.personalIdentityNumber }, reason: 'x' }],
      ['no identity number', { person: { name: tolvan.name }, reason: 'x' }],
      ['no person', { reason: 'x' }],
      ['empty object', {}],
    ];
    for (const [what, body] of bodies) {
      const before = await stored();
      const res = await w.by('psykiatri.karlstad')('POST', '/api/sips', body);
      assert.equal(res.status, 400, `${what}: ${res.text}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      await unchanged(before, what);
    }
    const token = await s.login('psykiatri.karlstad', { now: NOW });
    const broken = await s.api('POST', '/api/sips', { token, rawBody: '{"person": ', now: NOW });
    assert.equal(broken.status, 400, broken.text);
  });

  test('a logReviewer (and other roles without staff or manager) gets 403; without a token 401', async () => {
    for (const u of ['logg.regionvarmland', ...roleless]) {
      const before = await stored();
      const res = await w.by(u)('POST', '/api/sips', { person: tolvan, reason: 'x' });
      assert.equal(res.status, 403, `${u}: ${res.text}`);
      await unchanged(before, u);
    }
    const anonymous = await s.api('POST', '/api/sips', { body: { person: tolvan, reason: 'x' }, now: NOW });
    assert.equal(anonymous.status, 401);
    for (const path of ['/api/sips', `/api/sips/${randomUUID()}`]) {
      assert.equal((await s.api('GET', path, { now: NOW })).status, 401, path);
    }
  });

  test("a manager starts a SIP for their unit; the unit's staff see it, other units do not", async () => {
    const sip = await w.start('chef.soc.karlstad', {
      personalIdentityNumber: '19121212-1212',
      name: 'Tolvan Tolvansson',
    });
    assertLike(sip, {
      status: 'requested',
      countyCode: '17',
      convening: { unitId: w.unit('soc.karlstad'), principalId: 'municipality-1780' },
    });
    assert.equal(await w.sees('soc.karlstad', sip), true);
    assert.ok((await w.listIds('soc.karlstad')).includes(sip.id));
    for (const u of ['psykiatri.karlstad', 'soc.arvika', 'psykiatri.orebro']) {
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}`), sip, u);
    }
  });

  test('a SIP id that does not exist is 404', async () => {
    const res = await w.by('psykiatri.karlstad')('GET', `/api/sips/${randomUUID()}`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  });

  test('GET /api/sips lists newest first and logs one read per SIP; an empty list logs nothing', async () => {
    // soc.arvika has no SIPs in this server; start three a minute apart on a session of its own.
    const t0 = Date.parse('2026-11-26T12:00:00Z');
    const at = (m: number) => new Date(t0 + m * 60_000).toISOString();
    const token = await s.login('soc.arvika', { now: at(0) });
    const ids: string[] = [];
    for (const [i, name] of ['Första Person', 'Andra Person', 'Tredje Person'].entries()) {
      // Not 19811218-9876: the test of identity numbers counts that person as new.
      const pin = ['19121212-1212', '198507091232', '701063-2391'][i]!;
      const res = await s.api('POST', '/api/sips', {
        token,
        now: at(i + 1),
        body: { person: { personalIdentityNumber: pin, name }, reason: 'Ordning' },
      });
      assert.equal(res.status, 201, res.text);
      ids.push(res.body.id);
    }
    const count = await w.logCount();
    const list = await s.api('GET', '/api/sips', { token, now: at(5) });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.body.map((x: Json) => x.id),
      ids.toReversed(),
    );
    assert.ok(list.body.every((x: Json) => x.convening.unitId === w.unit('soc.arvika')));
    assert.equal(await w.logCount(), count + 3);

    const empty = await w.by('psykiatri.orebro')('GET', '/api/sips');
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, []);
    assert.equal(await w.logCount(), count + 3);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access/schema.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';

// API.md "Access log": a principal's log reviewers search the accesses its users made to a person's data.
type Json = ApiResponse['body'];

// Three days; every access at 10:00 UTC so the day is the same in UTC and in Sweden.
const D1 = '2026-11-24T10:00:00.000Z';
const D2 = '2026-11-25T10:00:00.000Z';
const D3 = '2026-11-26T10:00:00.000Z';
const day = (at: string) => new Date(at).toISOString().slice(0, 10);
const tolvan = { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' };
const ett = { personalIdentityNumber: '198112189876', name: 'Person Ett' };

describe('API: the access log', () => {
  let s: TestServer;
  let sipA: Json; // Tolvan: convened by psykiatri.karlstad, soc.karlstad invited
  let sipB: Json; // Person Ett: psykiatri.karlstad only
  let reviewerToken: string;
  const tokens = new Map<string, string>();

  /** Calls the API as `username` at `now` (one session per user and day). */
  async function call(username: string, now: string, method: string, path: string, body?: unknown) {
    const key = `${username}@${now}`;
    let token = tokens.get(key);
    if (!token) {
      token = await s.login(username, { now });
      tokens.set(key, token);
    }
    return s.api(method, path, { token, body, now });
  }
  const ok = async (res: Promise<ApiResponse>, status = 200) => {
    const r = await res;
    assert.equal(r.status, status, r.text);
    return r.body;
  };
  const search = (query: string, token = reviewerToken) =>
    s.api('GET', `/api/access-log${query}`, { token, now: D3 });
  const logCount = () => s.database.db.$count(accessLog);
  const byPsykiatri = (rows: Json[]) => rows.filter((r) => r.username === 'psykiatri.karlstad');
  let psykUnit: string;

  before(async () => {
    s = await startTestServer();
    // Day 1: psykiatri.karlstad starts two SIPs and records consent on one.
    sipA = await ok(
      call('psykiatri.karlstad', D1, 'POST', '/api/sips', { person: tolvan, reason: 'Samordning' }),
      201,
    );
    psykUnit = sipA.convening.unitId;
    await ok(
      call('psykiatri.karlstad', D1, 'POST', `/api/sips/${sipA.id}/consent`, {
        givenAt: '2026-11-20',
        form: 'written',
        principalIds: ['region-17', 'municipality-1780'],
        relativesMayTakePart: true,
      }),
    );
    sipB = await ok(
      call('psykiatri.karlstad', D1, 'POST', '/api/sips', { person: ett, reason: 'Samordning' }),
      201,
    );
    // Day 2: the invitation, and a read by each side.
    const socUnit = (await ok(call('soc.karlstad', D2, 'GET', '/api/me'))).unit.id;
    await ok(
      call('psykiatri.karlstad', D2, 'POST', `/api/sips/${sipA.id}/invitations`, {
        unitId: socUnit,
        meetingAt: '2026-12-01T13:00:00+01:00',
      }),
      201,
    );
    await ok(call('psykiatri.karlstad', D2, 'GET', `/api/sips/${sipA.id}`));
    await ok(call('soc.karlstad', D2, 'GET', `/api/sips/${sipA.id}`));
    // Day 3: reads of both SIPs.
    await ok(call('psykiatri.karlstad', D3, 'GET', `/api/sips/${sipA.id}`));
    await ok(call('psykiatri.karlstad', D3, 'GET', `/api/sips/${sipB.id}`));
    await ok(call('soc.karlstad', D3, 'GET', `/api/sips/${sipA.id}`));
    reviewerToken = await s.login('logg.regionvarmland', { now: D3 });
  });
  after(() => s.close());

  test('the log holds reads by both principals (so the next tests can tell them apart)', async () => {
    const soc = await s.database.db.select().from(accessLog).where(eq(accessLog.username, 'soc.karlstad'));
    assert.equal(soc.filter((r) => r.action === 'read' && r.objectId === sipA.id).length, 2);
    assert.ok(soc.every((r) => r.principalId === 'municipality-1780'));
  });

  test("a log reviewer sees their principal's users' accesses to the person, newest first, not other principals'", async () => {
    const res = await search('?personalIdentityNumber=19121212-1212');
    assert.equal(res.status, 200, res.text);
    const rows: Json[] = res.body;
    assert.ok(rows.length > 0);
    for (const row of rows) {
      for (const key of [
        'at',
        'userId',
        'username',
        'unitId',
        'principalId',
        'action',
        'personId',
        'object',
      ]) {
        assert.ok(key in row, `a row without ${key}: ${JSON.stringify(row)}`);
      }
      assert.equal(row.principalId, 'region-17', JSON.stringify(row));
      assert.equal(row.personId, sipA.person.id, JSON.stringify(row));
      assert.ok(['psykiatri.karlstad', 'logg.regionvarmland'].includes(row.username), JSON.stringify(row));
      assert.ok(!Number.isNaN(Date.parse(row.at)), row.at);
    }
    const times = rows.map((r) => Date.parse(r.at));
    assert.deepEqual(
      times,
      times.toSorted((a, b) => b - a),
      'newest first',
    );

    const psyk = byPsykiatri(rows);
    const creates = psyk.filter((r) => r.action === 'create');
    assert.equal(creates.length, 1);
    assert.deepEqual(creates[0].object, { type: 'sip', id: sipA.id });
    assert.equal(new Date(creates[0].at).toISOString(), D1);
    assert.equal(creates[0].unitId, psykUnit);
    assert.equal(typeof creates[0].userId, 'string');
    const reads = psyk.filter((r) => r.action === 'read');
    assert.deepEqual(
      reads.map((r) => [new Date(r.at).toISOString(), r.object]),
      [
        [D3, { type: 'sip', id: sipA.id }],
        [D2, { type: 'sip', id: sipA.id }],
      ],
    );
  });

  test('the identity number may be given in any valid form', async () => {
    const forms = ['198112189876', '19811218-9876', '811218-9876', '8112189876'];
    const results: Json[][] = [];
    for (const pin of forms) {
      const res = await search(`?personalIdentityNumber=${encodeURIComponent(pin)}`);
      assert.equal(res.status, 200, `${pin}: ${res.text}`);
      assert.ok(res.body.every((r: Json) => r.personId === sipB.person.id));
      results.push(byPsykiatri(res.body));
    }
    assert.deepEqual(results[0]!.map((r) => r.action).sort(), ['create', 'read']);
    for (const r of results) assert.deepEqual(r, results[0]);
  });

  test('from and to (inclusive days) narrow the search', async () => {
    const pin = '?personalIdentityNumber=19121212-1212';
    const days = async (query: string) => {
      const res = await search(pin + query);
      assert.equal(res.status, 200, `${query}: ${res.text}`);
      return res.body as Json[];
    };
    const fromD3 = await days('&from=2026-11-26');
    assert.ok(fromD3.every((r) => day(r.at) === '2026-11-26'));
    assert.deepEqual(
      byPsykiatri(fromD3)
        .filter((r) => r.action === 'read')
        .map((r) => r.at && new Date(r.at).toISOString()),
      [D3],
    );
    const toD1 = await days('&to=2026-11-24');
    assert.ok(toD1.length > 0);
    assert.ok(toD1.every((r) => day(r.at) === '2026-11-24'));
    assert.equal(toD1.filter((r) => r.action === 'create').length, 1);
    const onD2 = await days('&from=2026-11-25&to=2026-11-25');
    assert.ok(onD2.every((r) => day(r.at) === '2026-11-25'));
    assert.equal(onD2.filter((r) => r.action === 'read').length, 1);
  });

  test('a search that finds nothing is 200 with an empty list, and logs nothing', async () => {
    const queries = [
      '?personalIdentityNumber=19121212-1212&from=2026-11-27',
      '?from=2026-11-27',
      '?from=2026-11-01&to=2026-11-02',
      '?personalIdentityNumber=701063-2391',
    ];
    const before = await logCount();
    const outcomes = [];
    for (const query of queries) {
      const res = await search(query);
      outcomes.push([query, res.status, res.status === 200 ? res.body : res.text]);
    }
    assert.deepEqual(
      outcomes,
      queries.map((q) => [q, 200, []]),
    );
    assert.equal(await logCount(), before);
  });

  test('without any parameter: all persons, still only accesses by users of the same principal', async () => {
    const res = await search('');
    assert.equal(res.status, 200, res.text);
    const rows: Json[] = res.body;
    assert.ok(rows.every((r) => r.principalId === 'region-17'));
    assert.ok(!rows.some((r) => r.username === 'soc.karlstad'));
    // The demo's discharge stays (October 2026) were read by psykiatri.karlstad as the outpatient unit; this
    // test's own accesses are to the SIPs.
    const people = new Set(
      byPsykiatri(rows)
        .filter((r) => r.object.type !== 'dischargeStay')
        .map((r) => r.personId),
    );
    assert.deepEqual([...people].sort(), [sipA.person.id, sipB.person.id].sort());
  });

  test('reading the log is itself logged', async () => {
    const before = await logCount();
    const res = await search('?personalIdentityNumber=19121212-1212');
    assert.equal(res.status, 200);
    assert.ok(res.body.length > 0);
    assert.ok((await logCount()) > before, 'the search left no row in the access log');
  });

  test('only log reviewers: staff and managers get 403, without a token 401; nothing is logged', async () => {
    const before = await logCount();
    for (const u of ['psykiatri.karlstad', 'soc.karlstad', 'chef.soc.karlstad']) {
      const token = await s.login(u, { now: D3 });
      const res = await search('?personalIdentityNumber=19121212-1212', token);
      assert.equal(res.status, 403, `${u}: ${res.text}`);
      assert.ok(!res.text.includes('Tolvan'));
    }
    const anonymous = await s.api('GET', '/api/access-log?personalIdentityNumber=19121212-1212', { now: D3 });
    assert.equal(anonymous.status, 401);
    assert.equal(await logCount(), before);
  });

  test('an invalid identity number is 422 and logs nothing', async () => {
    const before = await logCount();
    const res = await search('?personalIdentityNumber=19121212-1213');
    assert.equal(res.status, 422, res.text);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal(await logCount(), before);
  });
});

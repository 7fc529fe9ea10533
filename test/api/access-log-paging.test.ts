import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access/schema.ts';
import { addAccessLogReads, nextLink } from '../helpers/paging.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 20 item 10: the access-log search is paged as API.md's lists are (page, pageSize 1–500, default 100,
// X-Total-Count, Link rel="next"), and never cut without saying so. A person with more rows than the old cut
// of 1 000 is read to the end, by GET and by POST, and every row comes exactly once.

const NOW = '2026-11-26T10:00:00.000Z';
const tolvan = { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' };
const extraRows = 1234;

describe('API: the access log is paged, never cut', () => {
  let s: TestServer;
  let reviewer: string;
  let personId: string;
  /** The object ids of the rows a search for Tolvan finds now, newest first (each search adds the reviewer's). */
  let expected: string[];
  async function expectedNow() {
    const rows = await s.database.db
      .select({ objectId: accessLog.objectId })
      .from(accessLog)
      .where(and(eq(accessLog.personId, personId), eq(accessLog.principalId, 'region-17')))
      .orderBy(sql`${accessLog.at} desc, ${accessLog.seq} desc`);
    expected = rows.map((r) => r.objectId);
  }

  before(async () => {
    s = await startTestServer();
    const staff = await s.login('psykiatri.karlstad', { now: NOW });
    const sip = await s.api('POST', '/api/sips', {
      token: staff,
      now: NOW,
      body: { person: tolvan, reason: 'Prov' },
    });
    assert.equal(sip.status, 201, sip.text);
    personId = sip.body.person.id;
    // 1 234 more reads of Tolvan's SIP by the same user, one a minute over the days before, in one statement.
    await addAccessLogReads(s.database, personId, extraRows, NOW);
    await expectedNow();
    assert.equal(expected.length, extraRows + 1);
    reviewer = await s.login('logg.regionvarmland', { now: NOW });
  });
  after(() => s.close());

  /**
   * Reads every page from `first` by following the next links; `post` sends the same body to each. Checks each
   * page's size and total, and returns the rows and the number of pages.
   */
  async function readAll(first: string, pageSize: number, body?: unknown) {
    const method = body === undefined ? 'GET' : 'POST';
    await expectedNow();
    const rows: ApiResponse['body'][] = [];
    const totals = new Set<string | null>();
    let pages = 0;
    for (let url: string | null = first; url; pages++) {
      assert.ok(pages < 100, 'the next links end');
      const res = await s.api(method, url, { token: reviewer, now: NOW, body });
      assert.equal(res.status, 200, `${url}: ${res.text}`);
      totals.add(res.headers.get('x-total-count'));
      url = nextLink(res);
      if (url) assert.equal(res.body.length, pageSize, `a page before the last is full: ${url}`);
      else assert.ok(res.body.length <= pageSize && res.body.length > 0, 'the last page');
      rows.push(...res.body);
    }
    assert.deepEqual([...totals], [String(expected.length)], 'every page gives the same X-Total-Count');
    return { rows, pages };
  }

  const ids = (rows: ApiResponse['body'][]) => rows.map((r) => r.object.id);

  test('GET, default page size: 13 pages of 100, every row once, newest first, total = rows', async () => {
    const { rows, pages } = await readAll('/api/access-log?personalIdentityNumber=19121212-1212', 100);
    assert.equal(pages, 13);
    assert.equal(rows.length, expected.length);
    assert.deepEqual(ids(rows), expected, 'every row once, in order, although each page logged the read');
  });

  test('the next link keeps the search: dates, identity number, page size; the largest page is 500', async () => {
    const first =
      '/api/access-log?personalIdentityNumber=191212121212&from=2026-11-01&to=2026-11-26&pageSize=500';
    const res = await s.api('GET', first, { token: reviewer, now: NOW });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.length, 500);
    const next = new URL(nextLink(res)!, s.url);
    assert.equal(next.pathname, '/api/access-log');
    assert.deepEqual(
      ['personalIdentityNumber', 'from', 'to', 'page', 'pageSize'].map((k) => next.searchParams.get(k)),
      ['191212121212', '2026-11-01', '2026-11-26', '2', '500'],
    );
    const { rows, pages } = await readAll(first, 500);
    assert.equal(pages, Math.ceil(expected.length / 500));
    assert.deepEqual(ids(rows), expected);
  });

  test('POST /api/access-log/search pages the same way, the number only in the body', async () => {
    const body = { personalIdentityNumber: '19121212-1212' };
    const first = await s.api('POST', '/api/access-log/search?pageSize=250', {
      token: reviewer,
      now: NOW,
      body,
    });
    assert.equal(first.status, 200, first.text);
    const next = nextLink(first)!;
    assert.ok(!next.includes('1212'), `the next link holds no identity number: ${next}`);
    assert.match(next, /^\/api\/access-log\/search\?/);
    const { rows, pages } = await readAll('/api/access-log/search?pageSize=250', 250, body);
    assert.equal(pages, Math.ceil(expected.length / 250));
    assert.ok(pages >= 5);
    assert.deepEqual(ids(rows), expected);
  });

  test('without a person: every row of the principal, paged to the end', async () => {
    await expectedNow();
    const { rows } = await readAllUnchecked('/api/access-log?pageSize=500');
    const mine = ids(rows.filter((r) => r.personId === personId));
    assert.deepEqual(mine, expected);
  });

  /** Follows the next links without a known total: for a search whose rows the test did not count. */
  async function readAllUnchecked(first: string) {
    const rows: ApiResponse['body'][] = [];
    let total = '';
    for (let url: string | null = first, n = 0; url; n++) {
      assert.ok(n < 100);
      const res = await s.api('GET', url, { token: reviewer, now: NOW });
      assert.equal(res.status, 200, res.text);
      total = res.headers.get('x-total-count') ?? '';
      rows.push(...res.body);
      url = nextLink(res);
    }
    assert.equal(rows.length, Number(total), 'the pages add up to X-Total-Count');
    return { rows };
  }

  test('a page after the last is empty, with the total and no next link', async () => {
    const res = await s.api('GET', '/api/access-log?personalIdentityNumber=19121212-1212&page=99', {
      token: reviewer,
      now: NOW,
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, []);
    assert.ok(Number(res.headers.get('x-total-count')) >= expected.length);
    assert.equal(res.headers.get('link'), null);
  });

  test('a page size over 500 or under 1, or a page under 1, is 400 problem+json in Swedish; nothing is read', async () => {
    const bad = ['pageSize=501', 'pageSize=0', 'page=0', 'page=-1', 'page=abc', 'pageSize=1.5', 'pageSize='];
    const before = await s.database.db.$count(accessLog);
    for (const query of bad) {
      for (const [method, path, body] of [
        ['GET', `/api/access-log?personalIdentityNumber=19121212-1212&${query}`, undefined],
        ['POST', `/api/access-log/search?${query}`, { personalIdentityNumber: '19121212-1212' }],
      ] as const) {
        const res = await s.api(method, path, { token: reviewer, now: NOW, body });
        assert.equal(res.status, 400, `${method} ${path}: ${res.text}`);
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal(res.body.title, 'Felaktig begäran', `${method} ${path}`);
        assert.ok(!res.text.includes('Tolvan'));
      }
    }
    assert.equal(await s.database.db.$count(accessLog), before, 'a refused page reads nothing');
  });
});

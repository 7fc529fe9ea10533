import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { nextLink } from '../helpers/paging.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// API.md "Lists are paged": every list route answers at most `pageSize` items (page from 1, pageSize default 100,
// at most 500) as a JSON array with `X-Total-Count`, and `Link: <…>; rel="next"` while items remain. Nothing is
// cut without saying so. The SIP list is read page by page to its end; then every /api GET without a path
// parameter that answers an array is called as several callers and must say its total and honour pageSize.

const NOW = '2026-11-26T10:00:00.000Z';

/** A valid identity number (Luhn) for an invented person born on 1980-01-<day>. */
function identityNumber(day: number, serial: number): string {
  const ten = `8001${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  const sum = [...ten].reduce((acc, d, i) => {
    const n = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (n > 9 ? n - 9 : n);
  }, 0);
  return `19${ten.slice(0, 6)}-${ten.slice(6)}${(10 - (sum % 10)) % 10}`;
}

describe('API: lists are paged', () => {
  let s: TestServer;
  let staff: string;
  const started: string[] = [];
  let status = '';

  before(async () => {
    s = await startTestServer();
    staff = await s.login('psykiatri.orebro', { now: NOW });
    for (let i = 1; i <= 7; i++) {
      const res = await s.api('POST', '/api/sips', {
        token: staff,
        now: NOW,
        body: {
          person: { personalIdentityNumber: identityNumber(i + 10, 100 + i), name: `Person ${i}` },
          reason: 'Prov av sidindelning',
        },
      });
      assert.equal(res.status, 201, res.text);
      started.push(res.body.id);
      status = res.body.status;
    }
  });
  after(() => s.close());

  test('the SIP list read by pages of 3: every SIP once, the total on each page, the filter kept', async () => {
    const seen: string[] = [];
    let path: string | null = `/api/sips?status=${status}&pageSize=3`;
    let pages = 0;
    let total = -1;
    while (path) {
      const res = await s.api('GET', path, { token: staff, now: NOW });
      assert.equal(res.status, 200, res.text);
      assert.ok(res.body.length <= 3);
      total = Number(res.headers.get('x-total-count'));
      seen.push(...res.body.map((sip: { id: string }) => sip.id));
      path = nextLink(res);
      if (path) assert.ok(path.includes(`status=${status}`), 'the next link keeps the filter');
      pages++;
    }
    assert.equal(seen.length, total, 'the pages add up to X-Total-Count');
    assert.equal(new Set(seen).size, seen.length, 'no SIP twice');
    for (const id of started) assert.ok(seen.includes(id), `SIP ${id} is on a page`);
    assert.equal(pages, Math.ceil(total / 3));
  });

  test('a page past the end is empty with the total and no next link', async () => {
    const res = await s.api('GET', '/api/sips?page=1000&pageSize=3', { token: staff, now: NOW });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, []);
    assert.ok(Number(res.headers.get('x-total-count')) >= 7);
    assert.equal(res.headers.get('link'), null);
  });

  test('pageSize over 500 or under 1, and page under 1, are 400 in Swedish', async () => {
    for (const query of ['pageSize=501', 'pageSize=0', 'page=0', 'page=-1', 'pageSize=abc']) {
      const res = await s.api('GET', `/api/sips?${query}`, { token: staff, now: NOW });
      assert.equal(res.status, 400, `${query}: ${res.text}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
  });

  test('the OpenAPI document gives every paged list its X-Total-Count and Link headers', async () => {
    const doc = (await s.api('GET', '/api/openapi.json')).body;
    const paged: string[] = [];
    const problems: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, Operation>>))
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.parameters?.some((p) => p.in === 'query' && p.name === 'pageSize')) continue;
        paged.push(`${method.toUpperCase()} ${path}`);
        const headers = operation.responses?.['200']?.headers ?? {};
        for (const name of ['X-Total-Count', 'Link'])
          if (!headers[name]?.description) problems.push(`${method.toUpperCase()} ${path} lacks ${name}`);
      }
    assert.deepEqual(problems, []);
    assert.ok(paged.includes('GET /api/sips'), 'the SIP list is among them');
    // Every GET list the route table has is paged in the document too (the scan below calls them).
    const lists = s.app.routeTable.filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.includes(':') && r.access !== 'public',
    );
    assert.ok(paged.length >= 20 && paged.length <= lists.length + 10, `paged routes: ${paged.length}`);
  });

  test('every /api GET list says its total and honours pageSize, for each kind of caller', async () => {
    const lists = s.app.routeTable.filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.includes(':') && r.access !== 'public',
    );
    // Query parameters some lists require.
    const required: Record<string, string> = { '/api/responsibilities': 'countyCode=17' };
    const problems: string[] = [];
    let arrays = 0;
    for (const username of ['psykiatri.orebro', 'logg.regionvarmland', 'admin.varmland']) {
      const token = await s.login(username, { now: NOW });
      for (const route of lists) {
        const query = [required[route.url], 'pageSize=1'].filter(Boolean).join('&');
        const res = await s.api('GET', `${route.url}?${query}`, { token, now: NOW });
        // A list answered as an object with its own total and page size breaks the contract as much as a list
        // without headers (the administration's lists did, once).
        if (
          res.status === 200 &&
          res.body &&
          typeof res.body === 'object' &&
          'total' in res.body &&
          'size' in res.body
        )
          problems.push(
            `${route.url} answers an object with a total and a page size instead of a paged array`,
          );
        if (res.status !== 200 || !Array.isArray(res.body)) continue;
        arrays++;
        const total = res.headers.get('x-total-count');
        if (total === null) problems.push(`${route.url} has no X-Total-Count`);
        if (res.body.length > 1)
          problems.push(`${route.url} answered ${res.body.length} items for pageSize=1`);
        if (Number(total) > 1 && !nextLink(res)) problems.push(`${route.url} has no next link`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(arrays >= 20, `lists checked: ${arrays}`);
  });
});

type Operation = {
  parameters?: { in: string; name: string }[];
  responses?: Record<string, { headers?: Record<string, { description?: string }> }>;
};

describe('API: the SIP list past one default page', () => {
  let s: TestServer;
  let staff: string;
  const count = 103;

  before(async () => {
    s = await startTestServer();
    staff = await s.login('psykiatri.orebro', { now: NOW });
    for (let i = 0; i < count; i++) {
      const res = await s.api('POST', '/api/sips', {
        token: staff,
        now: NOW,
        body: {
          person: { personalIdentityNumber: identityNumber(1 + (i % 28), 200 + i), name: `Person ${i}` },
          reason: 'Prov av sidstorlek',
        },
      });
      assert.equal(res.status, 201, res.text);
    }
  });
  after(() => s.close());

  test('without pageSize: 100 SIPs, the total, and a next link to page 2 of 100', async () => {
    const res = await s.api('GET', '/api/sips', { token: staff, now: NOW });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.length, 100);
    assert.equal(Number(res.headers.get('x-total-count')), count);
    const next = new URL(nextLink(res) ?? 'missing:', 'http://server');
    assert.equal(next.pathname, '/api/sips');
    assert.equal(next.searchParams.get('page'), '2');
    assert.equal(next.searchParams.get('pageSize'), '100');
  });

  test('the last page has the rest, the total, and no next link', async () => {
    const res = await s.api('GET', '/api/sips?page=2', { token: staff, now: NOW });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.length, count - 100);
    assert.equal(Number(res.headers.get('x-total-count')), count);
    assert.equal(res.headers.get('link'), null);
  });

  test('pageSize 500, the most: every SIP on one page, no next link; 501 is 400 in Swedish', async () => {
    const all = await s.api('GET', '/api/sips?pageSize=500', { token: staff, now: NOW });
    assert.equal(all.status, 200, all.text);
    assert.equal(all.body.length, count);
    assert.equal(all.headers.get('link'), null);
    const over = await s.api('GET', '/api/sips?pageSize=501', { token: staff, now: NOW });
    assert.equal(over.status, 400);
    assert.match(over.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal(over.body.title, 'Felaktig begäran');
  });
});

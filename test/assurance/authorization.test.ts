import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { RouteEntry } from '../../src/platform/http/guard.ts';
import { type ChangeWatch, type RowChange, watchChanges } from '../helpers/change-watch.ts';
import { testTarget } from '../helpers/database.ts';
import { publicUrl, somlosClient, startTestIdp, type TestIdp } from '../helpers/eid.ts';
import { personClient } from '../helpers/person.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { examples, freshSessionRoutes, matrix, personMatrix, runLast } from './authorization-table.ts';
import {
  buildWorld,
  NOW,
  pathFor,
  personSubjects,
  type SubjectKey,
  subjects,
  type World,
} from './authorization-world.ts';

// Issue 10, items 1 and 2: every route of the running app called as each of nine subjects, each answer
// compared with the table in authorization-table.ts; and as four person subjects (issue 26), each answer compared
// with its `personMatrix` on the person's own routes and with anonymous's everywhere else. A refused call must give no person data away and change
// nothing; an answer that shows or changes a person's data must have written its access-log rows.
// MATRIX_OUT=<file> writes the answers seen in the table's own syntax, for reviewing a deliberate change.

type Cell = {
  route: string;
  subject: SubjectKey;
  answer: string;
  status: number;
  text: string;
  changes: RowChange[];
};
const refusedAnswers = new Set(['401', '403', '404', 'login', 'plogin']);
const routeKey = (r: RouteEntry) => `${r.method} ${r.url}`;

describe(`authorization matrix: every route × nine subjects (${testTarget})`, () => {
  let s: TestServer;
  let idp: TestIdp;
  let world: World;
  let watch: ChangeWatch;
  const cells: Cell[] = [];
  const roles = new Map<SubjectKey, string[]>();

  before(async () => {
    // A real e-ID provider, so that the e-ID routes are called as they are used (issue 24).
    idp = await startTestIdp([], [somlosClient('region'), personClient('region')]);
    const { clientId, clientSecret } = somlosClient('region');
    // The person's provider (issue 26) under the same id as staff's: the two are told apart by more than that.
    const person = personClient('region');
    const personProvider = {
      id: 'region',
      name: 'BankID',
      issuer: idp.issuer,
      clientId: person.clientId,
      clientSecret: person.clientSecret,
    };
    const provider = {
      id: 'region',
      county: '17',
      name: 'SITHS eID',
      issuer: idp.issuer,
      clientId,
      clientSecret,
    };
    s = await startTestServer({
      PUBLIC_URL: publicUrl,
      OIDC_PROVIDERS: JSON.stringify([provider]),
      PERSON_OIDC_PROVIDERS: JSON.stringify([personProvider]),
    });
    world = await buildWorld(s);
    for (const [key, session] of world.sessions) {
      const me =
        session.token && subjects.some((x) => x.key === key)
          ? await s.api('GET', '/api/me', { token: session.token, now: NOW })
          : undefined;
      roles.set(key, me?.body.roles ?? []);
    }
    watch = await watchChanges(s.database.db);
    // The pages first, then the API, whose examples take the cases further than the pages' empty forms do;
    // last the routes that end an object's stage (a decision, a closure), so the others meet it still open.
    const isApi = (r: RouteEntry) => r.url.startsWith('/api/');
    const last = (r: RouteEntry) => runLast.has(routeKey(r));
    const order = [
      ...s.app.routeTable.filter((r) => !isApi(r) && !last(r)),
      ...s.app.routeTable.filter((r) => isApi(r) && !last(r)),
      ...s.app.routeTable.filter(last),
    ];
    for (const route of order) {
      for (const { key } of [...subjects, ...personSubjects])
        cells.push(await callCell(s, world, watch, route, key));
    }
    if (process.env.MATRIX_OUT) writeAnswers(process.env.MATRIX_OUT, cells);
  });
  after(async () => {
    await s?.close();
    await idp?.close();
  });

  test('every route in the route table has a row in the table, and every row is a route', () => {
    const routes = s.app.routeTable.map(routeKey);
    assert.deepEqual(
      routes.filter((r) => !(r in matrix)),
      [],
      'routes without a row in authorization-table.ts',
    );
    assert.deepEqual(
      Object.keys(matrix).filter((r) => !routes.includes(r)),
      [],
      'rows for routes that no longer exist',
    );
  });

  test('every cell answers as the table declares', (t) => {
    const wrong = cells
      .filter((c) => declared(c) !== undefined && declared(c) !== c.answer)
      .map(
        (c) =>
          `${c.route} as ${c.subject}: declared ${declared(c)}, answered ${c.answer} ${c.text.slice(0, 160)}`,
      );
    assert.deepEqual(wrong, []);
    t.diagnostic(
      `${s.app.routeTable.length} routes × ${subjects.length + personSubjects.length} subjects = ${cells.length} cells`,
    );
  });

  test("the table agrees with each route's declared access: anonymous is sent to log in, other roles get 403", () => {
    const wrong: string[] = [];
    for (const route of s.app.routeTable) {
      if (route.access === 'public') continue;
      for (const { key } of subjects) {
        const cell = cells.find((c) => c.route === routeKey(route) && c.subject === key)!;
        const api = route.url.startsWith('/api/');
        // The person's own routes: nobody of staff is a person; a form post fails its token first but anonymous's.
        if (route.access === 'person') {
          const refused = route.method === 'GET' || key === 'anonymous' ? 'plogin' : '403';
          if (cell.answer !== refused) wrong.push(`${cell.route} as ${key}: ${cell.answer}, not ${refused}`);
          continue;
        }
        const allowed =
          key !== 'anonymous' &&
          (route.access === 'authenticated' || route.access.some((r) => roles.get(key)!.includes(r)));
        const expected = key === 'anonymous' ? (api ? '401' : 'login') : allowed ? undefined : '403';
        if (expected && cell.answer !== expected)
          wrong.push(`${cell.route} as ${key}: ${cell.answer}, not ${expected}`);
        // A role the route admits may still be refused by the object's rule (403 or 404), never sent to log in.
        if (!expected && ['401', 'login'].includes(cell.answer))
          wrong.push(`${cell.route} as ${key}: logged in, yet ${cell.answer}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('no answer is a server error', () => {
    assert.deepEqual(
      cells
        .filter((c) => c.status >= 500)
        .map((c) => `${c.route} as ${c.subject}: ${c.status} ${c.text.slice(0, 200)}`),
      [],
    );
  });

  test('a refused call gives no person data away and changes nothing', (t) => {
    const refused = cells.filter((c) => refusedAnswers.has(c.answer));
    const leaks = refused.flatMap((c) =>
      world.personMarkers
        .filter((p) => c.text.includes(p.marker))
        .map((p) => `${c.route} as ${c.subject}: ${p.marker}`),
    );
    assert.deepEqual(leaks, [], 'person data in refused answers');
    const changed = refused
      .filter((c) => c.changes.length > 0)
      .map(
        (c) =>
          `${c.route} as ${c.subject} (${c.answer}): ${c.changes.map((x) => `${x.op} ${x.tableName}`).join(', ')}`,
      );
    assert.deepEqual(changed, [], 'rows written by refused calls');
    t.diagnostic(`${refused.length} refused cells, none with person data or a change`);
  });

  test('any other 4xx stores nothing; at most it logs the reads of what its page shows', () => {
    const changed = cells
      .filter((c) => c.status >= 400 && !refusedAnswers.has(c.answer))
      .map((c) => ({ c, stored: c.changes.filter((x) => x.tableName !== 'access_log') }))
      .filter(({ stored }) => stored.length > 0)
      .map(
        ({ c, stored }) =>
          `${c.route} as ${c.subject} (${c.answer}): ${stored.map((x) => `${x.op} ${x.tableName}`).join(', ')}`,
      );
    assert.deepEqual(changed, []);
  });

  test('every answer that shows or changes person data wrote its access-log rows (item 2)', (t) => {
    const missing: string[] = [];
    let logged = 0;
    for (const c of cells.filter((x) => !refusedAnswers.has(x.answer))) {
      const userId = world.sessions.get(c.subject)!.userId;
      const logRows = c.changes
        .filter((x) => x.tableName === 'access_log' && x.op === 'INSERT')
        .map((x) => JSON.parse(x.row) as { user_id: string; person_id: string });
      const own = logRows.filter((r) => r.user_id === userId);
      const shown = new Set(
        world.personMarkers.filter((p) => c.text.includes(p.marker)).map((p) => p.personId),
      );
      for (const personId of shown) {
        if (!own.some((r) => r.person_id === personId))
          missing.push(`${c.route} as ${c.subject}: shows ${personId}`);
      }
      const touched = c.changes.filter((x) => x.aboutPerson);
      if (touched.length > 0 && own.length === 0)
        missing.push(`${c.route} as ${c.subject}: changed ${touched.map((x) => x.tableName).join(', ')}`);
      if (shown.size > 0 || touched.length > 0) logged++;
    }
    assert.deepEqual(missing, [], 'person data shown or changed without an access-log row');
    assert.ok(logged > 0, 'the matrix reached person data at least once');
    t.diagnostic(`${logged} cells showed or changed person data, each with its access-log rows`);
  });

  test("the person subjects: their own SIP only, and a person's session is nobody on any other route (issue 26)", (t) => {
    const wrong: string[] = [];
    for (const route of s.app.routeTable) {
      const name = routeKey(route);
      const anonymous = cells.find((c) => c.route === name && c.subject === 'anonymous')!;
      personSubjects.forEach(({ key }, column) => {
        const cell = cells.find((c) => c.route === name && c.subject === key)!;
        const row = personMatrix[name];
        if (row) {
          const expected = row.trim().split(/\s+/)[column];
          if (cell.answer !== expected)
            wrong.push(`${name} as ${key}: declared ${expected}, answered ${cell.answer}`);
          return;
        }
        // Anywhere else a person's session is no one: the answer anonymous gets, or for a page's form 403, since
        // its token is bound to the person's session, which no staff route reads.
        const formPost = !route.url.startsWith('/api/') && route.method !== 'GET';
        if (cell.answer !== anonymous.answer && !(formPost && cell.answer === '403'))
          wrong.push(
            `${name} as ${key}: ${cell.answer}, anonymous ${anonymous.answer} ${cell.text.slice(0, 120)}`,
          );
      });
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(
      Object.keys(personMatrix).filter((r) => !s.app.routeTable.some((x) => routeKey(x) === r)),
      [],
      'rows for routes that no longer exist',
    );
    assert.deepEqual(
      s.app.routeTable
        .filter((r) => r.url.startsWith('/mina-planer'))
        .map(routeKey)
        .filter((r) => !(r in personMatrix)),
      [],
      "the person's routes without a row in personMatrix",
    );
    t.diagnostic(`${s.app.routeTable.length * personSubjects.length} cells as persons`);
  });

  const declared = (c: Cell) => {
    const row = matrix[c.route];
    return row?.trim().split(/\s+/)[subjects.findIndex((x) => x.key === c.subject)];
  };
});

/** One call: the route with the world's ids, as the subject, with the route's example body if it has one. */
async function callCell(s: TestServer, world: World, watch: ChangeWatch, route: RouteEntry, key: SubjectKey) {
  const name = routeKey(route);
  let session = world.sessions.get(key)!;
  if (freshSessionRoutes.has(name)) {
    session = await world.freshSession(key, route.url.startsWith('/api/') ? 'api' : 'web');
    await watch.take();
  }
  const path = pathFor(route.url, world.ids);
  const example = examples[name]?.(world.ids);
  let status: number;
  let text: string;
  let location = '';
  if (route.url.startsWith('/api/')) {
    const takesBody = route.schema?.body !== undefined;
    const res = await s.api(route.method, path + (example?.query ?? ''), {
      token: session.token,
      body: takesBody ? (example?.body ?? {}) : undefined,
      now: NOW,
    });
    ({ status, text } = res);
    location = res.headers.get('location') ?? '';
  } else {
    const form = route.method === 'GET' ? undefined : { _csrf: session.csrf!, ...(example?.form ?? {}) };
    const res = await session.browser.request(route.method, path + (example?.query ?? ''), form);
    ({ status, text } = res);
    location = res.headers.get('location') ?? '';
  }
  // The guard sends an anonymous visitor to the login with the page to return to; logging out goes there too,
  // without one.
  const answer =
    status === 303 && location.startsWith('/logga-in?next=')
      ? 'login'
      : status === 303 && location.startsWith('/mina-planer/logga-in?next=')
        ? 'plogin'
        : String(status);
  const changes = await watch.take();
  return { route: name, subject: key, answer, status, text, changes };
}

/** The answers seen, in authorization-table.ts's syntax, and beside them (`.why`) what each 4xx said. */
function writeAnswers(file: string, cells: Cell[]): void {
  const rows = new Map<string, string[]>();
  for (const c of cells) rows.set(c.route, [...(rows.get(c.route) ?? []), c.answer.padEnd(5)]);
  const table = [...rows].map(([route, answers]) => `  '${route}': '${answers.join(' ').trimEnd()}',`);
  writeFileSync(file, table.join('\n'));
  const gist = (text: string) => text.match(/<title>([^<]*)<\/title>/)?.[1]?.trim() ?? text.slice(0, 300);
  const why = cells.filter((c) => c.status >= 400).map((c) => `${c.route} ${c.subject} ${gist(c.text)}`);
  writeFileSync(`${file}.why`, why.join('\n'));
}

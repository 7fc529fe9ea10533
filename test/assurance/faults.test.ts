import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, type Db, openDatabase, queryRows } from '../../src/db/client.ts';
import { demoPassword, loadDemoData } from '../../src/demo/load-demo.ts';
import { titles } from '../../src/platform/errors.ts';
import { Browser } from '../helpers/browser.ts';
import { type ChangeWatch, watchChanges } from '../helpers/change-watch.ts';
import { freshPostgresDatabase, testTarget } from '../helpers/database.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../helpers/private-postgres.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 10 ("Assurance"), item 5: faults. The PostgreSQL server goes away in the middle of writes; the process
// is told to stop while requests are in flight; a late step of a multi-step use case fails inside the database.
// Each time the client gets a clean answer, and the database holds a change whole or not at all.

const NOW = '2026-11-26T10:00:00Z';
const root = join(import.meta.dirname, '../..');
const digits = (pin: string) => pin.replace('-', '');

/** A valid personnummer (Luhn check digit) for the n-th test person, born in 1931 so no demo person has it. */
function personnummer(n: number): string {
  const day = new Date(Date.UTC(1931, 0, 1 + Math.floor(n / 900)));
  const yymmdd = day.toISOString().slice(2, 10).replaceAll('-', '');
  const ten = `${yymmdd}${String(100 + (n % 900))}`;
  const sum = [...ten].reduce((acc, d, i) => {
    const p = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (p > 9 ? p - 9 : p);
  }, 0);
  return `19${ten.slice(0, 6)}-${ten.slice(6)}${(10 - (sum % 10)) % 10}`;
}

type Answer = { status: number; type: string; text: string };

/** One request with a deadline, so a hang fails the test instead of stalling it; a lost request is status 0. */
async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'x-somlos-now': NOW };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(15_000) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  } catch (err) {
    return { status: 0, type: '', text: String(err) };
  }
}

async function apiLogin(url: string, username: string): Promise<string> {
  const res = await call(`${url}/api/session`, {
    method: 'POST',
    body: JSON.stringify({ username, password: demoPassword }),
  });
  assert.equal(res.status, 200, res.text);
  return JSON.parse(res.text).token;
}

/** problem+json with the Swedish title of its status, and nothing of the error inside (no stack, no SQL). */
function assertProblem(res: Answer, status: number, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
  assert.match(res.type, /^application\/problem\+json/, what);
  const body = JSON.parse(res.text);
  assert.deepEqual(Object.keys(body).sort(), ['detail', 'status', 'title', 'type'], what);
  assert.equal(body.title, titles[status], what);
  assert.doesNotMatch(res.text, /\bat |Error|insert|select|faults_/i, `${what}: the error's inside leaks`);
}

/** Waits until the condition holds (polled every 20 ms), failing after `seconds`. */
async function until(condition: () => boolean | Promise<boolean>, what: string, seconds = 20): Promise<void> {
  // Elapsed time on the monotonic clock: a timeout, not a date.
  const deadline = performance.now() + seconds * 1000;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The server for the SIGTERM test (2) starts first, in its own process: it loads its demo data while the other
// tests run, on the other core.
let spawning: Promise<Spawned> | undefined;
before(() => {
  spawning = spawnServer();
  spawning.catch(() => {});
});
after(async () => (await spawning?.catch(() => null))?.drop());

// 1. The database server stops (as a crash would) while writes are in flight, and comes back.

type Outcome = Answer & { pin: string; startedAt: number; endedAt: number };

/** Workers that start SIPs for new persons back to back, each waiting for its answer, until stopped. */
function writeLoad(url: string, token: string, workers: number) {
  const outcomes: Outcome[] = [];
  let next = 0;
  let running = true;
  const work = async () => {
    while (running) {
      const pin = personnummer(next++);
      const startedAt = performance.now();
      const body = { person: { personalIdentityNumber: pin, name: `Prov ${pin}` }, reason: 'Prov' };
      const res = await call(`${url}/api/sips`, { method: 'POST', token, body: JSON.stringify(body) });
      outcomes.push({ ...res, pin, startedAt, endedAt: performance.now() });
    }
  };
  const done = Array.from({ length: workers }, work);
  return {
    outcomes,
    count: (where: (o: Outcome) => boolean) => outcomes.filter(where).length,
    stop: async () => {
      running = false;
      await Promise.all(done);
    },
  };
}

/** Each test person (born 1931) with their SIPs, and per SIP its sip.requested events and access-log rows. */
function storedSips(db: Db) {
  return queryRows<{ pin: string; sipId: string | null; events: number; logs: number }>(
    db,
    sql`select p.personal_identity_number as "pin", s.id as "sipId",
          (select count(*)::int from events e where e.type = 'sip.requested' and e.subject_id = s.id) as "events",
          (select count(*)::int from access_log a
            where a.action = 'create' and a.object_type = 'sip' and a.object_id = s.id) as "logs"
        from persons p left join sips s on s.person_id = p.id
        where p.personal_identity_number like '1931%'`,
  );
}

/** Events and access-log rows about a SIP that does not exist: the other half of a half-written start. */
async function orphans(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select (select count(*) from events where type = 'sip.requested'
                  and subject_id not in (select id from sips))
             + (select count(*) from access_log where object_type = 'sip'
                  and object_id not in (select id from sips)) as "n"`,
  );
  return Number(row!.n);
}

if (testTarget === 'postgres') {
  // PGlite runs inside the process and cannot be stopped on its own, so this part is PostgreSQL's only.
  describe('faults: the PostgreSQL server stops in the middle of writes and starts again', () => {
    let pg: PrivatePostgres;
    let database: Database;
    let app: FastifyInstance;
    let url: string;
    before(async () => {
      pg = await startPrivatePostgres();
      database = await openDatabase({ databaseUrl: pg.url, dataDir: ':memory:' });
      await database.migrate();
      await loadDemoData(database.db);
      const config = loadConfig({ LOG_LEVEL: 'silent', ALLOW_CLOCK_OVERRIDE: '1', DEMO: '1' });
      app = await buildApp({ config, database, clock: () => new Date(NOW) });
      url = await app.listen({ port: 0, host: '127.0.0.1' });
    });
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        await app?.close();
        await database?.close();
      })();
      return closing;
    };
    after(async () => {
      await Promise.race([close(), new Promise((r) => setTimeout(r, 5_000))]);
      await pg?.destroy();
    });

    test('writes in flight get 201 or 503, none is half written, and the same instance serves again', async () => {
      const token = await apiLogin(url, 'psykiatri.karlstad');
      const browser = new Browser(url, {}, { now: NOW });
      assert.equal((await browser.logIn('psykiatri.karlstad')).status, 303);
      assert.equal((await call(`${url}/health`)).status, 200);
      assert.deepEqual(await storedSips(database.db), [], 'no test person before');

      const { outcomes, stopAt, down } = await outage(pg, url, token, browser);
      const figures = assertCleanAnswers(outcomes, stopAt);
      assert.equal(down.health.status, 503, 'GET /health while down');
      assertProblem(down.list, 503, 'GET /api/sips while down');
      assert.equal(down.page.status, 503, 'a page while down');
      assert.match(down.page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(down.page.text, new RegExp(`<h1[^>]*>${titles[503]}</h1>`), 'the Swedish error page');
      assert.match(down.page.text, /<html lang="sv"/);
      await assertWholeOrNothing(database.db, outcomes);

      // The same app instance, on the same pool, without a restart.
      assert.equal((await call(`${url}/health`)).status, 200, 'GET /health after');
      assert.equal((await browser.request('GET', '/')).status, 200, 'the page after');
      assert.equal((await call(`${url}/api/sips`, { token })).status, 200, 'GET /api/sips after');
      // A connection lost while checked out must leave the pool: one kept would make closing wait forever.
      const closed = await Promise.race([
        close().then(() => true),
        new Promise((r) => setTimeout(r, 10_000, false)),
      ]);
      assert.equal(closed, true, 'the app and its pool close: no connection is left checked out');
      console.log('faults, database stop:', JSON.stringify(figures));
    });
  });
}

/**
 * Eight writers start SIPs back to back; after 20 are stored the server is killed, and while it is down
 * /health, an API read and a page are asked for; once ten writes have been refused it starts again, and the
 * writers go on until ten more are stored.
 */
async function outage(pg: PrivatePostgres, url: string, token: string, browser: Browser) {
  const load = writeLoad(url, token, 8);
  try {
    await until(() => load.count((o) => o.status === 201) >= 20, 'writes before the stop');
    const stopAt = performance.now();
    await pg.stop();
    const down = {
      health: await call(`${url}/health`),
      list: await call(`${url}/api/sips`, { token }),
      page: await browser.request('GET', '/'),
    };
    await until(() => load.count((o) => o.startedAt > stopAt && o.status === 503) >= 10, '503s while down');
    const startAt = performance.now();
    await pg.start();
    await until(() => load.count((o) => o.startedAt > startAt && o.status === 201) >= 10, 'writes after');
    return { outcomes: load.outcomes, stopAt, down };
  } finally {
    await load.stop();
  }
}

/** Every answer is 201 or a 503 problem, some writes were cut off at the stop; returns the figures. */
function assertCleanAnswers(outcomes: Outcome[], stopAt: number) {
  const inFlight = outcomes.filter((o) => o.startedAt < stopAt && o.endedAt > stopAt);
  const figures = {
    requests: outcomes.length,
    inFlightAtStop: inFlight.length,
    inFlightCreated: inFlight.filter((o) => o.status === 201).length,
    inFlight503: inFlight.filter((o) => o.status === 503).length,
    created: outcomes.filter((o) => o.status === 201).length,
    unavailable: outcomes.filter((o) => o.status === 503).length,
  };
  const other = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
  assert.deepEqual(other, [], 'every answer is 201 or 503 (no 500, no lost request, no hang)');
  for (const o of outcomes.filter((x) => x.status === 503)) assertProblem(o, 503, `POST /api/sips ${o.pin}`);
  assert.ok(figures.inFlight503 > 0, `writes in flight were cut off by the stop: ${JSON.stringify(figures)}`);
  return figures;
}

/** Each 201 is stored whole (person, SIP, event, access-log row), each 503 left no row, nothing is half written. */
async function assertWholeOrNothing(db: Db, outcomes: Outcome[]) {
  const stored = await storedSips(db);
  const byPin = new Map(stored.map((r) => [r.pin, r]));
  const halfWritten = stored.filter((r) => r.sipId === null || r.events !== 1 || r.logs !== 1);
  assert.deepEqual(halfWritten, [], 'each SIP has its person, one event and one access-log row');
  assert.equal(await orphans(db), 0, 'no event or access-log row without its SIP');
  const created = outcomes.filter((o) => o.status === 201);
  for (const o of created)
    assert.equal(byPin.get(digits(o.pin))?.sipId, JSON.parse(o.text).id, `${o.pin}: its SIP is stored`);
  // A commit whose acknowledgement the crash cut off on its way back would show here (a rare race).
  const leftRows = outcomes.filter((o) => o.status === 503 && byPin.has(digits(o.pin)));
  assert.deepEqual(leftRows, [], 'a 503 write left no row');
  assert.equal(stored.length, created.length, 'the SIPs stored are exactly the 201 answers');
}

// 3. A late step of a multi-step use case fails inside the database: nothing of the earlier steps stays.

/** Runs attempt with a trigger that raises on insert into table when the new row matches `when`. */
async function withFailingInsert<T>(db: Db, table: string, when: SQL, attempt: () => Promise<T>): Promise<T> {
  await db.execute(sql`create or replace function faults_refuse() returns trigger language plpgsql as $$
    begin raise exception 'faults_ injected failure on %', tg_table_name; end $$`);
  await db.execute(sql`create trigger faults_refuse before insert on ${sql.identifier(table)}
    for each row when (${when}) execute function faults_refuse()`);
  try {
    return await attempt();
  } finally {
    await db.execute(sql`drop trigger faults_refuse on ${sql.identifier(table)}`);
    await db.execute(sql`drop function faults_refuse()`);
  }
}

describe('faults: a late step of a use case fails inside the database', () => {
  let s: TestServer;
  let staff: string;
  let admin: string;
  let watch: ChangeWatch;
  before(async () => {
    s = await startTestServer();
    watch = await watchChanges(s.database.db);
    staff = await apiLogin(s.url, 'psykiatri.karlstad');
    admin = await apiLogin(s.url, 'admin.varmland');
  });
  after(() => s.close());

  const post = (token: string, path: string, body: unknown) =>
    call(`${s.url}${path}`, { method: 'POST', token, body: JSON.stringify(body) });

  /**
   * The call fails with a clean 500 while the trigger is there, and no row of any table changed (the change
   * watch sees every row written and kept); without the trigger the same call succeeds and changes the tables
   * the use case writes, so the watch would have seen any of them half written. Returns the successful answer.
   */
  async function leavesNothing(
    failing: { table: string; when: SQL },
    attempt: () => Promise<Answer>,
    writes: { status: number; tables: string[]; exactly?: boolean },
    what: string,
  ): Promise<Answer> {
    const changedTables = async () => [...new Set((await watch.take()).map((c) => c.tableName))].sort();
    await watch.take();
    const failed = await withFailingInsert(s.database.db, failing.table, failing.when, attempt);
    assertProblem(failed, 500, what);
    assert.deepEqual(await changedTables(), [], `${what}: tables changed`);
    const done = await attempt();
    assert.equal(done.status, writes.status, `${what}, without the trigger: ${done.text}`);
    const changed = await changedTables();
    if (writes.exactly) assert.deepEqual(changed, writes.tables, `${what}: the tables written`);
    else for (const t of writes.tables) assert.ok(changed.includes(t), `${what}: writes ${t} (${changed})`);
    return done;
  }

  test('starting a SIP: the access-log row fails, so no person, SIP or event stays', async () => {
    const person = { personalIdentityNumber: personnummer(5000), name: 'Fel Efter Händelse' };
    const done = await leavesNothing(
      { table: 'access_log', when: sql`new.action = 'create'` },
      () => post(staff, '/api/sips', { person, reason: 'Prov' }),
      { status: 201, tables: ['access_log', 'events', 'persons', 'sips'], exactly: true },
      'POST /api/sips',
    );
    assert.equal(JSON.parse(done.text).person.personalIdentityNumber, person.personalIdentityNumber);
  });

  test('creating an account: the welcome mail fails, so no account, roles or password link stays', async () => {
    const unit = JSON.parse((await call(`${s.url}/api/me`, { token: staff })).text).unit.id;
    const account = {
      name: 'Ny Handläggare',
      email: 'ny.handlaggare@example.se',
      username: 'ny.handlaggare',
      unitId: unit,
      roles: ['staff'],
    };
    await leavesNothing(
      { table: 'outbox', when: sql`true` },
      () => post(admin, '/api/admin/accounts', account),
      {
        status: 201,
        tables: ['events', 'outbox', 'password_links', 'role_grants', 'user_roles', 'users'],
        exactly: true,
      },
      'POST /api/admin/accounts',
    );
  });

  test("closing a unit with a successor: the closing's event fails, so no SIP, account or case moves", async () => {
    const pin = personnummer(5001);
    const sip = JSON.parse(
      (
        await post(staff, '/api/sips', {
          person: { personalIdentityNumber: pin, name: 'Flyttas' },
          reason: 'Prov',
        })
      ).text,
    );
    const consent = {
      givenAt: '2026-11-20',
      form: 'written',
      principalIds: ['region-17'],
      relativesMayTakePart: true,
    };
    assert.equal((await post(staff, `/api/sips/${sip.id}/consent`, consent)).status, 200);
    const heir = await post(admin, '/api/admin/units', {
      principalId: 'region-17',
      name: 'Psykiatri Karlstad Nord',
    });
    assert.equal(heir.status, 201, heir.text);
    const closing = sip.convening.unitId as string;
    const done = await leavesNothing(
      { table: 'events', when: sql`new.type = 'admin.unitClosed'` },
      () => post(admin, `/api/admin/units/${closing}/closure`, { successorUnitId: JSON.parse(heir.text).id }),
      { status: 200, tables: ['access_log', 'case_receivers', 'events', 'sips', 'units', 'users'] },
      'POST /api/admin/units/:id/closure',
    );
    const handed = JSON.parse(done.text);
    assert.ok(handed.sips >= 1 && handed.movedAccounts >= 1, `handed over: ${done.text}`);
  });
});

// 2. SIGTERM: the requests in flight finish, new connections are refused, the process exits 0.

type Spawned = { child: ChildProcess; url: string; exit: Promise<number | null>; drop: () => Promise<void> };

/** `node src/main.ts` as npm start runs it, on a database of its own with the demo data; its printed address. */
async function spawnServer(): Promise<Spawned> {
  const pgDb = testTarget === 'postgres' ? await freshPostgresDatabase() : null;
  const database = pgDb ? { DATABASE_URL: pgDb.url, DEMO: '1' } : { DATA_DIR: ':memory:' };
  const child = spawn(join(root, 'node_modules/.bin/node'), ['src/main.ts'], {
    cwd: root,
    // Every request names its moment (ALLOW_CLOCK_OVERRIDE and NOW): the process's own clock is the wall's.
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      JOB_INTERVAL_SECONDS: '0',
      // The base demo: the living demo's history would work in the background while the faults are made.
      DEMO_ACTIVITY: '0',
      ALLOW_CLOCK_OVERRIDE: '1',
      ...database,
    },
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const drop = async () => {
    child.kill('SIGKILL');
    await pgDb?.drop();
  };
  try {
    // Generous: the start loads the demo data while both suites run side by side on two shared cores, and a
    // loaded machine has been seen to need more than a minute.
    await until(
      () => /running at http:\/\/\S+ on the/.test(output) || child.exitCode !== null,
      'the start',
      180,
    );
    const url = output.match(/running at (http:\/\/\S+) on the/)?.[1];
    assert.ok(url, `the server printed no address: ${output}`);
    return { child, url, exit, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}

type Slow = { finish: () => void; answer: Promise<{ status: number; text: string }> };

/**
 * A POST whose body comes slowly: the headers first, and once the server has them (its 100 Continue), half
 * the body. The request is then in flight until finish() sends the rest.
 */
function slowPost(url: string, path: string, body: unknown, token?: string): Promise<Slow> {
  const bytes = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': bytes.length,
        'x-somlos-now': NOW,
        expect: '100-continue',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    const answer = new Promise<{ status: number; text: string }>((done) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      });
      // An error before the answer is the test's finding, never an unhandled rejection.
      req.on('error', (err) => done({ status: 0, text: String(err) }));
    });
    // A request that stalls (no 100 Continue, no answer) fails the test instead of hanging it.
    req.setTimeout(30_000, () => req.destroy(new Error(`${path}: no progress in 30 s`)));
    req.on('error', reject);
    req.on('continue', () => {
      req.write(bytes.subarray(0, bytes.length >> 1));
      resolve({ finish: () => req.end(bytes.subarray(bytes.length >> 1)), answer });
    });
  });
}

/** Whether a new TCP connection to the server's port is refused. */
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('faults: SIGTERM lets the requests in flight finish', () => {
  let server: Spawned;
  before(async () => {
    server = await spawning!;
  });

  test('slow requests in flight at SIGTERM all complete; new connections are refused; the exit is 0', async () => {
    const token = await apiLogin(server.url, 'psykiatri.karlstad');
    const pins = [6000, 6001, 6002, 6003].map(personnummer);
    const slow = await Promise.all([
      ...pins.map((pin) =>
        slowPost(
          server.url,
          '/api/sips',
          { person: { personalIdentityNumber: pin, name: 'Sen' }, reason: 'Prov' },
          token,
        ),
      ),
      slowPost(server.url, '/api/session', { username: 'soc.karlstad', password: demoPassword }),
    ]);
    server.child.kill('SIGTERM');
    await until(() => refusesConnections(server.url), 'new connections refused');
    assert.equal(server.child.exitCode, null, 'still running while requests are in flight');
    for (const r of slow) r.finish();
    const answers = await Promise.all(slow.map((r) => r.answer));
    for (const [i, pin] of pins.entries()) {
      assert.equal(answers[i]!.status, 201, answers[i]!.text);
      assert.equal(
        JSON.parse(answers[i]!.text).person.personalIdentityNumber,
        pin,
        'the whole SIP came back',
      );
    }
    assert.equal(answers[4]!.status, 200, answers[4]!.text);
    assert.match(JSON.parse(answers[4]!.text).token, /^\S{20,}$/, 'the login came back with its token');
    assert.equal(await server.exit, 0);
    console.log('faults, SIGTERM:', JSON.stringify({ inFlight: slow.length, completed: answers.length }));
  });
});

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { type ChangeWatch, watchChanges } from '../helpers/change-watch.ts';
import { freshPostgresDatabase, testTarget } from '../helpers/database.ts';
import { type Answer, apiLogin, assertProblem, call, NOW, personnummer, until } from '../helpers/faults.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 10 ("Assurance"), item 5: faults (with faults-outage.test.ts). A late step of a multi-step use case fails
// inside the database; the process is told to stop while requests are in flight. Each time the client gets a
// clean answer, and the database holds a change whole or not at all.

const root = join(import.meta.dirname, '../..');

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

describe('faults: a late step fails inside the database; SIGTERM lets the requests in flight finish', () => {
  // The server for the SIGTERM test (2) starts first, in its own process: it loads its demo data while the other
  // tests run, on the other core.
  let spawning: Promise<Spawned> | undefined;
  before(() => {
    spawning = spawnServer();
    spawning.catch(() => {});
  });
  after(async () => (await spawning?.catch(() => null))?.drop());

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
        () =>
          post(admin, `/api/admin/units/${closing}/closure`, { successorUnitId: JSON.parse(heir.text).id }),
        { status: 200, tables: ['access_log', 'case_receivers', 'events', 'sips', 'units', 'users'] },
        'POST /api/admin/units/:id/closure',
      );
      const handed = JSON.parse(done.text);
      assert.ok(handed.sips >= 1 && handed.movedAccounts >= 1, `handed over: ${done.text}`);
    });
  });

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
});

import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { DataDirLocked, lockFileName } from '../src/db/data-dir-lock.ts';
import { counties, users } from '../src/modules/organisations/schema.ts';
import { prepareDatabase } from '../src/startup.ts';
import { testClock } from './helpers/clock.ts';
import { freshDatabase, freshPostgresDatabase, testTarget } from './helpers/database.ts';

const root = join(import.meta.dirname, '..');
const tempDir = () => mkdtempSync(join(tmpdir(), 'somlos-startup-'));
type Started = {
  child: ChildProcess;
  address: Promise<string>;
  exit: Promise<number | null>;
  output: () => string;
};

/**
 * `node src/main.ts` on this data directory and a free port, as npm start runs it; scheduled jobs off, and the
 * base demo only (the living demo's history would write to the data directory while these tests watch it).
 */
function start(dir: string): Started {
  const child = spawn(join(root, 'node_modules/.bin/node'), ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      JOB_INTERVAL_SECONDS: '0',
      DEMO_ACTIVITY: '0',
    },
  });
  let output = '';
  const collect = (d: Buffer) => {
    output += d;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const address = new Promise<string>((resolve, reject) => {
    // Generous: tests share two cores. The start time itself is measured by npm run bench, not here.
    const timer = setTimeout(() => reject(new Error(`no address within 180 s: ${output}`)), 180_000);
    child.stdout.on('data', () => {
      const m = output.match(/running at (http:\/\/\S+) on the embedded database/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${output}`));
    });
  });
  address.catch(() => {});
  return { child, address, exit, output: () => output };
}

/** dir and everything under it with its size and modification time: what a write would change. */
function tree(dir: string, prefix = ''): string[] {
  const here = statSync(join(dir, prefix));
  const entries = [`${prefix}/ ${here.mtimeMs}`];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const path = join(prefix, name);
    const stat = statSync(join(dir, path));
    if (stat.isDirectory()) entries.push(...tree(dir, path));
    else entries.push(`${path} ${stat.size} ${stat.mtimeMs}`);
  }
  return entries;
}

/** An id no process has: one that just exited. */
function deadPid(): number {
  const child = spawnSync('true');
  return child.pid!;
}

async function script(name: string, args: string[], dataDir: string) {
  const child = spawn(process.execPath, [join(root, 'scripts', name), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, output };
}

const demoUser = (db: Awaited<ReturnType<typeof prepareDatabase>>['database']['db']) =>
  db.select().from(users).where(eq(users.username, 'psykiatri.karlstad'));

if (testTarget === 'pglite') {
  test('a new embedded database gets the demo data; reopened, it keeps it and loads nothing twice', async () => {
    const dir = tempDir();
    try {
      const first = await prepareDatabase(loadConfig({ DATA_DIR: dir }));
      assert.equal(first.demo, true);
      const userCount = await first.database.db.$count(users);
      await first.database.close();
      const again = await prepareDatabase(loadConfig({ DATA_DIR: dir }));
      assert.equal(again.demo, true);
      assert.equal(await again.database.db.$count(users), userCount);
      assert.equal(await again.database.db.$count(counties), 4);
      await again.database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('npm start serves the embedded database with demo data, prints the address and a login, and stops on SIGTERM while the living demo fills in', async () => {
    const dir = tempDir();
    const child = spawn(join(root, 'node_modules/.bin/node'), ['src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'warn' },
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        // Generous: tests share two cores. The start time itself is measured by npm run bench, not here.
        const timer = setTimeout(() => reject(new Error(`no address within 180 s: ${output}`)), 180_000);
        child.stdout.on('data', () => {
          const m = output.match(/running at (http:\/\/\S+) on the embedded database/);
          if (
            m &&
            output.includes('Demo login: psykiatri.karlstad / demo-2026') &&
            output.includes('Demo: two years of work in the four counties are being filled in')
          ) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const health = await fetch(`${address}/health`);
      assert.equal(health.status, 200);
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('one process owns an embedded data directory', () => {
    test('a second npm start on a directory a running server holds exits 1 with a message and writes nothing; after a SIGKILL the next start runs', async () => {
      const dir = tempDir();
      const first = start(dir);
      let second: Started | undefined;
      let third: Started | undefined;
      try {
        const address = await first.address;
        const before = tree(dir);
        assert.ok(existsSync(join(dir, lockFileName)), before.join('\n'));
        second = start(dir);
        const refused = await Promise.race([second.exit, second.address.then(() => 'it started as well')]);
        assert.equal(refused, 1, second.output());
        assert.match(
          second.output(),
          new RegExp(`används av process ${first.child.pid} .*stoppa Sömlös först`),
        );
        assert.match(second.output(), new RegExp(`open in process ${first.child.pid} .*stop Sömlös first`));
        assert.doesNotMatch(second.output(), /\bat .*\.ts:\d+/, 'a message, not a stack trace');
        assert.deepEqual(tree(dir), before, 'the refused start wrote nothing in the data directory');
        assert.equal((await fetch(`${address}/health`)).status, 200, 'the first server runs on');

        // Killed, the first server leaves its lock behind; the process it names is gone, so it does not hold.
        first.child.kill('SIGKILL');
        await first.exit;
        assert.ok(existsSync(join(dir, lockFileName)), 'the killed process left its lock');
        third = start(dir);
        const again = await third.address;
        assert.equal((await fetch(`${again}/health`)).status, 200);
        assert.equal(JSON.parse(readFileSync(join(dir, lockFileName), 'utf8')).pid, third.child.pid);
        third.child.kill('SIGTERM');
        assert.equal(await third.exit, 0);
        assert.equal(existsSync(join(dir, lockFileName)), false, 'a clean stop releases the lock');
      } finally {
        for (const s of [first, second, third]) s?.child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('the lock names its process by id and start time: a reused id does not hold it, the holder itself does', async () => {
      const dir = tempDir();
      const lock = join(dir, lockFileName);
      try {
        const database = await openDatabase({ dataDir: dir });
        const held = JSON.parse(readFileSync(lock, 'utf8'));
        assert.equal(held.pid, process.pid);
        // The same process opening it again (or anyone while it runs) is refused, and the lock stays its own.
        await assert.rejects(openDatabase({ dataDir: dir }), (e) => e instanceof DataDirLocked);
        assert.deepEqual(JSON.parse(readFileSync(lock, 'utf8')), held);
        await database.close();
        assert.equal(existsSync(lock), false);

        // A lock from a process that died, whose id now belongs to a live process started later (this one).
        for (const stale of [
          { ...held, started: '1' },
          { ...held, boot: 'another-boot' },
          { ...held, pid: deadPid() },
          'not a lock',
        ]) {
          writeFileSync(lock, typeof stale === 'string' ? stale : JSON.stringify(stale));
          const reopened = await openDatabase({ dataDir: dir });
          assert.equal(JSON.parse(readFileSync(lock, 'utf8')).started, held.started, JSON.stringify(stale));
          await reopened.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('npm run backup and npm run restore take the same lock: refused while Sömlös holds the directory', async () => {
      const dir = tempDir();
      try {
        const database = await openDatabase({ dataDir: dir });
        await database.migrate();
        const before = tree(dir);
        const backup = await script('backup.ts', ['--out', join(dir, 'b.tar.gz')], dir);
        assert.equal(backup.code, 1, backup.output);
        assert.match(backup.output, new RegExp(`open in process ${process.pid} .*stop Sömlös first`));
        const fake = join(tmpdir(), `somlos-fake-${process.pid}.tar.gz`);
        writeFileSync(fake, Buffer.from([0x1f, 0x8b, 0, 0, 0]));
        const restore = await script('restore.ts', ['--from', fake, '--force'], dir);
        rmSync(fake);
        assert.equal(restore.code, 1, restore.output);
        assert.match(restore.output, new RegExp(`open in process ${process.pid} .*stop Sömlös first`));
        assert.deepEqual(tree(dir), before, 'neither script wrote in the data directory');
        await database.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
} else {
  test('a PostgreSQL server gets the counties, and the demo data only with DEMO=1', async () => {
    const { url, drop } = await freshPostgresDatabase();
    try {
      const plain = await prepareDatabase(loadConfig({ DATABASE_URL: url }));
      assert.equal(plain.demo, false);
      assert.equal(await plain.database.db.$count(counties), 4);
      assert.deepEqual(await demoUser(plain.database.db), []);
      await plain.database.close();
      const demo = await prepareDatabase(loadConfig({ DATABASE_URL: url, DEMO: '1' }));
      assert.equal(demo.demo, true);
      assert.equal((await demoUser(demo.database.db)).length, 1);
      await demo.database.close();
    } finally {
      await drop();
    }
  });
}

test('the login page lists the demo accounts only in demo mode', async () => {
  for (const demo of ['1', '0']) {
    const database = await freshDatabase();
    await database.migrate();
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO: demo }),
      database,
      clock: testClock,
    });
    const res = await app.inject({ method: 'GET', url: '/logga-in' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.includes('Demokonton'), demo === '1', `DEMO=${demo}`);
    assert.equal(res.body.includes('psykiatri.karlstad'), demo === '1');
    await app.close();
    await database.close();
  }
});

test('FIXED_NOW stands the clock of a started server still, for tests only: never without ALLOW_CLOCK_OVERRIDE', () => {
  const at = '2026-12-07T09:00:00Z';
  assert.throws(
    () => loadConfig({ FIXED_NOW: at }),
    /FIXED_NOW: is for tests only and needs ALLOW_CLOCK_OVERRIDE=1/,
  );
  assert.throws(() => loadConfig({ FIXED_NOW: 'måndag', ALLOW_CLOCK_OVERRIDE: '1' }), /FIXED_NOW/);
  assert.equal(loadConfig({ FIXED_NOW: at, ALLOW_CLOCK_OVERRIDE: '1' }).FIXED_NOW, at);
  assert.equal(loadConfig({}).FIXED_NOW, undefined);
});

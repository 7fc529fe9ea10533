import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { counties, users } from '../src/modules/organisations/schema.ts';
import { prepareDatabase } from '../src/startup.ts';
import { freshDatabase, freshPostgresDatabase, testTarget } from './helpers/database.ts';

const root = join(import.meta.dirname, '..');
const tempDir = () => mkdtempSync(join(tmpdir(), 'somlos-startup-'));
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

  test('npm start serves the embedded database with demo data, prints the address and a login, and stops on SIGTERM', async () => {
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
        const timer = setTimeout(() => reject(new Error(`no address within 60 s: ${output}`)), 60_000);
        child.stdout.on('data', () => {
          const m = output.match(/running at (http:\/\/\S+) on the embedded database/);
          if (m && output.includes('Demo login: psykiatri.karlstad / demo-2026')) {
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
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DEMO: demo }), database });
    const res = await app.inject({ method: 'GET', url: '/logga-in' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.includes('Demokonton'), demo === '1', `DEMO=${demo}`);
    assert.equal(res.body.includes('psykiatri.karlstad'), demo === '1');
    await app.close();
    await database.close();
  }
});

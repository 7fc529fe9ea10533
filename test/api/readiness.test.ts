import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, queryRows } from '../../src/db/client.ts';
import { titles } from '../../src/platform/errors.ts';
import { testClock } from '../helpers/clock.ts';
import { testTarget } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// /health is liveness (the process runs, the database answers); /ready is readiness: the database takes a write.
// A database that answers reads but refuses writes is live and not ready.

/** Makes the database refuse writes from now on; returns the address of a Sömlös on it. */
async function readOnly(s: TestServer): Promise<{ url: string; close: () => Promise<void> }> {
  if (testTarget === 'pglite') {
    // PGlite has one session, the app's own.
    await s.database.db.execute(sql`set default_transaction_read_only = on`);
    return { url: s.url, close: async () => {} };
  }
  // Another instance (its own pool), built while the database still takes writes: Sömlös starts writable.
  const database: Database = await s.database.secondInstance();
  const app: FastifyInstance = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    clock: testClock,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // Then every new connection is read-only, and every other connection is dropped, as after a fail-over to a
  // standby: that instance's pool connects again, read-only.
  const [row] = await queryRows<{ name: string }>(s.database.db, sql`select current_database() as name`);
  await s.database.db.execute(
    sql.raw(`alter database "${row!.name}" set default_transaction_read_only = on`),
  );
  await s.database.db.execute(sql`select pg_terminate_backend(pid, 5000) from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()`);
  for (let i = 0; i < 50 && (await fetch(`${url}/health`)).status !== 200; i++)
    await new Promise((r) => setTimeout(r, 100));
  return { url, close: () => app.close() };
}

describe(`readiness: /ready proves the database takes a write (${testTarget})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('GET /ready answers 200 {"status":"ready"} without login, and leaves no row behind', async () => {
    const secrets = () => queryRows(s.database.db, sql`select name from app_secrets order by 1`);
    const before = await secrets();
    for (let i = 0; i < 3; i++) {
      const res = await s.api('GET', '/ready');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, { status: 'ready' });
    }
    assert.deepEqual(await secrets(), before);
  });

  test('a database that refuses writes: /health stays 200, /ready is 503 problem+json in Swedish', async () => {
    const ro = await readOnly(s);
    try {
      const health = await fetch(`${ro.url}/health`);
      assert.equal(health.status, 200, 'the process and the database are alive');
      const res = await fetch(`${ro.url}/ready`);
      const text = await res.text();
      assert.equal(res.status, 503, text);
      assert.match(res.headers.get('content-type')!, /^application\/problem\+json/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = JSON.parse(text);
      assert.deepEqual(Object.keys(body).sort(), ['detail', 'status', 'title', 'type']);
      assert.equal(body.title, titles[503]);
      assert.match(body.detail, /skrivningar/);
      assert.doesNotMatch(text, /read-only|insert|app_secrets|\bat /i, 'nothing of the error inside leaks');
    } finally {
      await ro.close();
    }
    if (testTarget === 'pglite') {
      await s.database.db.execute(sql`set default_transaction_read_only = off`);
      assert.equal((await s.api('GET', '/ready')).status, 200, 'ready again once writes are taken');
    }
  });

  test('a database that is gone: /ready is 503 as /health is', async () => {
    const other = await startTestServer();
    await other.database.close();
    assert.equal((await other.api('GET', '/health')).status, 503);
    const res = await other.api('GET', '/ready');
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-type')!, /^application\/problem\+json/);
    await other.app.close();
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';

/**
 * Which database the suite runs on: TEST_DB=postgres with TEST_DATABASE_URL (a server; each test file gets
 * a database of its own), otherwise embedded PGlite in memory. scripts/test.sh runs the suite on both.
 */
export const testTarget = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/**
 * A test database. `secondInstance` is what another instance of Sömlös would have: a connection pool of its
 * own to the same PostgreSQL database; on PGlite, which one process owns, the same database again.
 */
export type TestDatabase = Database & { secondInstance: () => Promise<Database> };

export async function freshDatabase(): Promise<TestDatabase> {
  if (testTarget === 'pglite') {
    const database = await openDatabase({ dataDir: ':memory:', loadDataDir: await emptyPgliteCluster() });
    return { ...database, secondInstance: async () => ({ ...database, close: async () => {} }) };
  }
  const { url, drop } = await freshPostgresDatabase();
  const database = await openDatabase({ databaseUrl: url, dataDir: ':memory:' });
  const others: Database[] = [];
  return {
    ...database,
    secondInstance: async () => {
      const other = await openDatabase({ databaseUrl: url, dataDir: ':memory:' });
      others.push(other);
      return other;
    },
    close: async () => {
      for (const other of others) await other.close();
      await database.close();
      await drop();
    },
  };
}

/** An empty database of its own on the test PostgreSQL server, and a function that drops it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `somlos_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)),
  };
}

async function withAdmin(url: string, fn: (c: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new in-memory PGlite runs initdb, which takes seconds; every test file needs a fresh, empty database. The
 * first file to ask makes one, keeps its data directory's dump in the temporary directory (keyed by PGlite's
 * version, written to a file of its own and renamed, so files starting together never read half of it), and
 * every file then starts from the dump in a fraction of the time. Nothing but an empty cluster is in it.
 */
async function emptyPgliteCluster(): Promise<Blob> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  const { version } = JSON.parse(
    readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  );
  const file = join(tmpdir(), `somlos-pglite-empty-${version}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const fresh = new PGlite();
  await fresh.waitReady;
  const dump = await fresh.dumpDataDir('none');
  await fresh.close();
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, type Db, openDatabase } from '../../src/db/client.ts';
import { fillDemoActivity } from '../../src/demo/living/living-demo.ts';
import { loadDemoData } from '../../src/demo/load-demo.ts';
import { TEST_NOW } from './clock.ts';

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
  if (testTarget === 'pglite') return pgliteFrom(await emptyPgliteCluster());
  return postgresFrom(await freshPostgresDatabase());
}

/**
 * A fresh database, migrated, with the base demo data (accounts, agreements, follow-up plans; no SIP, deviation
 * or dispute, so every test starts from the same empty work: `npm start` adds the living demo on top). Migrating
 * and loading the demo take a second or two, and almost every test file needs exactly this: it is made once per
 * version of the code (a hash of src/) and copied, on PGlite from a dump kept in the temporary directory, on PostgreSQL with
 * CREATE DATABASE … TEMPLATE.
 */
export async function freshDemoDatabase(): Promise<TestDatabase> {
  if (testTarget === 'pglite') return pgliteFrom(await demoPgliteDump('base'));
  return postgresFrom(await freshPostgresDatabase(await demoPostgresTemplate('base')));
}

/**
 * A fresh database with the living demo, as `npm start` fills it: the base demo and two years of work up to
 * TEST_NOW (src/demo/living/). Only the tests about the living demo use it; made once per version of the code.
 */
export async function freshLivingDemoDatabase(): Promise<TestDatabase> {
  if (testTarget === 'pglite') return pgliteFrom(await demoPgliteDump('living'));
  return postgresFrom(await freshPostgresDatabase(await demoPostgresTemplate('living')));
}

type DemoKind = 'base' | 'living';

/** Loads the demo of that kind into a migrated database. */
async function loadDemo(db: Db, kind: DemoKind) {
  await loadDemoData(db, { living: kind === 'living' });
  if (kind === 'living') await fillDemoActivity(db, { now: new Date(TEST_NOW), publicUrl: 'http://test' });
}

function pgliteFrom(dump: Blob): Promise<TestDatabase> {
  return openDatabase({ dataDir: ':memory:', loadDataDir: dump }).then((database) => ({
    ...database,
    secondInstance: async () => ({ ...database, close: async () => {} }),
  }));
}

async function postgresFrom({
  url,
  drop,
}: {
  url: string;
  drop: () => Promise<void>;
}): Promise<TestDatabase> {
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
export async function freshPostgresDatabase(
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = postgresServerUrl();
  const name = `somlos_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (c) =>
    c.query(`create database ${name}${template ? ` template ${template}` : ''}`),
  );
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => withAdmin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)),
  };
}

function postgresServerUrl(): string {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  return serverUrl;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The demo template on the test server, made by the first test file that asks (the others wait on an advisory
 * lock) and never connected to afterwards, so CREATE DATABASE can copy it.
 */
async function demoPostgresTemplate(kind: DemoKind): Promise<string> {
  const serverUrl = postgresServerUrl();
  const template = `somlos_${kind === 'base' ? 'demo' : 'living'}_${codeVersion().slice(0, 16)}`;
  await withAdmin(serverUrl, async (c) => {
    await c.query('select pg_advisory_lock(727002)');
    try {
      const found = await c.query('select 1 from pg_database where datname = $1', [template]);
      if (found.rowCount) return;
      const building = `${template}_building_${process.pid}`;
      await c.query(`create database ${building}`);
      const database = await openDatabase({
        databaseUrl: databaseUrl(serverUrl, building),
        dataDir: ':memory:',
      });
      await database.migrate();
      await loadDemo(database.db, kind);
      await database.close();
      await c.query(`alter database ${building} rename to ${template}`);
    } finally {
      await c.query('select pg_advisory_unlock(727002)');
    }
  });
  return template;
}

/** The demo database's PGlite dump, made once per version of the code, like the empty cluster's. */
async function demoPgliteDump(kind: DemoKind): Promise<Blob> {
  const name = kind === 'base' ? 'demo' : 'living';
  return cachedDump(`somlos-pglite-${name}-${codeVersion().slice(0, 16)}.tar`, async () => {
    const database = await openDatabase({ dataDir: ':memory:', loadDataDir: await emptyPgliteCluster() });
    await database.migrate();
    await loadDemo(database.db, kind);
    // Drizzle keeps the PGlite client it was given.
    const dump = await (database.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
    await database.close();
    return dump;
  });
}

/** A hash of everything under src/ (code, migrations, reference data): a demo template is valid for one. */
let version: string | undefined;
function codeVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(relative(root, path)).update(readFileSync(path));
    }
  };
  walk(join(root, 'src'));
  version = hash.digest('hex');
  return version;
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

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A new in-memory PGlite runs initdb, which takes seconds; every test file needs a fresh, empty database. The
 * first file to ask makes one and keeps its data directory's dump in the temporary directory (keyed by
 * PGlite's version); every file then starts from the dump in a fraction of the time.
 */
async function emptyPgliteCluster(): Promise<Blob> {
  const { version } = JSON.parse(
    readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  );
  return cachedDump(`somlos-pglite-empty-${version}.tar`, async () => {
    const fresh = new PGlite();
    await fresh.waitReady;
    const dump = await fresh.dumpDataDir('none');
    await fresh.close();
    return dump;
  });
}

/**
 * A PGlite dump kept in the temporary directory under `name`, made by `make` when missing. Written to a file of
 * its own and renamed, so files starting together never read half of one.
 */
async function cachedDump(name: string, make: () => Promise<Blob>): Promise<Blob> {
  const file = join(tmpdir(), name);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const dump = await make();
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Drizzle over either database; also the type of a transaction handle. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** True when this call created the database (an embedded one with no data directory before). */
  isNew: boolean;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
// Drizzle maps camelCase properties to snake_case columns, as drizzle-kit generated them.
const casing = 'snake_case' as const;

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite in dataDir (":memory:" for none). */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  /** For an in-memory database: start from this dump of a data directory instead of a new cluster. */
  loadDataDir?: Blob;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir, opts.loadDataDir);
}

/**
 * PGlite's own start parameters, with a smaller buffer cache: PostgreSQL's default of 128 MB of shared buffers is
 * memory inside the server process (PGlite's WebAssembly memory never shrinks), where a separate PostgreSQL keeps
 * it in its own processes. The embedded database is the small deployment's (a county's demo, a test); its pages
 * are in the operating system's file cache anyway. 16 MB took 160 MiB off the process (issue 27's RSS aim).
 */
const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  let isNew = true;
  let client: PGlite;
  let unlock = () => {};
  if (dataDir === ':memory:') {
    client = new PGlite({ loadDataDir, startParams: pgliteStartParams });
  } else {
    const dir = resolve(dataDir, 'pglite');
    mkdirSync(dirname(dir), { recursive: true });
    // Before PGlite touches a file: a second process on the same directory is refused here, having written nothing.
    unlock = lockDataDir(dirname(dir));
    isNew = !existsSync(join(dir, 'PG_VERSION'));
    client = new PGlite(dir, { startParams: pgliteStartParams });
  }
  try {
    await client.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite({ client, schema, casing }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    isNew,
    migrate: () => migratePglite(drizzlePglite({ client, casing }), { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
  // A dropped connection must not crash the process; the next query reports the error instead.
  pool.on('error', () => {});
  releaseDroppedClients(pool);
  if (process.env.PG_PREPARED_STATEMENTS !== '0') pool.on('connect', prepareRepeatedStatements);
  const db = drizzlePg({ client: pool, schema, casing }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    isNew: false,
    migrate: async () => {
      // Two instances starting together must not both migrate: hold an advisory lock while migrating.
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(727001)');
        await migratePg(drizzlePg({ client: conn, casing }), { migrationsFolder });
      } finally {
        await conn.query('select pg_advisory_unlock(727001)').catch(() => {});
        conn.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

/**
 * A client checked out of the pool (for a transaction) leaves it as soon as its connection drops. The pool
 * listens for errors on idle clients only, so without this the server going away mid-transaction is an
 * uncaught exception; and Drizzle releases a transaction's client only once its BEGIN succeeded, so a BEGIN on a
 * connection just dropped kept the client checked out for good, until every request waited for a free one.
 */
function releaseDroppedClients(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool);
  const guard = (client: pg.PoolClient) => {
    const release = client.release;
    let released = false;
    const onError = (err: Error) => client.release(err);
    client.on('error', onError);
    client.release = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      client.off('error', onError);
      release(err);
    };
    return client;
  };
  // pool.query() passes a callback and releases its client itself; only promised checkouts are guarded.
  pool.connect = ((callback?: Parameters<typeof connect>[0]) =>
    callback ? connect(callback) : connect().then(guard)) as typeof pool.connect;
}

// Statements a connection keeps prepared, at most, and the most parameters a statement may have to be kept: a
// list's `in ($1, …, $n)` with hundreds of ids is a statement of its own for every n, and is rarely repeated.
const preparedPerConnection = 500;
const preparedMaxParameters = 100;
const statementNames = new Map<string, string>();

/**
 * Drizzle sends every statement unnamed, so PostgreSQL parses and plans it on each call: for the session lookup and
 * a SIP's access rule that is several times the cost of running it (docs/bench/profile-before.md). Named, a
 * statement is parsed once per connection, and after five runs PostgreSQL keeps a generic plan when it is as good.
 * The name is a hash of the text, so the same text is the same statement on every connection. A connection keeps
 * at most `preparedPerConnection` of them (the rest go unnamed, as before); behind a pooler in transaction mode
 * that does not keep prepared statements (PgBouncer before 1.21), PG_PREPARED_STATEMENTS=0 turns this off.
 */
function prepareRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
    if (isUnnamedStatement(config)) {
      // Only statements with parameters: one without goes by the simple protocol, which also takes several
      // statements in one text (migrations), and a prepared statement cannot.
      const values = (config.values ?? rest[0]) as unknown[] | undefined;
      const count = values?.length ?? 0;
      if (count > 0 && count <= preparedMaxParameters) {
        const name = statementName(config.text);
        if (prepared.has(name) || prepared.size < preparedPerConnection) {
          prepared.add(name);
          return query({ ...config, name }, ...rest);
        }
      }
    }
    return query(config, ...rest);
  };
}

function isUnnamedStatement(config: unknown): config is { text: string; name?: string; values?: unknown[] } {
  return (
    typeof config === 'object' &&
    config !== null &&
    typeof (config as { text?: unknown }).text === 'string' &&
    !(config as { name?: unknown }).name
  );
}

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('base64url')}`;
    // A bound on the map itself: statements are few, but a text made per call must not grow it for ever.
    if (statementNames.size > 10_000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/** Runs raw SQL and returns its rows; both drivers answer with { rows }. For the few queries Drizzle cannot say. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { backupKindOf } from '../../scripts/backup-common.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Db, openDatabase, queryRows } from '../../src/db/client.ts';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { prepareDatabase } from '../../src/startup.ts';
import { freshPostgresDatabase, testTarget } from '../helpers/database.ts';

// npm run backup and npm run restore, run as an operator would (node scripts/… with the app's environment), on
// the suite's database: a database with the demo data and real activity comes back whole, every table row by
// row, the access log included, and Sömlös runs on the restored copy.

const root = join(import.meta.dirname, '../..');
const NOW = '2026-12-04T09:00:00Z';
const tolvan = { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' };
type Env = Record<string, string>;

/** Each table (and sequence) by name, with the md5 of each of its rows sorted; and the schema's definitions. */
type Snapshot = { tables: Map<string, string[]>; definitions: string[] };

const userSchemas = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`;

/** Every table and sequence outside PostgreSQL's own schemas, found in pg_catalog (the migrations table too). */
async function snapshot(db: Db): Promise<Snapshot> {
  const relations = await queryRows<{ schema: string; name: string; kind: string }>(
    db,
    sql.raw(`select n.nspname as schema, c.relname as name, c.relkind::text as kind
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'S') and ${userSchemas} order by 1, 2`),
  );
  const tables = new Map<string, string[]>();
  for (const r of relations) {
    const from = sql`${sql.identifier(r.schema)}.${sql.identifier(r.name)}`;
    const row = r.kind === 'S' ? sql`t.last_value::text || '/' || t.is_called::text` : sql`t::text`;
    const rows = await queryRows<{ h: string }>(db, sql`select md5(${row}) as h from ${from} t`);
    tables.set(`${r.schema}.${r.name}${r.kind === 'S' ? ' (sequence)' : ''}`, rows.map((x) => x.h).sort());
  }
  return { tables, definitions: await definitions(db) };
}

/** Columns, constraints, indexes, triggers and functions, as PostgreSQL prints them. */
async function definitions(db: Db): Promise<string[]> {
  const rows = await queryRows<{ d: string }>(
    db,
    sql.raw(`
      select 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' '
        || is_nullable || ' ' || coalesce(column_default, '') as d
        from information_schema.columns c join pg_namespace n on n.nspname = c.table_schema where ${userSchemas}
      union all select 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(k.oid)
        from pg_constraint k join pg_namespace n on n.oid = k.connamespace where ${userSchemas}
      union all select 'index ' || indexdef from pg_indexes n(nspname) where ${userSchemas}
      union all select 'trigger ' || pg_get_triggerdef(t.oid) from pg_trigger t where not t.tgisinternal
      union all select 'function ' || pg_get_functiondef(p.oid)
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${userSchemas}`),
  );
  return rows.map((r) => r.d).sort();
}

async function snapshotOf(env: Env): Promise<Snapshot> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? ':memory:' });
  return snapshot(database.db).finally(() => database.close());
}

/** Row by row: the rows of `a` that `b` lacks (lost or changed) and the rows `b` has beyond `a`. */
function compare(a: Snapshot, b: Snapshot) {
  const counted = { tables: 0, sequences: 0, rows: 0, lost: 0, added: 0 };
  for (const [name, hashes] of a.tables) {
    if (name.endsWith(' (sequence)')) counted.sequences++;
    else {
      counted.tables++;
      counted.rows += hashes.length;
    }
    const left = new Map<string, number>();
    for (const h of b.tables.get(name) ?? []) left.set(h, (left.get(h) ?? 0) + 1);
    for (const h of hashes) {
      const n = left.get(h) ?? 0;
      if (n === 0) counted.lost++;
      else left.set(h, n - 1);
    }
    for (const n of left.values()) counted.added += n;
  }
  for (const [name, hashes] of b.tables) if (!a.tables.has(name)) counted.added += hashes.length;
  return counted;
}

async function runScript(script: string, args: string[], env: Env) {
  const child = spawn(process.execPath, [join(root, 'scripts', script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, output };
}

/** Sömlös as npm start prepares it (migrations, reference data, demo data where new), answering real HTTP. */
async function serve(env: Env) {
  const config = loadConfig({
    ...env,
    LOG_LEVEL: 'silent',
    ALLOW_CLOCK_OVERRIDE: '1',
    JOB_INTERVAL_SECONDS: '0',
  });
  const { database } = await prepareDatabase(config);
  const app: FastifyInstance = await buildApp({ config, database, clock: () => new Date(NOW) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const call = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = { 'x-somlos-now': NOW };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(address + path, { method, headers, body: JSON.stringify(opts.body) });
    return { status: res.status, body: await res.json() };
  };
  const login = async (username: string) => {
    const res = await call('POST', '/api/session', { body: { username, password: demoPassword } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.token as string;
  };
  const close = async () => {
    await app.close();
    await database.close();
  };
  return { database, call, login, close };
}

/** A place for a database of the suite's kind: an embedded data directory, or an empty PostgreSQL database. */
async function newTarget(dir: string, name: string): Promise<{ env: Env; drop: () => Promise<void> }> {
  if (testTarget === 'pglite') return { env: { DATA_DIR: join(dir, name) }, drop: async () => {} };
  const { url, drop } = await freshPostgresDatabase();
  return { env: { DATABASE_URL: url }, drop };
}

describe(`backup and restore (${testTarget})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'somlos-backup-'));
  const backupFile = join(dir, 'backups', 'somlos-2026-12-04.dump');
  const drops: (() => Promise<void>)[] = [];
  let source: Snapshot;
  let restoredEnv: Env;
  let sip: { id: string; person: { name: string } };
  let token: string;

  before(async () => {
    const src = await newTarget(dir, 'source');
    const restored = await newTarget(dir, 'restored');
    drops.push(src.drop, restored.drop);
    restoredEnv = restored.env;
    const app = await serve({ ...src.env, DEMO: '1' });
    token = await app.login('psykiatri.karlstad');
    const started = await app.call('POST', '/api/sips', {
      token,
      body: { person: tolvan, reason: 'Samordning' },
    });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    sip = started.body;
    assert.equal((await app.call('GET', `/api/sips/${sip.id}`, { token })).status, 200);
    if (testTarget === 'pglite') {
      // One process owns an embedded database: a backup while Sömlös runs is refused, and writes nothing.
      const refused = await runScript('backup.ts', ['--out', backupFile], src.env);
      assert.equal(refused.code, 1, refused.output);
      assert.match(refused.output, new RegExp(`open in process ${process.pid} .*: stop Sömlös first`));
      assert.equal(existsSync(backupFile), false);
    }
    source = await snapshot(app.database.db);
    // PostgreSQL is backed up while Sömlös runs; the embedded database once it has stopped.
    if (testTarget === 'pglite') await app.close();
    const backup = await runScript('backup.ts', ['--out', backupFile], src.env);
    assert.equal(backup.code, 0, backup.output);
    if (testTarget === 'postgres') await app.close();
    const restore = await runScript('restore.ts', ['--from', backupFile], restored.env);
    assert.equal(restore.code, 0, restore.output);
  });
  after(async () => {
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  // The database restored in `before` is only read; a test that changes a restored database makes a copy.
  /** A database of the test's own: a copy of the one restored into an empty database. */
  async function restoredCopy(name: string): Promise<Env> {
    if (testTarget === 'pglite') {
      const { cpSync } = await import('node:fs');
      cpSync(restoredEnv.DATA_DIR!, join(dir, name), { recursive: true });
      return { DATA_DIR: join(dir, name) };
    }
    const template = new URL(restoredEnv.DATABASE_URL!).pathname.slice(1);
    const { url, drop } = await freshPostgresDatabase(template);
    drops.push(drop);
    return { DATABASE_URL: url };
  }

  /** Such a copy that Sömlös has run on since the backup: a login and a read of the SIP are new rows. */
  async function movedOnCopy(name: string): Promise<Env> {
    const env = await restoredCopy(name);
    const app = await serve(env);
    try {
      const again = await app.login('psykiatri.karlstad');
      assert.equal((await app.call('GET', `/api/sips/${sip.id}`, { token: again })).status, 200);
    } finally {
      await app.close();
    }
    return env;
  }

  test('every table comes back row by row into an empty database, the access log and migrations included', async (t) => {
    const restored = await snapshotOf(restoredEnv);
    const result = compare(source, restored);
    t.diagnostic(
      `${result.tables} tables (${result.rows} rows) and ${result.sequences} sequences compared: ` +
        `${result.lost} rows lost or changed, ${result.added} added`,
    );
    assert.deepEqual([...restored.tables.keys()], [...source.tables.keys()]);
    assert.deepEqual({ lost: result.lost, added: result.added }, { lost: 0, added: 0 });
    for (const name of [
      'public.access_log',
      'public.events',
      'public.sessions',
      'drizzle.__drizzle_migrations',
    ])
      assert.ok((source.tables.get(name)?.length ?? 0) > 0, `${name} has rows to compare`);
    assert.deepEqual(restored.definitions, source.definitions, 'the schema, its triggers and functions');
  });

  test('Sömlös runs on the restored database: the old session, a new login, the SIP; the log stays append-only', async () => {
    const app = await serve(await restoredCopy('running'));
    try {
      assert.equal(
        (await app.call('GET', '/api/me', { token })).status,
        200,
        'the session made before the backup',
      );
      const again = await app.login('psykiatri.karlstad');
      const read = await app.call('GET', `/api/sips/${sip.id}`, { token: again });
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.equal(read.body.person.name, tolvan.name);
      // Drizzle wraps the database's error; the trigger's message is on its cause.
      const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message));
      for (const change of [
        "update access_log set username = 'someone'",
        'delete from access_log',
        'truncate access_log',
      ])
        await assert.rejects(app.database.db.execute(sql.raw(change)), refused, change);
    } finally {
      await app.close();
    }
  });

  test('a restore over a database that holds data is refused without --force, and changes nothing', async () => {
    const env = await movedOnCopy('held');
    const held = await snapshotOf(env);
    assert.ok(compare(source, held).added > 0, 'it holds rows the backup lacks, which a restore would lose');
    const refused = await runScript('restore.ts', ['--from', backupFile], env);
    assert.equal(refused.code, 1, refused.output);
    assert.match(refused.output, /already holds .*add --force to replace it/s);
    const after = compare(held, await snapshotOf(env));
    assert.deepEqual({ lost: after.lost, added: after.added }, { lost: 0, added: 0 });
  });

  test('--force replaces it with the backup, and what it held is kept where it can be restored from', async () => {
    const env = await movedOnCopy('forced');
    const held = await snapshotOf(env);
    const forced = await runScript('restore.ts', ['--from', backupFile, '--force'], env);
    assert.equal(forced.code, 0, forced.output);
    const now = compare(source, await snapshotOf(env));
    assert.deepEqual({ lost: now.lost, added: now.added }, { lost: 0, added: 0 }, 'the backup, exactly');
    const keptEnv = await bringBackKept(forced.output);
    const kept = compare(held, await snapshotOf(keptEnv));
    assert.deepEqual({ lost: kept.lost, added: kept.added }, { lost: 0, added: 0 }, 'what it held, exactly');
  });

  /** The copy --force kept, made usable as the script's message tells an operator. */
  async function bringBackKept(output: string): Promise<Env> {
    const path = /kept in (\S+?)\.?\n/.exec(output)?.[1];
    assert.ok(path && existsSync(path), output);
    if (testTarget === 'pglite') {
      mkdirSync(join(dir, 'kept'));
      renameSync(path, join(dir, 'kept', 'pglite'));
      return { DATA_DIR: join(dir, 'kept') };
    }
    assert.equal(backupKindOf(path), 'postgres');
    const target = await newTarget(dir, 'kept');
    drops.push(target.drop);
    const restore = await runScript('restore.ts', ['--from', path], target.env);
    assert.equal(restore.code, 0, restore.output);
    return target.env;
  }

  test('bad arguments print the usage; a backup never replaces an existing file', async () => {
    for (const [script, args] of [
      ['backup.ts', ['--out']],
      ['backup.ts', ['--outfile', 'x']],
      ['restore.ts', []],
      ['restore.ts', ['backup.dump']],
    ] as const) {
      const run = await runScript(script, [...args], restoredEnv);
      assert.equal(run.code, 2, `${script} ${args.join(' ')}: ${run.output}`);
      assert.match(run.output, new RegExp(`Usage: npm run ${script.replace('.ts', '')}`));
    }
    const size = statSync(backupFile).size;
    const again = await runScript('backup.ts', ['--out', backupFile], restoredEnv);
    assert.equal(again.code, 1, again.output);
    assert.match(again.output, /already exists/);
    assert.equal(statSync(backupFile).size, size);
    assert.deepEqual(
      readdirSync(join(dir, 'backups')).filter((f) => f.includes('partial')),
      [],
    );
  });
});

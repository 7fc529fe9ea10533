// What npm run backup and npm run restore share: the database the configuration points at, the PostgreSQL
// client tools, the lock that keeps a running Sömlös and these scripts off each other's embedded database, and writing a backup file so that
// it is either whole or absent. docs/decisions/0013-backup-and-restore.md gives the reasons.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/config.ts';
import { DataDirLocked, withDataDirLock } from '../src/db/data-dir-lock.ts';

export type Target = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
export type BackupKind = Target['kind'];

/** The database Sömlös would open with this environment: DATABASE_URL, else DATA_DIR/pglite (as src/db/client.ts). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): Target {
  const config = loadConfig(env);
  if (config.DATABASE_URL) return { kind: 'postgres', url: config.DATABASE_URL };
  if (config.DATA_DIR === ':memory:')
    throw new Failure('DATA_DIR=:memory: holds nothing to back up or restore.');
  return { kind: 'pglite', dir: resolve(config.DATA_DIR, 'pglite') };
}

/** An error the scripts report as one line, without a stack trace. */
export class Failure extends Error {}

/** Parses the command line strictly; anything unknown prints the usage and exits with 2. */
export function parseCli<T extends Record<string, { type: 'string' | 'boolean' }>>(
  usage: string,
  options: T,
) {
  try {
    const { values, positionals } = parseArgs({ options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
    return values;
  } catch (err) {
    console.error(`${(err as Error).message}\nUsage: ${usage}`);
    process.exit(2);
  }
}

/** Runs a script's main, printing a Failure or any error as a message and exiting with 1. */
export function runMain(main: () => Promise<void>) {
  main().catch((err) => {
    console.error(err instanceof Failure || err instanceof DataDirLocked ? err.message : err);
    process.exit(1);
  });
}

/** YYYY-MM-DDTHHMMSS in UTC, for file names that sort by time. */
export const stamp = (at = new Date()) => at.toISOString().slice(0, 19).replace(/:/g, '');

export const defaultBackupPath = (kind: BackupKind) =>
  join('backups', `somlos-${stamp()}${kind === 'postgres' ? '.dump' : '.tar.gz'}`);

/** A pg_dump custom-format archive starts with PGDMP; PGlite's dumpDataDir('gzip') is a gzipped tar. */
export function backupKindOf(file: string): BackupKind | undefined {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return undefined;
}

/**
 * Writes a backup through `write(partialPath)` and only then gives it its name, so an interrupted backup never
 * looks like a whole one. Never replaces an existing file: a typo in --out must not destroy an older backup.
 * The file is readable by its owner only, as it holds personal data.
 */
export async function writeBackupFile(out: string, write: (partial: string) => Promise<void>) {
  if (existsSync(out)) throw new Failure(`${out} already exists; choose another file name.`);
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  const partial = `${out}.partial-${process.pid}`;
  writeFileSync(partial, '', { mode: 0o600, flag: 'wx' });
  try {
    await write(partial);
    const fd = openSync(partial, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    linkSync(partial, out); // fails with EEXIST rather than replacing a file made meanwhile
  } finally {
    unlinkSync(partial);
  }
}

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL: Debian's client tools, the password passed in the environment rather than on the command line.

/** The newest installed /usr/lib/postgresql/<version>/bin/<tool> (pg_dump must not be older than the server), else PATH. */
export function postgresTool(tool: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', tool)))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  return versions[0] ? join(root, versions[0], 'bin', tool) : tool;
}

/** The URL without its password, and the environment that carries it (a command line is visible to `ps`). */
export function libpq(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env };
}

/** Runs a client tool; its messages go to our stderr, its output is returned; a non-zero exit is a Failure. */
export function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', (err) =>
      fail(new Failure(`${tool} could not run (${err.message}); install postgresql-client.`)),
    );
    child.on('close', (code) => {
      if (code === 0) done(Buffer.concat(out).toString());
      else fail(new Failure(`${tool} failed (exit ${code}); nothing was changed.`));
    });
  });
}

/** pg_dump in its custom format (compressed, restorable table by table), one consistent snapshot. */
export async function dumpPostgres(url: string, out: string) {
  const conn = libpq(url);
  await writeBackupFile(out, async (partial) => {
    await runTool(
      postgresTool('pg_dump'),
      ['--format=custom', `--file=${partial}`, `--dbname=${conn.url}`],
      conn.env,
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// PGlite: one process owns a data directory. Two PGlite instances on one directory would both write its files, so
// the scripts take the same lock as npm start (src/db/data-dir-lock.ts) for as long as they work on it.

/** The data directory (DATA_DIR) of the embedded database in dir (DATA_DIR/pglite): where its lock is. */
export const dataDirOf = (dir: string) => dirname(dir);

export const hasPgliteData = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

/** PGlite's own dump of its data directory, after a checkpoint so the files hold every committed change. */
export async function dumpPglite(dir: string, out: string) {
  if (!hasPgliteData(dir)) throw new Failure(`There is no embedded database in ${dir} (DATA_DIR).`);
  await withDataDirLock(dataDirOf(dir), () =>
    writeBackupFile(out, async (partial) => {
      const db = new PGlite(dir);
      try {
        await db.query('checkpoint');
        const tarball = await db.dumpDataDir('gzip');
        writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
      } finally {
        await db.close();
      }
    }),
  );
}

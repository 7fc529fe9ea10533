// npm run restore -- --from FILE [--force]: brings a backup made by npm run backup into the database the
// configuration points at. A database that already holds Sömlös is replaced only with --force, and even then
// what it held is kept first (PostgreSQL: a backup beside FILE; embedded: the data directory set aside).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { withDataDirLock } from '../src/db/data-dir-lock.ts';
import {
  backupKindOf,
  dataDirOf,
  dumpPostgres,
  Failure,
  libpq,
  parseCli,
  postgresTool,
  runMain,
  runTool,
  stamp,
  targetFromEnv,
} from './backup-common.ts';

const usage = 'npm run restore -- --from FILE [--force]';
const describe = { postgres: 'PostgreSQL (DATABASE_URL)', pglite: 'the embedded database (DATA_DIR)' };

runMain(async () => {
  const args = parseCli(usage, { from: { type: 'string' }, force: { type: 'boolean' } });
  if (!args.from) {
    console.error(`--from FILE is required.\nUsage: ${usage}`);
    process.exit(2);
  }
  const from = args.from;
  if (!existsSync(from)) throw new Failure(`${from} does not exist.`);
  const target = targetFromEnv();
  const kind = backupKindOf(from);
  if (!kind) throw new Failure(`${from} is not a backup made by npm run backup.`);
  if (kind !== target.kind)
    throw new Failure(
      `${from} is a backup of ${describe[kind]}, but this configuration points at ${describe[target.kind]}.`,
    );
  if (target.kind === 'postgres') await restorePostgres(target.url, from, args.force === true);
  else await restorePglite(target.dir, from, args.force === true);
  console.log(`Restored ${from} into ${describe[target.kind]}. Start Sömlös as usual (npm start).`);
});

// ---------------------------------------------------------------------------------------------------------
// PostgreSQL: pg_restore in one transaction, so a failed restore leaves the database as it was.

async function restorePostgres(url: string, from: string, force: boolean) {
  const conn = libpq(url);
  const contents = await runTool(postgresTool('pg_restore'), ['--list', from], conn.env);
  if (!/ TABLE public access_log /.test(contents))
    throw new Failure(`${from} does not hold a Sömlös database.`);
  const tables = await countTables(url);
  if (tables > 0 && !force)
    throw new Failure(
      `The database already holds ${tables} tables. Restore into a new, empty database (createdb), or add --force ` +
        'to replace it (what it holds is backed up first).',
    );
  if (tables > 0) {
    const kept = join(dirname(from), `somlos-before-restore-${stamp()}.dump`);
    await dumpPostgres(url, kept);
    console.log(`What the database held is kept in ${kept}.`);
  }
  // Objects are owned by whoever restores (the app's own user), and grants are the operator's to give again:
  // the roles of the server the backup came from need not exist here.
  const replace = tables > 0 ? ['--clean', '--if-exists'] : [];
  const options = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', ...replace];
  await runTool(postgresTool('pg_restore'), [...options, `--dbname=${conn.url}`, from], conn.env);
}

/** Tables, views and sequences outside PostgreSQL's own schemas: any means Sömlös (or something) is there. */
async function countTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
         and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg\\_%'`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// PGlite: the tarball is unpacked into a new directory beside the data directory, opened once to check it, and
// only then renamed into place, so an interrupted restore leaves the old data directory untouched.

async function restorePglite(dir: string, from: string, force: boolean) {
  mkdirSync(dataDirOf(dir), { recursive: true });
  // Held from the first look to the last rename: no Sömlös starts on the directory halfway through.
  await withDataDirLock(dataDirOf(dir), () => replacePglite(dir, from, force));
}

async function replacePglite(dir: string, from: string, force: boolean) {
  const existing = existsSync(dir) && readdirSync(dir).length > 0;
  if (existing && !force)
    throw new Failure(
      `${dir} already holds an embedded database. Point DATA_DIR at a new directory, or add --force to ` +
        'replace it (the old data directory is kept beside it).',
    );
  const staging = `${dir}.restoring-${stamp()}`;
  try {
    await unpackAndCheck(staging, from);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (existing) {
    const kept = `${dir}.before-restore-${stamp()}`;
    renameSync(dir, kept);
    console.log(`The embedded database that was there is kept in ${kept}.`);
  } else if (existsSync(dir)) rmdirSync(dir);
  renameSync(staging, dir);
}

async function unpackAndCheck(staging: string, from: string) {
  let db: PGlite;
  try {
    db = new PGlite(staging, { loadDataDir: new Blob([readFileSync(from)]) });
    await db.waitReady;
  } catch (err) {
    throw new Failure(`${from} could not be opened as an embedded database (${(err as Error).message}).`);
  }
  try {
    const { rows } = await db.query<{ ok: boolean }>(
      `select to_regclass('public.access_log') is not null as ok`,
    );
    if (!rows[0]?.ok) throw new Failure(`${from} does not hold a Sömlös database.`);
  } finally {
    await db.close();
  }
}

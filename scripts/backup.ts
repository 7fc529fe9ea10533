// npm run backup [-- --out FILE]: a backup of the database the configuration points at (DATABASE_URL, else the
// embedded database in DATA_DIR). PostgreSQL is dumped while Sömlös runs; the embedded database needs it stopped.
import { statSync } from 'node:fs';
import {
  defaultBackupPath,
  dumpPglite,
  dumpPostgres,
  parseCli,
  runMain,
  targetFromEnv,
} from './backup-common.ts';

const usage = 'npm run backup [-- --out backups/somlos-YYYY-MM-DD.dump]';

runMain(async () => {
  const args = parseCli(usage, { out: { type: 'string' } });
  const target = targetFromEnv();
  const out = args.out ?? defaultBackupPath(target.kind);
  if (target.kind === 'postgres') await dumpPostgres(target.url, out);
  else await dumpPglite(target.dir, out);
  const where =
    target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${target.dir}`;
  const size = (statSync(out).size / 1e6).toFixed(1);
  console.log(
    `Backup of ${where} written to ${out} (${size} MB). Restore it with: npm run restore -- --from ${out}`,
  );
});

import { assetsAreFresh, buildAssets } from '../scripts/build-assets.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { demoPassword, hasDemoData, loadDemoData, promisedAccountsForLogin } from './demo/load-demo.ts';
import { loadReferenceData } from './modules/organisations/load-reference.ts';
import { filters } from './platform/views/filters.ts';

/** Reads config, opens and migrates the database, loads reference (and demo) data, and starts the server. */
async function main() {
  const config = loadConfig();
  if (!assetsAreFresh()) buildAssets();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await database.migrate();
  await loadReferenceData(database.db);
  // Demo data goes into a new embedded database, or anywhere with DEMO=1; never silently into a server.
  if ((database.kind === 'pglite' && database.isNew) || config.DEMO) await loadDemoData(database.db);
  const demo = await hasDemoData(database.db);

  const app = await buildApp({
    config: { ...config, DEMO: demo },
    database,
    demoAccounts: demo ? promisedAccountsForLogin(filters.role) : [],
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const where = database.kind === 'pglite' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL';
  console.log(`Sömlös is running at ${address.replace('[::1]', 'localhost')} on the ${where}.`);
  if (demo)
    console.log(`Demo login: psykiatri.karlstad / ${demoPassword} (more accounts on the login page).`);

  // SIGTERM lets requests in flight finish before the database closes.
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { hasDemoData, loadDemoData } from './demo/load-demo.ts';
import { loadInventoryForms } from './modules/needs-inventory/reference/load-forms.ts';
import { loadReferenceData } from './modules/organisations/load-reference.ts';

/**
 * Opens and migrates the database and loads the counties' reference data. Demo data goes into a new
 * embedded database, or anywhere with DEMO=1; never silently into a PostgreSQL server. Returns whether the
 * database holds the demo data, which turns on the demo hints in the interface, and whether main.ts should play
 * the living demo's history into it (the demo was asked for and DEMO_ACTIVITY is not 0).
 */
export async function prepareDatabase(
  config: Config,
): Promise<{ database: Database; demo: boolean; living: boolean }> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await database.migrate();
  await loadReferenceData(database.db);
  await loadInventoryForms(database.db);
  const wanted = (database.kind === 'pglite' && database.isNew) || config.DEMO;
  if (wanted) await loadDemoData(database.db, { living: config.DEMO_ACTIVITY });
  return { database, demo: await hasDemoData(database.db), living: wanted && config.DEMO_ACTIVITY };
}

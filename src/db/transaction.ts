import type { Db } from './client.ts';

/**
 * Runs fn in one transaction. Inside, use only the handle passed in: on PGlite a query on the outer
 * handle would wait for this transaction to end, forever.
 */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

import { randomBytes } from 'node:crypto';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appSecrets } from '../auth/schema.ts';

/**
 * Proves the database takes a write: a row inserted into a real table and rolled back, so nothing stays. A
 * database that answers reads but refuses writes (read-only, a full disk, a failed-over replica, a lost lock)
 * fails here while `select 1` still passes. Two seconds at most, so a blocked database answers "not ready".
 */
export async function assertWritable(db: Db): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local statement_timeout = 2000`);
      await tx.insert(appSecrets).values({ name: `readiness-${randomBytes(8).toString('hex')}`, value: '' });
      tx.rollback();
    });
  } catch (err) {
    if (!(err instanceof TransactionRollbackError)) throw err;
  }
}

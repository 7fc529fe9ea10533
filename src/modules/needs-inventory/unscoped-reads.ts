import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { needsInventoryRounds } from './schema.ts';

/** A round's last day of collecting, WITHOUT any access check (for mail about work); null if none. */
export async function unscopedRoundPeriodEnd(db: Db, roundId: string): Promise<string | null> {
  const [row] = await db
    .select({ periodEnd: needsInventoryRounds.periodEnd })
    .from(needsInventoryRounds)
    .where(eq(needsInventoryRounds.id, roundId));
  return row?.periodEnd ?? null;
}

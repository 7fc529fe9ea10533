import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { disputeParties, disputes } from './schema.ts';

// A read of a dispute WITHOUT its access rule, for mail about work (the notifications module): the units that
// receive it for the other parties. Units only, never the dispute's text.

/** The receiving units of a dispute's parties, the opening unit left out. */
export async function unscopedDisputeReceivingUnits(db: Db, disputeId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ unitId: disputeParties.receivingUnitId })
    .from(disputeParties)
    .innerJoin(disputes, eq(disputes.id, disputeParties.disputeId))
    .where(
      and(
        eq(disputeParties.disputeId, disputeId),
        ne(disputeParties.receivingUnitId, disputes.openedByUnitId),
      ),
    );
  return rows.map((r) => r.unitId);
}

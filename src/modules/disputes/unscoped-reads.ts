import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { disputeParties, disputes } from './schema.ts';

// Reads of disputes WITHOUT their access rule: for mail about work (the notifications module), the units that
// receive it for the other parties, units only; for the person's download of their own data (the my-plans
// module), the disputes linked to their SIPs, titles only (de-identified text, between principals).

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

/**
 * The disputes linked to these SIPs: id, SIP, title, status and when opened, never the dispute's other text. Only
 * for the person the SIPs are about, whose self rule has let them reach the SIPs (GDPR art. 15: my-plans).
 */
export async function unscopedDisputesOfSips(db: Db, sipIds: string[]) {
  if (sipIds.length === 0) return [];
  return db
    .select({
      id: disputes.id,
      sipId: disputes.sipId,
      title: disputes.title,
      status: disputes.status,
      openedAt: disputes.openedAt,
    })
    .from(disputes)
    .where(inArray(disputes.sipId, sipIds));
}

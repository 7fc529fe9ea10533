import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import type { UnitClosedReaction } from '../../platform/modules/reactions.ts';
import { disputeParties, disputes } from './schema.ts';

// For the administration: the open disputes a unit receives for its principal, and handing them to the unit
// that succeeds it when it closes. Ids and counts only.

const openReceivedBy = (unitId: string) =>
  and(
    eq(disputeParties.receivingUnitId, unitId),
    inArray(disputeParties.disputeId, sql`(select d.id from ${disputes} d where d.status <> 'decided')`),
  );

export async function openDisputesReceivedBy(tx: Db, unitId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${disputeParties.disputeId})::int` })
    .from(disputeParties)
    .where(openReceivedBy(unitId));
  return row?.n ?? 0;
}

export async function transferReceivedDisputes(
  tx: Db,
  ctx: UserContext,
  fromUnitId: string,
  toUnitId: string,
) {
  const moved = await tx
    .update(disputeParties)
    .set({ receivingUnitId: toUnitId })
    .where(openReceivedBy(fromUnitId))
    .returning({ disputeId: disputeParties.disputeId });
  for (const m of moved)
    await recordEvent(
      tx,
      ctx,
      'dispute.receiverChanged',
      { type: 'dispute', id: m.disputeId },
      {
        disputeId: m.disputeId,
        fromUnitId,
        toUnitId,
      },
    );
  return moved.length;
}

/** The disputes module's part when a county administrator closes or moves a unit (its manifest's reactions). */
export const disputesUnitClosed: UnitClosedReaction = {
  key: 'disputes',
  work: 'cases',
  openWork: openDisputesReceivedBy,
  handOver: transferReceivedDisputes,
};

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import type { UnitClosedReaction } from '../../platform/modules/reactions.ts';
import { deviationPrincipals, deviations } from './schema.ts';

// For the administration: the open deviations a unit receives for its principal, and handing them to the unit
// that succeeds it when it closes. Ids and counts only.

const openReceivedBy = (unitId: string) =>
  and(
    eq(deviationPrincipals.receivingUnitId, unitId),
    inArray(
      deviationPrincipals.deviationId,
      sql`(select d.id from ${deviations} d where d.status <> 'closed')`,
    ),
  );

export async function openDeviationsReceivedBy(tx: Db, unitId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${deviationPrincipals.deviationId})::int` })
    .from(deviationPrincipals)
    .where(openReceivedBy(unitId));
  return row?.n ?? 0;
}

export async function transferReceivedDeviations(
  tx: Db,
  ctx: UserContext,
  fromUnitId: string,
  toUnitId: string,
) {
  const moved = await tx
    .update(deviationPrincipals)
    .set({ receivingUnitId: toUnitId })
    .where(openReceivedBy(fromUnitId))
    .returning({ deviationId: deviationPrincipals.deviationId });
  for (const m of moved)
    await recordEvent(
      tx,
      ctx,
      'deviation.receiverChanged',
      { type: 'deviation', id: m.deviationId },
      {
        deviationId: m.deviationId,
        fromUnitId,
        toUnitId,
      },
    );
  return moved.length;
}

/** The deviations module's part when a county administrator closes or moves a unit (its manifest's reactions). */
export const deviationsUnitClosed: UnitClosedReaction = {
  key: 'deviations',
  work: 'cases',
  openWork: openDeviationsReceivedBy,
  handOver: transferReceivedDeviations,
};

import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAccessLog } from '../../platform/access/access-layer.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import type { UnitClosedReaction } from '../../platform/modules/reactions.ts';
import './events.ts';
import { recordParticipation } from './participation.ts';
import { sipInvitations, sipPlanUnits, sips } from './schema.ts';

// What the administration needs to know about a unit's SIP work before the unit is closed or moved, and the
// hand-over of its open SIPs to a successor unit of the same principal. Counts and ids only: the administrator
// never sees the SIPs themselves.

const sipId = sql.raw('"sips"."id"');
const involves = (unitId: string) =>
  or(
    eq(sips.conveningUnitId, unitId),
    eq(sips.overallUnitId, unitId),
    sql`exists (select 1 from ${sipInvitations} i where i.sip_id = ${sipId} and i.unit_id = ${unitId}
                and i.status in ('pending', 'accepted'))`,
    sql`exists (select 1 from ${sipPlanUnits} pu where pu.sip_id = ${sipId} and pu.unit_id = ${unitId})`,
  );

/** How many open SIPs the unit convenes or takes part in. */
export async function openSipsOfUnit(tx: Db, unitId: string): Promise<number> {
  const [open] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sips)
    .where(and(ne(sips.status, 'closed'), involves(unitId)));
  return open?.n ?? 0;
}

/** Whether any SIP at all, closed too, involves the unit: its records belong to the unit's principal. */
export async function anySipOfUnit(tx: Db, unitId: string): Promise<boolean> {
  const [any] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sips)
    .where(
      or(
        involves(unitId),
        sql`exists (select 1 from ${sipInvitations} i where i.sip_id = ${sipId} and i.unit_id = ${unitId})`,
      ),
    );
  return (any?.n ?? 0) > 0;
}

/**
 * Hands the unit's part in every open SIP to the successor: convening, overall responsibility, the plan's
 * units and its invitations. Each SIP handed over is an event and an access-log row (a change to the person's
 * SIP, made by the administrator). Returns how many SIPs were handed over.
 */
export async function transferSipWork(tx: Db, ctx: UserContext, fromUnitId: string, toUnitId: string) {
  const open = await tx
    .select({ id: sips.id, personId: sips.personId })
    .from(sips)
    .where(and(ne(sips.status, 'closed'), involves(fromUnitId)));
  if (open.length === 0) return 0;
  const ids = open.map((s) => s.id);
  await tx
    .update(sips)
    .set({ conveningUnitId: toUnitId })
    .where(and(inArray(sips.id, ids), eq(sips.conveningUnitId, fromUnitId)));
  await tx
    .update(sips)
    .set({ overallUnitId: toUnitId })
    .where(and(inArray(sips.id, ids), eq(sips.overallUnitId, fromUnitId)));
  // Every invitation, answered or not: the newest answer decides whether a unit takes part (access-rule.ts), so
  // a unit that declined after accepting does not pass an acceptance on to its successor.
  await tx
    .update(sipInvitations)
    .set({ unitId: toUnitId })
    .where(and(inArray(sipInvitations.sipId, ids), eq(sipInvitations.unitId, fromUnitId)));
  await recordParticipation(tx, ids);
  const named = await tx
    .select({ sipId: sipPlanUnits.sipId })
    .from(sipPlanUnits)
    .where(and(inArray(sipPlanUnits.sipId, ids), eq(sipPlanUnits.unitId, fromUnitId)));
  if (named.length) {
    await tx
      .insert(sipPlanUnits)
      .values(named.map((n) => ({ sipId: n.sipId, unitId: toUnitId })))
      .onConflictDoNothing();
    await tx
      .delete(sipPlanUnits)
      .where(and(inArray(sipPlanUnits.sipId, ids), eq(sipPlanUnits.unitId, fromUnitId)));
  }
  for (const s of open)
    await recordEvent(
      tx,
      ctx,
      'sip.unitTransferred',
      { type: 'sip', id: s.id },
      {
        sipId: s.id,
        fromUnitId,
        toUnitId,
      },
    );
  await writeAccessLog(
    tx,
    ctx,
    open.map((s) => ({
      action: 'update' as const,
      personId: s.personId,
      object: { type: 'sip', id: s.id },
      reason: 'Enheten stängdes; SIP:en fördes över till efterträdande enhet',
    })),
  );
  return open.length;
}

/** The SIP module's part when a county administrator closes or moves a unit (its manifest's reactions). */
export const sipUnitClosed: UnitClosedReaction = {
  key: 'sips',
  work: 'sips',
  openWork: openSipsOfUnit,
  tiesUnitToPrincipal: anySipOfUnit,
  handOver: transferSipWork,
};

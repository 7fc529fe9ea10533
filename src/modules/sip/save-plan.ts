import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertCareParties } from '../organisations/index.ts';
import { units } from '../organisations/schema.ts';
import './events.ts';
import { loadSip, type SipAggregate } from './load.ts';
import { planContentProblems } from './plan-rules.ts';
import { planUnitIds } from './plan-units.ts';
import { assertConsentInForce, assertNamedUnitsTakePart, assertOpen, assertTakesPart } from './policy.ts';
import { presentSip } from './present.ts';
import { type PlanContent, sipPlanUnits, sipPlanVersions, sips } from './schema.ts';

/**
 * Saves the plan as a new version. When the person has or lives with children the plan must say how their
 * need of information, advice and support was considered (5 kap. 7 § hälso- och sjukvårdslagen). Only the
 * convening unit and units that have accepted may save it, and it may name only those units (of principals the
 * consent covers). An LPT/LRV plan (SPLPTLRV) states the law, the person's view of each intervention and whether
 * relatives took part (plan-rules.ts). Naming a unit grants it nothing: access follows the invitations (access-rule.ts);
 * sip_plan_units lets the administration hand a closing unit's responsibilities over.
 */
export function savePlan(ctx: UserContext, sipId: string, plan: PlanContent) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    // First, so that a unit that may not write the plan learns nothing more from the answer.
    await assertTakesPart(tx, ctx, sip, 'ändra planen');
    assertOpen(sip);
    const consent = assertConsentInForce(sip);
    assertChildrenConsidered(sip.hasChildren, plan);
    assertFollowUpAfterMeeting(sip, plan.followUpOn);
    assertPrincipalsOrReason(consent.principalIds, plan);
    const problems = planContentProblems(sip.planKind, plan, consent);
    if (problems.length) throw unprocessable(problems[0]!.message, problems);
    const named = planUnitIds(plan);
    await assertCareParties(tx, [plan.overallResponsibility.unitId], 'overallResponsibility.unitId');
    await assertCareParties(tx, named, 'interventions');
    await assertUnitsCovered(tx, named, consent.principalIds);
    await assertNamedUnitsTakePart(tx, sip, named);
    // The units at a placement's joint planning are units of the SIP, as those the plan names (not kept in
    // sip_plan_units: they are not responsible for anything in the plan).
    const planners = plan.placement?.jointPlanning.unitIds ?? [];
    await assertUnitsCovered(tx, planners, consent.principalIds, planningUnitsPath);
    await assertNamedUnitsTakePart(tx, sip, planners, planningUnitsPath);
    const version = (sip.plan?.version ?? 0) + 1;
    await tx
      .insert(sipPlanVersions)
      .values({ sipId, version, content: plan, savedAt: ctx.now, savedBy: ctx.user.id });
    await tx.delete(sipPlanUnits).where(eq(sipPlanUnits.sipId, sipId));
    if (named.length) await tx.insert(sipPlanUnits).values(named.map((unitId) => ({ sipId, unitId })));
    await tx
      .update(sips)
      .set({ overallUnitId: plan.overallResponsibility.unitId, followUpDueOn: plan.followUpOn })
      .where(eq(sips.id, sipId));
    await recordEvent(
      tx,
      ctx,
      'sip.planSaved',
      { type: 'sip', id: sipId },
      {
        sipId,
        version,
        ownWordsRecorded: plan.personsOwnWords.trim().length > 0,
        childrenConsidered: plan.childrenConsidered,
        hasChildren: sip.hasChildren,
        compulsoryCare: plan.compulsoryCare?.law ?? null,
        planKind: sip.planKind,
      },
    );
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

function assertChildrenConsidered(hasChildren: boolean | null, plan: PlanContent) {
  if (!hasChildren) return;
  if (plan.childrenConsidered === null) {
    const message =
      'Personen har eller bor med barn: ange om barnens behov av information, råd och stöd har beaktats.';
    throw unprocessable(message, [{ path: 'childrenConsidered', message }]);
  }
  // "Nej, inte ännu" (false) asks for nothing more; a yes says how.
  if (plan.childrenConsidered && !plan.childrenNote?.trim()) {
    const message = 'Beskriv hur barnens behov av information, råd och stöd har beaktats.';
    throw unprocessable(message, [{ path: 'childrenNote', message }]);
  }
}

/**
 * The follow-up is after the SIP meeting: after the day of the first meeting booked (later invitations may be to
 * the follow-up meeting itself). A plan written before any meeting is booked has no meeting to follow.
 */
function assertFollowUpAfterMeeting(sip: SipAggregate, followUpOn: string) {
  const first = sip.invitations.map((i) => isoDate(i.meetingAt)).sort()[0];
  if (first !== undefined && followUpOn <= first) {
    const message = `Uppföljningen måste vara efter SIP-mötet (${first}).`;
    throw unprocessable(message, [{ path: 'followUpOn', message }]);
  }
}

/**
 * A SIP is a plan between principals: with fewer than two in the consent, the plan is saved only when the
 * convener states why (singlePrincipalReason).
 */
function assertPrincipalsOrReason(principalIds: string[], plan: PlanContent) {
  if (principalIds.length >= 2 || plan.singlePrincipalReason?.trim()) return;
  const message =
    'Samtycket omfattar bara en huvudman. En SIP görs mellan minst två huvudmän: ange varför planen ändå görs.';
  throw unprocessable(message, [{ path: 'singlePrincipalReason', message }]);
}

const planningUnitsPath = 'placement.jointPlanning.unitIds';

async function assertUnitsCovered(tx: Db, unitIds: string[], principalIds: string[], path = 'interventions') {
  if (!unitIds.length) return;
  const found = await tx.select().from(units).where(inArray(units.id, unitIds));
  const outside = unitIds.filter((id) => {
    const unit = found.find((u) => u.id === id);
    return !unit || !principalIds.includes(unit.principalId);
  });
  if (outside.length) {
    const message = 'Planen nämner en enhet vars huvudman inte omfattas av personens samtycke.';
    throw unprocessable(message, [{ path, message }]);
  }
}

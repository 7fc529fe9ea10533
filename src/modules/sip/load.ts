import { asc, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { counties } from '../organisations/schema.ts';
import {
  sipAssessments,
  sipConsentChanges,
  sipConsentPrincipals,
  sipConsents,
  sipFollowUps,
  sipInvitations,
  sipMeetings,
  sipPlanVersions,
  sips,
} from './schema.ts';

type SipRow = typeof sips.$inferSelect;
type ConsentRow = typeof sipConsents.$inferSelect;
type PlanRow = typeof sipPlanVersions.$inferSelect;
type ConsentChangeRow = typeof sipConsentChanges.$inferSelect;
export type SipAggregate = SipRow & {
  // The county's target group (data per county): null means all ages.
  targetGroupMinAge: number | null;
  // The consent as it is now, and its changes after it was given, oldest first (each a new version of it).
  consent: (ConsentRow & { principalIds: string[]; changes: ConsentChangeRow[] }) | null;
  invitations: (typeof sipInvitations.$inferSelect)[];
  plan: PlanRow | null;
  followUps: (typeof sipFollowUps.$inferSelect)[];
  assessments: (typeof sipAssessments.$inferSelect)[];
  meetings: (typeof sipMeetings.$inferSelect)[];
};

/**
 * Loads SIPs with consent and its changes, invitations, current plan, follow-ups, needs assessments and meetings
 * in nine queries whatever their number. Only for use inside the access layer's callbacks, which have already
 * checked access to these ids.
 */
export async function loadSips(tx: Db, ids: string[]): Promise<SipAggregate[]> {
  if (ids.length === 0) return [];
  // One after another: a transaction is one connection, so running them together gains nothing.
  const rows = await tx
    .select({ ...getTableColumns(sips), targetGroupMinAge: counties.targetGroupMinAge })
    .from(sips)
    .leftJoin(counties, eq(counties.code, sips.countyCode))
    .where(inArray(sips.id, ids));
  const consents = await tx.select().from(sipConsents).where(inArray(sipConsents.sipId, ids));
  const principals = await tx
    .select()
    .from(sipConsentPrincipals)
    .where(inArray(sipConsentPrincipals.sipId, ids));
  const changes = await tx
    .select()
    .from(sipConsentChanges)
    .where(inArray(sipConsentChanges.sipId, ids))
    .orderBy(asc(sipConsentChanges.seq));
  const invitations = await tx
    .select()
    .from(sipInvitations)
    .where(inArray(sipInvitations.sipId, ids))
    .orderBy(asc(sipInvitations.createdAt), asc(sipInvitations.seq));
  const plans = await tx
    .selectDistinctOn([sipPlanVersions.sipId])
    .from(sipPlanVersions)
    .where(inArray(sipPlanVersions.sipId, ids))
    .orderBy(sipPlanVersions.sipId, desc(sipPlanVersions.version));
  const followUps = await tx
    .select()
    .from(sipFollowUps)
    .where(inArray(sipFollowUps.sipId, ids))
    .orderBy(asc(sipFollowUps.heldOn), asc(sipFollowUps.recordedAt));
  const assessments = await tx
    .select()
    .from(sipAssessments)
    .where(inArray(sipAssessments.sipId, ids))
    .orderBy(asc(sipAssessments.unitId), asc(sipAssessments.area));
  const meetings = await tx
    .select()
    .from(sipMeetings)
    .where(inArray(sipMeetings.sipId, ids))
    .orderBy(asc(sipMeetings.heldOn), asc(sipMeetings.recordedAt));

  const byId = new Map(rows.map((r) => [r.id, r]));
  const consentOf = new Map(consents.map((c) => [c.sipId, c]));
  const planOf = new Map(plans.map((p) => [p.sipId, p]));
  const principalsOf = groupBy(principals, (p) => p.sipId);
  const changesOf = groupBy(changes, (c) => c.sipId);
  const invitationsOf = groupBy(invitations, (i) => i.sipId);
  const followUpsOf = groupBy(followUps, (f) => f.sipId);
  const assessmentsOf = groupBy(assessments, (a) => a.sipId);
  const meetingsOf = groupBy(meetings, (m) => m.sipId);
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const consent = consentOf.get(id);
    return [
      {
        ...row,
        consent: consent
          ? {
              ...consent,
              principalIds: (principalsOf.get(id) ?? []).map((p) => p.principalId).sort(),
              changes: changesOf.get(id) ?? [],
            }
          : null,
        invitations: invitationsOf.get(id) ?? [],
        plan: planOf.get(id) ?? null,
        followUps: followUpsOf.get(id) ?? [],
        assessments: assessmentsOf.get(id) ?? [],
        meetings: meetingsOf.get(id) ?? [],
      },
    ];
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

export async function loadSip(tx: Db, id: string): Promise<SipAggregate> {
  const [sip] = await loadSips(tx, [id]);
  if (!sip) throw notFound();
  return sip;
}

export async function planVersions(tx: Db, sipId: string): Promise<PlanRow[]> {
  return tx
    .select()
    .from(sipPlanVersions)
    .where(eq(sipPlanVersions.sipId, sipId))
    .orderBy(asc(sipPlanVersions.version));
}

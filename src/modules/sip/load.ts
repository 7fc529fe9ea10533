import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import {
  sipConsentPrincipals,
  sipConsents,
  sipFollowUps,
  sipInvitations,
  sipPlanVersions,
  sips,
} from './schema.ts';

type SipRow = typeof sips.$inferSelect;
type ConsentRow = typeof sipConsents.$inferSelect;
type PlanRow = typeof sipPlanVersions.$inferSelect;
export type SipAggregate = SipRow & {
  consent: (ConsentRow & { principalIds: string[] }) | null;
  invitations: (typeof sipInvitations.$inferSelect)[];
  plan: PlanRow | null;
  followUps: (typeof sipFollowUps.$inferSelect)[];
};

/**
 * Loads SIPs with consent, invitations, current plan and follow-ups in six queries whatever their number. Only for
 * use inside the access layer's callbacks, which have already checked access to these ids.
 */
export async function loadSips(tx: Db, ids: string[]): Promise<SipAggregate[]> {
  if (ids.length === 0) return [];
  const [rows, consents, principals, invitations, plans, followUps] = await Promise.all([
    tx.select().from(sips).where(inArray(sips.id, ids)),
    tx.select().from(sipConsents).where(inArray(sipConsents.sipId, ids)),
    tx.select().from(sipConsentPrincipals).where(inArray(sipConsentPrincipals.sipId, ids)),
    tx
      .select()
      .from(sipInvitations)
      .where(inArray(sipInvitations.sipId, ids))
      .orderBy(asc(sipInvitations.createdAt)),
    tx
      .selectDistinctOn([sipPlanVersions.sipId])
      .from(sipPlanVersions)
      .where(inArray(sipPlanVersions.sipId, ids))
      .orderBy(sipPlanVersions.sipId, desc(sipPlanVersions.version)),
    tx
      .select()
      .from(sipFollowUps)
      .where(inArray(sipFollowUps.sipId, ids))
      .orderBy(asc(sipFollowUps.heldOn), asc(sipFollowUps.recordedAt)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const consent = consents.find((c) => c.sipId === id);
    return [
      {
        ...row,
        consent: consent
          ? {
              ...consent,
              principalIds: principals
                .filter((p) => p.sipId === id)
                .map((p) => p.principalId)
                .sort(),
            }
          : null,
        invitations: invitations.filter((i) => i.sipId === id),
        plan: plans.find((p) => p.sipId === id) ?? null,
        followUps: followUps.filter((f) => f.sipId === id),
      },
    ];
  });
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

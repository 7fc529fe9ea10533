import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { counties, principals, units } from '../organisations/schema.ts';
import { sipConsentChanges, sipConsentPrincipals, sipConsents, sipInvitations, sips } from './schema.ts';

// Reads of the SIP tables WITHOUT the SIP's access rule, for the deviations a SIP's notices suggest to the
// convening unit (deviations/suggestions.ts: an invitation not answered in time, a SIP not convened) and for the
// mail that tells of a SIP's work (notifications/describe.ts). They
// give units, principals and dates, never the person or the SIP's content. Named "unscoped" so that a caller
// sees no access rule stands between it and the SIP: use them only where that holds.

/** An invitation's meeting and answer date, and the invited unit with its principal; null if there is none. */
export async function unscopedSipInvitation(db: Db, invitationId: string) {
  const [row] = await db
    .select({
      meetingAt: sipInvitations.meetingAt,
      answerBy: sipInvitations.answerBy,
      unitName: units.name,
      principalId: principals.id,
      principalName: principals.name,
    })
    .from(sipInvitations)
    .innerJoin(units, eq(units.id, sipInvitations.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(eq(sipInvitations.id, invitationId));
  return row ?? null;
}

/** The day a SIP's consent was given and the principals it covers; null before consent. */
export async function unscopedSipConsent(db: Db, sipId: string) {
  const [consent] = await db
    .select({ givenOn: sipConsents.givenOn })
    .from(sipConsents)
    .where(eq(sipConsents.sipId, sipId));
  if (!consent) return null;
  const principalRows = await db
    .select({ id: sipConsentPrincipals.principalId })
    .from(sipConsentPrincipals)
    .where(eq(sipConsentPrincipals.sipId, sipId));
  return { givenOn: consent.givenOn, principalIds: principalRows.map((p) => p.id) };
}

/** A SIP's convening unit; null if there is no such SIP. (For mail about an answered invitation.) */
export async function unscopedConveningUnit(db: Db, sipId: string): Promise<string | null> {
  const [row] = await db.select({ unitId: sips.conveningUnitId }).from(sips).where(eq(sips.id, sipId));
  return row?.unitId ?? null;
}

/**
 * An invitation's meeting (time, place, video link), answer date and status, its SIP, the invited and the
 * convening unit; null if there is none. (For mail about an invitation: organisational facts, never the person.)
 */
export async function unscopedInvitationMeeting(db: Db, invitationId: string) {
  const [row] = await db
    .select({
      sipId: sipInvitations.sipId,
      unitId: sipInvitations.unitId,
      meetingAt: sipInvitations.meetingAt,
      place: sipInvitations.place,
      videoLink: sipInvitations.videoLink,
      answerBy: sipInvitations.answerBy,
      status: sipInvitations.status,
      conveningUnitId: sips.conveningUnitId,
    })
    .from(sipInvitations)
    .innerJoin(sips, eq(sips.id, sipInvitations.sipId))
    .where(eq(sipInvitations.id, invitationId));
  return row ?? null;
}

/** A SIP's follow-up day, the day its consent was given and the county's days to convene; null if none. */
export async function unscopedSipDeadlines(db: Db, sipId: string) {
  const [row] = await db
    .select({
      followUpDueOn: sips.followUpDueOn,
      consentGivenOn: sipConsents.givenOn,
      conveneDays: counties.sipConveneDays,
    })
    .from(sips)
    .innerJoin(counties, eq(counties.code, sips.countyCode))
    .leftJoin(sipConsents, eq(sipConsents.sipId, sips.id))
    .where(eq(sips.id, sipId));
  return row ?? null;
}

/**
 * A change of consent the person made themself (change-own-consent.ts): its SIP, what changed and the principal
 * it names; null if there is none. (For mail to the convening unit: what changed, never who.)
 */
export async function unscopedConsentChange(db: Db, changeId: string) {
  const [row] = await db
    .select({
      sipId: sipConsentChanges.sipId,
      kind: sipConsentChanges.kind,
      principalId: sipConsentChanges.principalId,
      changedOn: sipConsentChanges.changedOn,
    })
    .from(sipConsentChanges)
    .where(eq(sipConsentChanges.id, changeId));
  return row ?? null;
}

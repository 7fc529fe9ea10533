import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { principals, units } from '../organisations/schema.ts';
import { sipConsentPrincipals, sipConsents, sipInvitations } from './schema.ts';

// Reads of the SIP tables WITHOUT the SIP's access rule, for the deviations a SIP's notices suggest to the
// convening unit (deviations/suggestions.ts: an invitation not answered in time, a SIP not convened). They
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

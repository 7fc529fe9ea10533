import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import './events.ts';
import type { SipAggregate } from './load.ts';
import { recordParticipation } from './participation.ts';
import { assertConsentInForce, assertOpen } from './policy.ts';
import {
  type consentChangeKinds,
  sipConsentChanges,
  sipConsentPrincipals,
  sipConsents,
  sips,
} from './schema.ts';

// Changes to a consent after it was given, the same whoever records them: the convening unit's staff (for the
// person, as today), or the person themself, signed in with e-ID to their own pages (issue 26). Each change
// takes effect at once: the access rule (access-rule.ts) reads who takes part under the consent from
// sip_participants, which each change that touches the consent's force or its principals rewrites in its own
// transaction with recordParticipation (participation.ts; a new kind of change that adds or removes a principal
// calls it too, after its write). Each is kept
// in sip_consent_changes, the consent's history, and recorded as a domain event (ids and codes only). The
// callers check who may act (the convening unit; the person whose SIP it is) inside their access-layer call.

/** Who records a change: a user of the convening unit, or the person with e-ID ('eid:<provider id>'). */
export type ConsentActor = { kind: 'staff'; user: CurrentUser } | { kind: 'person'; method: string };

type Change = { id: string; kind: (typeof consentChangeKinds)[number] };

async function recordChange(
  tx: Db,
  now: Date,
  sip: SipAggregate,
  actor: ConsentActor,
  change: { kind: Change['kind']; changedOn: string; principalId?: string },
): Promise<Change> {
  const id = randomUUID();
  await tx.insert(sipConsentChanges).values({
    id,
    sipId: sip.id,
    kind: change.kind,
    principalId: change.principalId ?? null,
    changedOn: change.changedOn,
    at: now,
    actor: actor.kind,
    recordedBy: actor.kind === 'staff' ? actor.user.id : null,
    method: actor.kind === 'person' ? actor.method : null,
  });
  return { id, kind: change.kind };
}

/** The context a domain event is written with: the user, or for the person no user and the SIP's county. */
const eventContext = (now: Date, sip: SipAggregate, actor: ConsentActor) =>
  actor.kind === 'staff' ? { now, user: actor.user } : { now, user: null, countyCode: sip.countyCode };

/**
 * The whole consent withdrawn: the SIP closes and sharing stops at once, because the access rule requires consent
 * in force for every unit but the convening one.
 */
export async function withdrawWholeConsent(
  tx: Db,
  now: Date,
  sip: SipAggregate,
  withdrawnOn: string,
  actor: ConsentActor,
): Promise<Change> {
  assertOpen(sip);
  if (!sip.consent) throw conflict('Det finns inget samtycke att återkalla.');
  await tx.update(sipConsents).set({ withdrawnOn }).where(eq(sipConsents.sipId, sip.id));
  await recordParticipation(tx, sip.id);
  await tx
    .update(sips)
    .set({ status: 'closed', closureReason: 'consentWithdrawn', closedOn: withdrawnOn })
    .where(eq(sips.id, sip.id));
  const change = await recordChange(tx, now, sip, actor, { kind: 'withdrawn', changedOn: withdrawnOn });
  await recordEvent(
    tx,
    eventContext(now, sip, actor),
    'sip.consentWithdrawn',
    { type: 'sip', id: sip.id },
    { sipId: sip.id, withdrawnOn, byPerson: actor.kind === 'person' },
  );
  return change;
}

export const conveningPrincipalMessage =
  'Samtycket kan inte tas tillbaka bara för den huvudman som sammankallar. Ta tillbaka hela samtycket i stället.';
export const notCoveredMessage = 'Samtycket gäller inte den huvudmannen.';

/**
 * The consent withdrawn for one principal: its units lose access to the SIP at once (404), the others keep
 * theirs. The convening principal cannot be taken out alone (a consent always covers it; withdrawing for it is
 * withdrawing the whole consent).
 */
export async function withdrawConsentFromPrincipal(
  tx: Db,
  now: Date,
  sip: SipAggregate,
  principalId: string,
  changedOn: string,
  actor: ConsentActor,
): Promise<Change> {
  assertOpen(sip);
  const consent = assertConsentInForce(sip);
  if (principalId === sip.conveningPrincipalId)
    throw unprocessable(conveningPrincipalMessage, [
      { path: 'principalId', message: conveningPrincipalMessage },
    ]);
  if (!consent.principalIds.includes(principalId))
    throw unprocessable(notCoveredMessage, [{ path: 'principalId', message: notCoveredMessage }]);
  await tx
    .delete(sipConsentPrincipals)
    .where(and(eq(sipConsentPrincipals.sipId, sip.id), eq(sipConsentPrincipals.principalId, principalId)));
  await recordParticipation(tx, sip.id);
  const change = await recordChange(tx, now, sip, actor, {
    kind: 'principalWithdrawn',
    changedOn,
    principalId,
  });
  await recordEvent(
    tx,
    eventContext(now, sip, actor),
    'sip.consentNarrowed',
    { type: 'sip', id: sip.id },
    { sipId: sip.id, principalId, changedOn, byPerson: actor.kind === 'person' },
  );
  return change;
}

/** Whether relatives may take part; null when it already was as asked (nothing is recorded then). */
export async function setRelativesMayTakePart(
  tx: Db,
  now: Date,
  sip: SipAggregate,
  allowed: boolean,
  changedOn: string,
  actor: ConsentActor,
): Promise<Change | null> {
  assertOpen(sip);
  const consent = assertConsentInForce(sip);
  if (consent.relativesMayTakePart === allowed) return null;
  await tx.update(sipConsents).set({ relativesMayTakePart: allowed }).where(eq(sipConsents.sipId, sip.id));
  const change = await recordChange(tx, now, sip, actor, {
    kind: allowed ? 'relativesAllowed' : 'relativesRefused',
    changedOn,
  });
  await recordEvent(
    tx,
    eventContext(now, sip, actor),
    'sip.consentRelativesChanged',
    { type: 'sip', id: sip.id },
    { sipId: sip.id, allowed, changedOn, byPerson: actor.kind === 'person' },
  );
  return change;
}

/** The consent's history after it was given, oldest first. */
export function consentChanges(tx: Db, sipId: string) {
  return tx
    .select({
      kind: sipConsentChanges.kind,
      principalId: sipConsentChanges.principalId,
      changedOn: sipConsentChanges.changedOn,
      at: sipConsentChanges.at,
      actor: sipConsentChanges.actor,
    })
    .from(sipConsentChanges)
    .where(eq(sipConsentChanges.sipId, sipId))
    .orderBy(asc(sipConsentChanges.seq));
}

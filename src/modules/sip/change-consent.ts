import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { conflict, type FieldError, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import { ageOn } from '../../platform/people/identity-number.ts';
import { principals } from '../organisations/schema.ts';
import './events.ts';
import type { SipAggregate } from './load.ts';
import { recordParticipation } from './participation.ts';
import { assertConsentInForce, assertOpen } from './policy.ts';
import {
  type ConsentCapacity,
  type consentChangeKinds,
  sipConsentChanges,
  sipConsentPrincipals,
  sipConsents,
  sips,
} from './schema.ts';

// Changes to a consent after it was given, the same whoever records them: the convening unit's staff (for the
// person, as today), or the person themself, signed in with e-ID to their own pages (issue 26). Each change is a
// new version of the consent and takes effect at once: the access rule (access-rule.ts) reads who takes part under
// the consent from sip_participants, which each change that touches the consent's force or its principals
// rewrites in its own transaction with recordParticipation (participation.ts): a principal added lets its units be
// invited, one withdrawn shuts its units out (404) from that moment. Each is kept in sip_consent_changes, the
// consent's history, with who gave it (checkGiver), and recorded as a domain event (ids and codes only). The
// callers check who may act (the convening unit; the person whose SIP it is) inside their access-layer call.
// Every write to the consent's principals is in this file.

/** Who gave a consent or a change of it: in what capacity, and the guardian's or representative's name. */
export type ConsentGiver = { capacity: ConsentCapacity; name: string | null };

/**
 * Who records a change: a user of the convening unit, with who gave it (the person, a guardian, a legal
 * representative); or the person with e-ID ('eid:<provider id>'), who gave it themself.
 */
export type ConsentActor =
  | { kind: 'staff'; user: CurrentUser; givenBy: ConsentGiver }
  | { kind: 'person'; method: string };

type Change = { id: string; kind: (typeof consentChangeKinds)[number] };

const giverOf = (actor: ConsentActor): ConsentGiver =>
  actor.kind === 'staff' ? actor.givenBy : { capacity: 'person', name: null };

async function recordChange(
  tx: Db,
  now: Date,
  sip: SipAggregate,
  actor: ConsentActor,
  change: { kind: Change['kind']; changedOn: string; principalId?: string },
): Promise<Change> {
  const id = randomUUID();
  const givenBy = giverOf(actor);
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
    givenBy: givenBy.capacity,
    givenByName: givenBy.name,
  });
  return { id, kind: change.kind };
}

/** Who gave a consent or a change, as a caller states it; absent means the person (who must then be an adult). */
export type StatedGiver = { capacity: ConsentCapacity; name?: string | null | undefined } | undefined;

const minorMessage = 'Personen är under 18 år: en vårdnadshavare lämnar samtycket för barnets räkning.';
const guardianNeededMessage = 'Personen är under 18 år: ange vilken vårdnadshavare som lämnade samtycket.';
const adultMessage =
  'Personen är 18 år eller äldre och har ingen vårdnadshavare: samtycket lämnas av personen själv eller av en god man eller förvaltare med det uppdraget.';
const nameMessage: Record<ConsentCapacity, string> = {
  person: '',
  guardian: 'Ange namnet på vårdnadshavaren som lämnade samtycket.',
  legalRepresentative: 'Ange namnet på den gode mannen eller förvaltaren som lämnade samtycket.',
};

/**
 * Who may give a consent, or a change of it, on a day: for a child (under 18 on that day, from the identity
 * number) a guardian (vårdnadshavare), named; for an adult the person themself, or a legal representative (god
 * man or förvaltare whose mandate covers it), named. Returns the giver, or the problems at `path`.
 */
export function checkGiver(
  identityNumber: string,
  on: string,
  stated: StatedGiver,
  path = 'givenBy',
): { giver: ConsentGiver; problems: FieldError[] } {
  const minor = ageOn(identityNumber, on) < 18;
  const capacity = stated?.capacity ?? 'person';
  const name = capacity === 'person' ? null : (stated?.name ?? '').trim() || null;
  const problems: FieldError[] = [];
  if (minor && !stated) problems.push({ path, message: guardianNeededMessage });
  else if (minor && capacity !== 'guardian')
    problems.push({ path: `${path}.capacity`, message: minorMessage });
  else if (!minor && capacity === 'guardian')
    problems.push({ path: `${path}.capacity`, message: adultMessage });
  else if (capacity !== 'person' && !name)
    problems.push({ path: `${path}.name`, message: nameMessage[capacity] });
  return { giver: { capacity, name }, problems };
}

/**
 * A change's date: not after today (a consent cannot be dated in the future) and not before the consent was
 * given.
 */
export function changeDateProblems(
  consentGivenOn: string,
  today: string,
  on: string,
  path: string,
): FieldError[] {
  if (on > today)
    return [{ path, message: 'Ändringen av samtycket kan inte ha ett datum som inte har kommit än.' }];
  if (on < consentGivenOn)
    return [
      { path, message: `Ändringen kan inte vara gjord före datumet då samtycket gavs (${consentGivenOn}).` },
    ];
  return [];
}

/** Throws one 422 with every problem, the first as its detail. */
export function assertNoProblems(problems: FieldError[]) {
  if (problems.length) throw unprocessable(problems[0]!.message, problems);
}

/** The context a domain event is written with: the user, or for the person no user and the SIP's county. */
const eventContext = (now: Date, sip: SipAggregate, actor: ConsentActor) =>
  actor.kind === 'staff' ? { now, user: actor.user } : { now, user: null, countyCode: sip.countyCode };

/** The consent of an open SIP, to withdraw: 409 when there is none. */
export function consentToWithdraw(sip: SipAggregate): NonNullable<SipAggregate['consent']> {
  assertOpen(sip);
  if (!sip.consent) throw conflict('Det finns inget samtycke att återkalla.');
  return sip.consent;
}

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
  consentToWithdraw(sip);
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

export const alreadyCoveredMessage = 'Samtycket gäller redan den huvudmannen.';
export const unknownPrincipalMessage = 'Huvudmannen finns inte.';

/** The problems with adding this principal to the consent: it must exist and not be covered already. */
export async function addedPrincipalProblems(
  tx: Db,
  consent: { principalIds: string[] },
  principalId: string,
  path = 'principalId',
): Promise<FieldError[]> {
  if (consent.principalIds.includes(principalId)) return [{ path, message: alreadyCoveredMessage }];
  const [known] = await tx
    .select({ id: principals.id })
    .from(principals)
    .where(eq(principals.id, principalId));
  return known ? [] : [{ path, message: unknownPrincipalMessage }];
}

/**
 * A principal added to the consent, a new version of it: from now on its units may be invited (invite-unit.ts
 * asks the consent), and a unit of it that already took part reads the SIP again.
 */
export async function addPrincipalToConsent(
  tx: Db,
  now: Date,
  sip: SipAggregate,
  principalId: string,
  changedOn: string,
  actor: ConsentActor,
): Promise<Change> {
  assertOpen(sip);
  const consent = assertConsentInForce(sip);
  assertNoProblems(await addedPrincipalProblems(tx, consent, principalId));
  await tx.insert(sipConsentPrincipals).values({ sipId: sip.id, principalId });
  // A unit of the principal that accepted an invitation before it was withdrawn takes part again at once.
  await recordParticipation(tx, sip.id);
  const change = await recordChange(tx, now, sip, actor, { kind: 'principalAdded', changedOn, principalId });
  await recordEvent(
    tx,
    eventContext(now, sip, actor),
    'sip.consentWidened',
    { type: 'sip', id: sip.id },
    {
      sipId: sip.id,
      principalId,
      changedOn,
      givenBy: giverOf(actor).capacity,
      byPerson: actor.kind === 'person',
    },
  );
  return change;
}

export const conveningPrincipalMessage =
  'Samtycket kan inte tas tillbaka bara för den huvudman som sammankallar. Ta tillbaka hela samtycket i stället.';
export const notCoveredMessage = 'Samtycket gäller inte den huvudmannen.';

/** The problems with withdrawing the consent from this principal: covered, and not the convening one. */
export function withdrawnPrincipalProblems(
  sip: SipAggregate,
  consent: { principalIds: string[] },
  principalId: string,
  path = 'principalId',
): FieldError[] {
  if (principalId === sip.conveningPrincipalId) return [{ path, message: conveningPrincipalMessage }];
  if (!consent.principalIds.includes(principalId)) return [{ path, message: notCoveredMessage }];
  return [];
}

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
  assertNoProblems(withdrawnPrincipalProblems(sip, assertConsentInForce(sip), principalId));
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
      givenBy: sipConsentChanges.givenBy,
      givenByName: sipConsentChanges.givenByName,
    })
    .from(sipConsentChanges)
    .where(eq(sipConsentChanges.sipId, sipId))
    .orderBy(asc(sipConsentChanges.seq));
}

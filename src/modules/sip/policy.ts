import type { Db } from '../../db/client.ts';
import { hasRole } from '../../platform/auth/current-user.ts';
import { conflict, forbidden, unprocessable } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { unitsThatTakePart } from './access-rule.ts';
import type { SipAggregate } from './load.ts';

// Who may do what to a SIP: pure predicates (convenes, sipActions) that the SIP's page asks which actions to offer,
// and the assertions the use cases make, built on the same rules.

/** The caller's unit is the SIP's convening unit. */
export const convenes = (ctx: UserContext, conveningUnitId: string) => conveningUnitId === ctx.user.unit.id;

/** Where the SIP stands for the caller: the facts the actions depend on. */
export type SipStanding = {
  conveningUnitId: string;
  open: boolean;
  hasConsent: boolean;
  consentInForce: boolean;
  hasPlan: boolean;
  /** The caller's unit convenes the SIP or has accepted its invitation (access-rule.ts unitsThatTakePart). */
  takesPart: boolean;
};

/** What the caller's unit may do with the SIP now, as its page offers it; the use cases assert the same. */
export function sipActions(ctx: UserContext, s: SipStanding) {
  const convening = convenes(ctx, s.conveningUnitId);
  return {
    consent: convening && s.open && !s.hasConsent,
    invite: convening && s.open && s.consentInForce,
    plan: s.open && s.consentInForce && s.takesPart,
    followUp: s.open && s.consentInForce && s.hasPlan && s.takesPart,
    // The needs assessment and the meeting record are the taking-part units' own, like the plan.
    assess: s.open && s.consentInForce && s.takesPart,
    meeting: s.open && s.consentInForce && s.takesPart,
    close: convening && s.open,
    withdraw: convening && s.open && s.consentInForce,
    // A change of the consent in force (issue 22): a principal added or taken away, relatives allowed or not.
    changeConsent: convening && s.open && s.consentInForce,
    // A manager may open a dispute about the SIP (the disputes module's openers; it imports this module).
    dispute: s.open && s.consentInForce && hasRole(ctx.user, 'manager'),
  };
}

/** A closed SIP is read-only. */
export function assertOpen(sip: SipAggregate): void {
  if (sip.status === 'closed') throw conflict('SIP:en är avslutad och kan inte ändras.');
}

/** Consent, invitations and closure are the convening unit's to record. */
export function assertConvening(ctx: UserContext, sip: SipAggregate, what: string): void {
  if (!convenes(ctx, sip.conveningUnitId)) throw forbidden(`Bara den sammankallande enheten får ${what}.`);
}

export function assertConsentInForce(sip: SipAggregate): NonNullable<SipAggregate['consent']> {
  if (!sip.consent || sip.consent.withdrawnOn) {
    throw conflict('Samtycke saknas. Registrera personens samtycke först.');
  }
  return sip.consent;
}

/**
 * The plan is the convening unit's and the accepting units' to write and follow up. A unit whose invitation
 * waits for its answer sees the SIP, to decide, but has not agreed to take part: 403, as for other actions its
 * role in the SIP does not allow.
 */
export async function assertTakesPart(tx: Db, ctx: UserContext, sip: { id: string }, what: string) {
  if ((await unitsThatTakePart(tx, sip.id, [ctx.user.unit.id])).length === 0)
    throw forbidden(
      `Bara den sammankallande enheten och enheter som har tackat ja till kallelsen får ${what}.`,
    );
}

export const notTakingPartMessage =
  'Planen kan bara nämna den sammankallande enheten och enheter som har tackat ja till kallelsen.';

/** A plan names only units that take part: naming a unit would otherwise speak for it, or (before) let it in. */
export async function assertNamedUnitsTakePart(
  tx: Db,
  sip: { id: string },
  unitIds: string[],
  path = 'interventions',
) {
  const taking = new Set(await unitsThatTakePart(tx, sip.id, unitIds));
  if (unitIds.some((id) => !taking.has(id)))
    throw unprocessable(notTakingPartMessage, [{ path, message: notTakingPartMessage }]);
}

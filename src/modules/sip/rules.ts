import { conflict, forbidden } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import type { SipAggregate } from './load.ts';

/** A closed SIP is read-only. */
export function assertOpen(sip: SipAggregate): void {
  if (sip.status === 'closed') throw conflict('SIP:en är avslutad och kan inte ändras.');
}

/** Consent, invitations and closure are the convening unit's to record. */
export function assertConvening(ctx: UserContext, sip: SipAggregate, what: string): void {
  if (sip.conveningUnitId !== ctx.user.unit.id)
    throw forbidden(`Bara den sammankallande enheten får ${what}.`);
}

export function assertConsentInForce(sip: SipAggregate): NonNullable<SipAggregate['consent']> {
  if (!sip.consent || sip.consent.withdrawnOn) {
    throw conflict('Samtycke saknas. Registrera personens samtycke först.');
  }
  return sip.consent;
}

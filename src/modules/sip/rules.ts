import type { Db } from '../../db/client.ts';
import { conflict, forbidden, unprocessable } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { unitsThatTakePart } from './access-rule.ts';
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

import { randomUUID } from 'node:crypto';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createPersonData } from '../../platform/access/access-layer.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { sipVisibleTo } from './access-rule.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { presentSip } from './present.ts';
import { type PlanKind, type requesters, sips } from './schema.ts';

export type StartSipInput = {
  person: { personalIdentityNumber: string; name: string };
  reason: string;
  requestedBy?: (typeof requesters)[number] | null | undefined;
  hasChildren?: boolean | null | undefined;
  planKind?: PlanKind | undefined;
};

export const regionConvenesMessage =
  'En samordnad vårdplan enligt LPT eller LRV sammankallas av den chefsöverläkare som ansvarar för vården: ' +
  'bara en enhet i regionen kan sammankalla den.';

/**
 * Starts a SIP request, convened by the caller's unit; the person is found by identity number or registered,
 * and the SIP keeps the name as the caller typed it (a known identity number answers exactly as a new one).
 * The plan's kind is chosen here (Inera's codes; SIP by default).
 */
export function startSip(ctx: UserContext, input: StartSipInput) {
  const planKind = input.planKind ?? 'SIP';
  // LPT 7 a §, LRV 12 a §: the chief physician responsible for the care convenes the plan; the convening unit
  // is that physician's unit, so it must be the region's (checked before the person is looked up or stored).
  if (planKind === 'SPLPTLRV' && ctx.user.principal.kind !== 'region')
    throw unprocessable(regionConvenesMessage, [{ path: 'planKind', message: regionConvenesMessage }]);
  return createPersonData(ctx, input.person, async (tx, person) => {
    const id = randomUUID();
    await tx.insert(sips).values({
      id,
      countyCode: ctx.user.county.code,
      personId: person.id,
      personName: person.name,
      conveningUnitId: ctx.user.unit.id,
      conveningPrincipalId: ctx.user.principal.id,
      reason: input.reason.trim(),
      requestedBy: input.requestedBy ?? null,
      hasChildren: input.hasChildren ?? null,
      planKind,
      status: 'requested',
      createdAt: ctx.now,
      createdBy: ctx.user.id,
    });
    await recordEvent(
      tx,
      ctx,
      'sip.requested',
      { type: 'sip', id },
      {
        sipId: id,
        unitId: ctx.user.unit.id,
        principalId: ctx.user.principal.id,
        requestedBy: input.requestedBy ?? null,
        planKind,
      },
    );
    const existingSips = await otherOpenSipsOf(tx, ctx.user, person.id, id);
    const result = { ...presentSip(await loadSip(tx, id), person, 'ownPage'), existingSips };
    return { result, object: { type: 'sip', id } };
  });
}

/**
 * The person's other open SIPs that the user already sees (the access rule in SQL), newest first. One the user
 * does not see is never told: starting a SIP then answers exactly as for a new person.
 */
export function otherOpenSipsOf(tx: Db, user: CurrentUser, personId: string, exceptId: string) {
  return tx
    .select({ id: sips.id, status: sips.status })
    .from(sips)
    .where(
      and(eq(sips.personId, personId), ne(sips.id, exceptId), ne(sips.status, 'closed'), sipVisibleTo(user)),
    )
    .orderBy(desc(sips.createdAt));
}

import { randomUUID } from 'node:crypto';
import { createPersonData } from '../../platform/access/access-layer.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { presentSip } from './present.ts';
import { type requesters, sips } from './schema.ts';

export type StartSipInput = {
  person: { personalIdentityNumber: string; name: string };
  reason: string;
  requestedBy?: (typeof requesters)[number] | null | undefined;
  hasChildren?: boolean | null | undefined;
};

/**
 * Starts a SIP request, convened by the caller's unit; the person is found by identity number or registered,
 * and the SIP keeps the name as the caller typed it (a known identity number answers exactly as a new one).
 */
export function startSip(ctx: UserContext, input: StartSipInput) {
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
      },
    );
    return { result: presentSip(await loadSip(tx, id), person, 'ownPage'), object: { type: 'sip', id } };
  });
}

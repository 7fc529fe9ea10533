import { randomUUID } from 'node:crypto';
import { createPersonData } from '../../platform/access/access-layer.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { presentSip } from './present.ts';
import { sips } from './schema.ts';

export type StartSipInput = { person: { personalIdentityNumber: string; name: string }; reason: string };

/** Starts a SIP request, convened by the caller's unit; the person is found by identity number or registered. */
export function startSip(ctx: UserContext, input: StartSipInput) {
  return createPersonData(ctx, input.person, async (tx, person) => {
    const id = randomUUID();
    await tx.insert(sips).values({
      id,
      countyCode: ctx.user.county.code,
      personId: person.id,
      conveningUnitId: ctx.user.unit.id,
      conveningPrincipalId: ctx.user.principal.id,
      reason: input.reason.trim(),
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
      },
    );
    return { result: presentSip(await loadSip(tx, id), person, 'ownPage'), object: { type: 'sip', id } };
  });
}

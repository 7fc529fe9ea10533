import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { units } from '../organisations/schema.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { presentInvitation } from './present.ts';
import { assertConsentInForce, assertConvening, assertOpen } from './rules.ts';
import { sipInvitations } from './schema.ts';

/** Invites (kallar) a unit whose principal the consent covers; from now on that unit sees the SIP. */
export function inviteUnit(ctx: UserContext, sipId: string, input: { unitId: string; meetingAt: string }) {
  return changePersonData(
    ctx,
    { type: 'sip', id: sipId },
    async (tx) => {
      const sip = await loadSip(tx, sipId);
      assertOpen(sip);
      assertConvening(ctx, sip, 'kalla till SIP-möte');
      const consent = assertConsentInForce(sip);
      const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
      if (!unit)
        throw unprocessable('Enheten finns inte.', [{ path: 'unitId', message: 'Enheten finns inte.' }]);
      if (!consent.principalIds.includes(unit.principalId)) {
        const message = 'Enhetens huvudman omfattas inte av personens samtycke.';
        throw unprocessable(message, [{ path: 'unitId', message }]);
      }
      const id = randomUUID();
      await tx.insert(sipInvitations).values({
        id,
        sipId,
        unitId: unit.id,
        meetingAt: new Date(input.meetingAt),
        status: 'pending',
        createdAt: ctx.now,
      });
      await recordEvent(
        tx,
        ctx,
        'sip.invitationSent',
        { type: 'sip', id: sipId },
        { sipId, invitationId: id, unitId: unit.id },
      );
      const [invitation] = await tx.select().from(sipInvitations).where(eq(sipInvitations.id, id));
      return presentInvitation(invitation!);
    },
    { action: 'disclose' },
  );
}

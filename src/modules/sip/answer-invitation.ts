import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { recordParticipation } from './participation.ts';
import { assertOpen } from './policy.ts';
import { presentInvitation } from './present.ts';
import { sipInvitations } from './schema.ts';

export type AnswerInput = { accepted: boolean; reason?: string | undefined };

/** The invited unit accepts, or declines with a reason; a unit that declines no longer sees the SIP. */
export async function answerInvitation(ctx: UserContext, invitationId: string, input: AnswerInput) {
  const sipId = await unsafeFindSipIdOfInvitationWithoutAccessCheck(ctx.db, invitationId);
  if (!sipId) throw notFound();
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx) => {
    const sip = await loadSip(tx, sipId);
    const invitation = sip.invitations.find((i) => i.id === invitationId)!;
    if (invitation.unitId !== ctx.user.unit.id)
      throw forbidden('Bara den kallade enheten kan svara på kallelsen.');
    assertOpen(sip);
    if (invitation.status !== 'pending') throw conflict('Kallelsen är redan besvarad.');
    // Checked only after access, so an outsider learns nothing about the invitation from the answer.
    const reason = input.reason?.trim() ?? '';
    if (!input.accepted && !reason) {
      const message = 'Ange varför enheten tackar nej.';
      throw unprocessable(message, [{ path: 'reason', message }]);
    }
    await tx
      .update(sipInvitations)
      .set({
        status: input.accepted ? 'accepted' : 'declined',
        declineReason: input.accepted ? null : reason,
        answeredAt: ctx.now,
        answeredBy: ctx.user.id,
      })
      .where(eq(sipInvitations.id, invitationId));
    await recordParticipation(tx, sipId);
    await recordEvent(
      tx,
      ctx,
      'sip.invitationAnswered',
      { type: 'sip', id: sipId },
      {
        sipId,
        invitationId,
        unitId: invitation.unitId,
        accepted: input.accepted,
        withinDeadline: isoDate(ctx.now) <= invitation.answerBy,
      },
    );
    const [answered] = await tx.select().from(sipInvitations).where(eq(sipInvitations.id, invitationId));
    return presentInvitation(answered!);
  });
}

/** Only the SIP's id, to hand to the access layer, which then decides whether the caller may go on. */
async function unsafeFindSipIdOfInvitationWithoutAccessCheck(db: Db, invitationId: string) {
  const [row] = await db
    .select({ sipId: sipInvitations.sipId })
    .from(sipInvitations)
    .where(eq(sipInvitations.id, invitationId));
  return row?.sipId ?? null;
}

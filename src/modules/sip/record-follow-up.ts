import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { assertConsentInForce, assertOpen, assertTakesPart } from './policy.ts';
import { presentSip } from './present.ts';
import { type InterventionOutcome, sipFollowUps, sips } from './schema.ts';

export type FollowUpInput = {
  heldOn: string;
  outcomes: { index: number; outcome: InterventionOutcome['outcome']; comment?: string | undefined }[];
  nextFollowUpOn: string | null;
};

/**
 * Records a follow-up meeting: the outcome of every intervention in the current plan and the next follow-up
 * date, which becomes the date the unit with the overall responsibility is held to.
 */
export function recordFollowUp(ctx: UserContext, sipId: string, input: FollowUpInput) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    await assertTakesPart(tx, ctx, sip, 'registrera uppföljningen');
    assertOpen(sip);
    assertConsentInForce(sip);
    if (!sip.plan) throw conflict('Det finns ingen plan att följa upp. Skriv planen först.');
    assertDates(input, isoDate(ctx.now));
    const outcomes = outcomesOf(sip.plan.content.interventions, input.outcomes);
    await tx.insert(sipFollowUps).values({
      id: randomUUID(),
      sipId,
      heldOn: input.heldOn,
      planVersion: sip.plan.version,
      outcomes,
      nextFollowUpOn: input.nextFollowUpOn,
      recordedAt: ctx.now,
      recordedBy: ctx.user.id,
    });
    await tx.update(sips).set({ followUpDueOn: input.nextFollowUpOn }).where(eq(sips.id, sipId));
    const dueOn = sip.followUpDueOn;
    await recordEvent(
      tx,
      ctx,
      'sip.followUpHeld',
      { type: 'sip', id: sipId },
      {
        sipId,
        heldOn: input.heldOn,
        dueOn,
        onTime: dueOn ? input.heldOn <= dueOn : null,
        nextFollowUpOn: input.nextFollowUpOn,
      },
    );
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

function assertDates(input: FollowUpInput, today: string) {
  if (input.heldOn > today) {
    const message = 'Uppföljningen kan inte registreras innan mötet har hållits.';
    throw unprocessable(message, [{ path: 'heldOn', message }]);
  }
  if (input.nextFollowUpOn !== null && input.nextFollowUpOn <= input.heldOn) {
    const message = 'Nästa uppföljning måste vara efter dagens möte.';
    throw unprocessable(message, [{ path: 'nextFollowUpOn', message }]);
  }
}

/** Every intervention of the plan gets exactly one outcome; the description is kept as it was followed up. */
function outcomesOf(
  interventions: { description: string }[],
  given: FollowUpInput['outcomes'],
): InterventionOutcome[] {
  const complete =
    given.length === interventions.length && interventions.every((_, i) => given.some((g) => g.index === i));
  if (!complete) {
    const message = 'Ange utfallet för varje insats i planen.';
    throw unprocessable(message, [{ path: 'outcomes', message }]);
  }
  return interventions.map((intervention, index) => {
    const outcome = given.find((g) => g.index === index)!;
    return {
      index,
      description: intervention.description,
      outcome: outcome.outcome,
      comment: outcome.comment?.trim() ?? '',
    };
  });
}

import { eq } from 'drizzle-orm';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { assertConvening, assertOpen } from './policy.ts';
import { presentSip } from './present.ts';
import { type goalsMetAnswers, sips } from './schema.ts';

export type ClosureInput = {
  reason: 'goalsMet' | 'noConsent' | 'moved' | 'deceased' | 'other';
  note?: string | undefined;
  /** Were the plan's goals met, and what the person says (issue 22). */
  evaluation?: { goalsMet: (typeof goalsMetAnswers)[number]; personsView?: string | null | undefined } | null;
};

export const noPlanToEvaluate = 'Det finns ingen plan vars mål kan utvärderas.';
export const goalsNotMetMessage =
  'Skälet är att målen är uppnådda, men utvärderingen säger att de inte är det. Välj ett annat skäl eller svar.';

/**
 * Ends the SIP with a reason, the evaluation of the plan's goals (only when there is a plan) and a note; from then
 * on it is read-only. Consent withdrawal has its own use case.
 */
export function closeSip(ctx: UserContext, sipId: string, input: ClosureInput) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    assertOpen(sip);
    assertConvening(ctx, sip, 'avsluta SIP:en');
    if (input.reason === 'noConsent' && sip.consent)
      throw conflict(
        'Personen har lämnat samtycke. Välj ett annat skäl, eller registrera att samtycket återkallas.',
      );
    const evaluation = input.evaluation ?? null;
    if (evaluation && !sip.plan)
      throw unprocessable(noPlanToEvaluate, [{ path: 'evaluation', message: noPlanToEvaluate }]);
    if (evaluation?.goalsMet === 'not' && input.reason === 'goalsMet')
      throw unprocessable(goalsNotMetMessage, [{ path: 'evaluation.goalsMet', message: goalsNotMetMessage }]);
    await tx
      .update(sips)
      .set({
        status: 'closed',
        closureReason: input.reason,
        closureNote: input.note?.trim() || null,
        closedOn: isoDate(ctx.now),
        evaluationGoalsMet: evaluation?.goalsMet ?? null,
        evaluationPersonsView: evaluation?.personsView?.trim() || null,
      })
      .where(eq(sips.id, sipId));
    await recordEvent(
      tx,
      ctx,
      'sip.closed',
      { type: 'sip', id: sipId },
      { sipId, reason: input.reason, goalsMet: evaluation?.goalsMet ?? null },
    );
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

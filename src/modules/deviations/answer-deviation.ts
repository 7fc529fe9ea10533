import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { changeDeviation } from './change.ts';
import './events.ts';
import { assertMayAnswer } from './policy.ts';
import { answeredPrincipals } from './present.ts';
import { deviationEntries, deviations } from './schema.ts';

export type AnswerInput = { investigation: string; cause: string; measures: string };

/**
 * A manager of a unit that received the deviation answers for its principal: what was investigated, the
 * cause, the measures. The deviation counts as answered once every concerned principal has answered.
 */
export function answerDeviation(ctx: UserContext, id: string, input: AnswerInput) {
  assertDeIdentified({ ...input });
  return changeDeviation(ctx, id, async (tx, d) => {
    assertMayAnswer(d);
    if (!d.atManagers)
      throw conflict(
        'Avvikelsen ligger hos ett samverkansorgan i eskaleringsordningen; den besvaras inte av cheferna.',
      );
    const answered = answeredPrincipals(d);
    const mine = d.principals.filter(
      (p) => p.receivingUnitId === ctx.user.unit.id && !answered.has(p.principalId),
    );
    if (mine.length === 0) throw conflict('Er enhet har redan besvarat avvikelsen.');
    for (const p of mine) {
      await tx.insert(deviationEntries).values({
        id: randomUUID(),
        deviationId: d.id,
        kind: 'answer',
        level: d.level,
        at: ctx.now,
        byUserId: ctx.user.id,
        byUnitId: ctx.user.unit.id,
        principalId: p.principalId,
        investigation: input.investigation.trim(),
        cause: input.cause.trim(),
        measures: input.measures.trim(),
      });
      await recordEvent(
        tx,
        ctx,
        'deviation.answered',
        { type: 'deviation', id: d.id },
        { deviationId: d.id, principalId: p.principalId, level: d.level },
      );
    }
    const allAnswered = d.principals.length === answered.size + mine.length;
    await tx
      .update(deviations)
      .set({ status: allAnswered ? 'answered' : 'reported' })
      .where(eq(deviations.id, d.id));
  });
}

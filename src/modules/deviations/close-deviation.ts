import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { changeDeviation } from './change.ts';
import './events.ts';
import { assertMayClose } from './policy.ts';
import { type DeviationOutcome, deviationEntries, deviations } from './schema.ts';

export type ClosureInput = { outcome: DeviationOutcome; comment?: string | undefined };

/**
 * The reporter's unit accepts the managers' answers and closes the deviation at the managers' level (level 1 in
 * most counties). At a body's level, the body's decision closes it instead.
 */
export function closeDeviation(ctx: UserContext, id: string, input: ClosureInput) {
  assertDeIdentified({ comment: input.comment });
  return changeDeviation(ctx, id, async (tx, d) => {
    assertMayClose(d);
    if (!d.atManagers)
      throw conflict('Avvikelsen ligger hos ett samverkansorgan; den avslutas med organets beslut.');
    if (d.status !== 'answered')
      throw conflict('Avvikelsen kan avslutas när alla berörda huvudmän har svarat. Du kan föra den vidare.');
    await tx
      .update(deviations)
      .set({ status: 'closed', outcome: input.outcome, closedAt: ctx.now })
      .where(eq(deviations.id, d.id));
    await tx.insert(deviationEntries).values({
      id: randomUUID(),
      deviationId: d.id,
      kind: 'closure',
      level: d.level,
      at: ctx.now,
      byUserId: ctx.user.id,
      byUnitId: ctx.user.unit.id,
      text: input.comment?.trim() || null,
      outcome: input.outcome,
    });
    await recordEvent(
      tx,
      ctx,
      'deviation.closed',
      { type: 'deviation', id: d.id },
      { deviationId: d.id, level: d.level, outcome: input.outcome },
    );
  });
}

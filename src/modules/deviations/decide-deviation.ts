import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { governanceBodyMembers } from '../organisations/schema.ts';
import { changeDeviation } from './change.ts';
import './events.ts';
import { assertMayDecide } from './policy.ts';
import { type DeviationOutcome, deviationEntries, deviations } from './schema.ts';

export type DecisionInput = { decision: string; outcome: DeviationOutcome };

/** A member of a body at the deviation's current level records the body's decision, which closes it. */
export function decideDeviation(ctx: UserContext, id: string, input: DecisionInput) {
  assertDeIdentified({ decision: input.decision });
  return changeDeviation(ctx, id, async (tx, d) => {
    if (d.atManagers)
      throw conflict(
        'Cheferna besvarar avvikelsen på den här nivån. Ett samverkansorgan beslutar först när avvikelsen har förts vidare.',
      );
    assertMayDecide(d);
    const bodyIds = d.path.find((l) => l.level === d.level)!.bodies.map((b) => b.id);
    const [membership] = await tx
      .select({ bodyId: governanceBodyMembers.bodyId })
      .from(governanceBodyMembers)
      .where(
        and(eq(governanceBodyMembers.userId, ctx.user.id), inArray(governanceBodyMembers.bodyId, bodyIds)),
      );
    await tx
      .update(deviations)
      .set({ status: 'closed', outcome: input.outcome, closedAt: ctx.now })
      .where(eq(deviations.id, d.id));
    await tx.insert(deviationEntries).values({
      id: randomUUID(),
      deviationId: d.id,
      kind: 'decision',
      level: d.level,
      at: ctx.now,
      byUserId: ctx.user.id,
      byUnitId: ctx.user.unit.id,
      bodyId: membership!.bodyId,
      text: input.decision.trim(),
      outcome: input.outcome,
    });
    await recordEvent(
      tx,
      ctx,
      'deviation.decided',
      { type: 'deviation', id: d.id },
      { deviationId: d.id, level: d.level, bodyId: membership!.bodyId, outcome: input.outcome },
    );
  });
}

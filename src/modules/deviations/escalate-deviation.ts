import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { nextLevel } from '../organisations/index.ts';
import { counties } from '../organisations/schema.ts';
import { changeDeviation } from './change.ts';
import './events.ts';
import { assertMayEscalate } from './policy.ts';
import { deviationEntries, deviations } from './schema.ts';

/**
 * Takes a deviation one step up its path, with the reason. At level 1 the reporter's unit or a receiving
 * manager may do it (not satisfied, or no answer); higher up, a member of a body at the current level passes it
 * on. 409 at the top of the ladder, and nothing changes.
 */
export function escalateDeviation(ctx: UserContext, id: string, input: { reason: string }) {
  assertDeIdentified({ reason: input.reason });
  return changeDeviation(ctx, id, async (tx, d) => {
    assertMayEscalate(d);
    const next = nextLevel(d.path, d.level);
    const [county] = await tx.select().from(counties).where(eq(counties.code, d.countyCode));
    await tx
      .update(deviations)
      .set({
        level: next.level,
        status: 'escalated',
        dueOn: addDays(isoDate(ctx.now), county!.deviationAnswerDays),
      })
      .where(eq(deviations.id, d.id));
    await tx.insert(deviationEntries).values({
      id: randomUUID(),
      deviationId: d.id,
      kind: 'escalation',
      level: next.level,
      at: ctx.now,
      byUserId: ctx.user.id,
      byUnitId: ctx.user.unit.id,
      text: input.reason.trim(),
    });
    await recordEvent(
      tx,
      ctx,
      'deviation.escalated',
      { type: 'deviation', id: d.id },
      { deviationId: d.id, fromLevel: d.level, toLevel: next.level },
    );
  });
}

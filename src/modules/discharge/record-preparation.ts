import { and, eq } from 'drizzle-orm';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertNotDischarged, changeStay, ownConcernedUnit } from './change.ts';
import { dischargeStayUnits } from './schema.ts';

/**
 * A concerned unit records what it prepares for the time after discharge, replacing what it wrote before (the
 * planning the notice starts: legalBasis.planning, lag (2017:612), enligt lagens 4 kap.).
 */
export function recordPreparation(ctx: UserContext, id: string, input: { preparation: string }) {
  return changeStay(ctx, id, async (tx, a) => {
    assertNotDischarged(a);
    const own = ownConcernedUnit(ctx, a);
    await tx
      .update(dischargeStayUnits)
      .set({ preparation: input.preparation.trim(), preparationUpdatedAt: ctx.now })
      .where(and(eq(dischargeStayUnits.stayId, id), eq(dischargeStayUnits.unitId, own.unitId)));
    await recordEvent(
      tx,
      ctx,
      'discharge.preparationRecorded',
      { type: 'dischargeStay', id },
      { stayId: id, unitId: own.unitId },
    );
  });
}

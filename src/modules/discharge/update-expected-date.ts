import { eq } from 'drizzle-orm';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertInpatientUnit, assertNotDischarged, changeStay, otherUnits } from './change.ts';
import { noticeUnits } from './notify.ts';
import { dischargeExpectedDates, dischargeStays } from './schema.ts';

/**
 * The inpatient unit changes the expected date of readiness during the stay; the concerned units are told
 * (legalBasis.informationDuringStay: lag (2017:612), enligt lagens 4 kap.).
 */
export function updateExpectedDate(ctx: UserContext, id: string, input: { expectedReadyOn: string }) {
  return changeStay(ctx, id, async (tx, a) => {
    assertInpatientUnit(ctx, a);
    assertNotDischarged(a);
    if (a.stay.expectedReadyOn === input.expectedReadyOn) return;
    await tx
      .update(dischargeStays)
      .set({ expectedReadyOn: input.expectedReadyOn })
      .where(eq(dischargeStays.id, id));
    const [row] = await tx
      .insert(dischargeExpectedDates)
      .values({ stayId: id, expectedReadyOn: input.expectedReadyOn, setAt: ctx.now })
      .returning({ seq: dischargeExpectedDates.seq });
    await noticeUnits(tx, ctx.now, id, 'discharge.expectedDateChanged', otherUnits(ctx, a), String(row!.seq));
    await recordEvent(
      tx,
      ctx,
      'discharge.expectedDateChanged',
      { type: 'dischargeStay', id },
      { stayId: id, expectedReadyOn: input.expectedReadyOn },
    );
  });
}

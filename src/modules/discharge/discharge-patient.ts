import { eq } from 'drizzle-orm';
import { isoDate } from '../../platform/clock.ts';
import { unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertInpatientUnit, assertNotDischarged, changeStay, otherUnits } from './change.ts';
import { noticeUnits } from './notify.ts';
import { informationOnTime } from './rules.ts';
import { dischargeStays } from './schema.ts';

export type DischargeInput = {
  dischargedOn: string;
  informationTransferredOn: string;
  summary: { care: string; sipPlannedOn?: string | null | undefined; existingPlans: string };
};

/**
 * The patient is discharged on a date (today or earlier, not before the admission). The information the
 * concerned units need reaches them no later than the discharge day (legalBasis.informationTransfer: lag
 * (2017:612), enligt lagens 4 kap.), so a later transfer date is refused. The patient's summary holds what
 * patientlagen (2014:821) 3 kap. 2 b § names (legalBasis.patientSummary): the care given, the fasta
 * vårdkontakt (from the outpatient unit), when the SIP is planned, and the plans that exist. An open readiness
 * period ends with the discharge day, which is not paid.
 */
export function dischargePatient(ctx: UserContext, id: string, input: DischargeInput) {
  return changeStay(ctx, id, async (tx, a) => {
    assertInpatientUnit(ctx, a);
    assertNotDischarged(a);
    if (input.dischargedOn > isoDate(ctx.now) || input.dischargedOn < isoDate(a.stay.admittedAt))
      throw unprocessable('Utskrivningsdagen ligger mellan inskrivningen och i dag.', [
        { path: 'dischargedOn', message: 'Ange en dag mellan inskrivningen och i dag.' },
      ]);
    if (!informationOnTime(input.informationTransferredOn, input.dischargedOn))
      throw unprocessable(
        'Informationen ska överföras till de berörda enheterna senast samma dag som utskrivningen.',
        [{ path: 'informationTransferredOn', message: 'Ange en dag senast på utskrivningsdagen.' }],
      );
    await tx
      .update(dischargeStays)
      .set({
        status: 'discharged',
        dischargedOn: input.dischargedOn,
        informationTransferredOn: input.informationTransferredOn,
        summaryCare: input.summary.care.trim(),
        summarySipPlannedOn: input.summary.sipPlannedOn ?? null,
        summaryExistingPlans: input.summary.existingPlans.trim(),
      })
      .where(eq(dischargeStays.id, id));
    await noticeUnits(tx, ctx.now, id, 'discharge.discharged', otherUnits(ctx, a));
    await recordEvent(
      tx,
      ctx,
      'discharge.discharged',
      { type: 'dischargeStay', id },
      { stayId: id, dischargedOn: input.dischargedOn, informationOnTime: true },
    );
  });
}

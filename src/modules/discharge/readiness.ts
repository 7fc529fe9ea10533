import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { isoDate } from '../../platform/clock.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertInpatientUnit, assertNotDischarged, changeStay, otherUnits } from './change.ts';
import { openReadiness } from './load.ts';
import { noticeUnits } from './notify.ts';
import { dischargeReadiness, dischargeStays } from './schema.ts';

/**
 * The treating physician has judged the patient ready for discharge (utskrivningsklar: the patient no longer
 * needs care in an inpatient unit), at the date and time given; the concerned units are told now (lag (2017:612),
 * enligt lagens 4 kap.: legalBasis.readyNotice), and the payment rule counts from this notice
 * (legalBasis.paymentResponsibility: 5 kap.).
 */
export function markReady(ctx: UserContext, id: string, input: { judgedAt: string }) {
  const judgedAt = new Date(input.judgedAt);
  if (judgedAt > ctx.now)
    throw unprocessable('Bedömningen kan inte ligga i framtiden.', [
      { path: 'judgedAt', message: 'Ange när läkaren bedömde patienten som utskrivningsklar.' },
    ]);
  return changeStay(ctx, id, async (tx, a) => {
    assertInpatientUnit(ctx, a);
    assertNotDischarged(a);
    if (openReadiness(a)) throw conflict('Patienten är redan utskrivningsklar. Inget har ändrats.');
    if (judgedAt < a.stay.admittedAt)
      throw unprocessable('Bedömningen kan inte ligga före inskrivningen.', [
        { path: 'judgedAt', message: 'Ange en tid efter inskrivningen.' },
      ]);
    const readinessId = randomUUID();
    await tx
      .insert(dischargeReadiness)
      .values({ id: readinessId, stayId: id, judgedAt, notifiedAt: ctx.now, recordedBy: ctx.user.id });
    await tx.update(dischargeStays).set({ status: 'ready' }).where(eq(dischargeStays.id, id));
    await noticeUnits(tx, ctx.now, id, 'discharge.ready', otherUnits(ctx, a), readinessId);
    await recordEvent(
      tx,
      ctx,
      'discharge.readyNotified',
      { type: 'dischargeStay', id },
      { stayId: id, readinessId, judgedOn: isoDate(judgedAt) },
    );
  });
}

/**
 * "Inte längre utskrivningsklar": the patient needs inpatient care again. The readiness period ends now, which
 * stops the count of paid days, and the concerned units are told again (legalBasis.readyNotice).
 */
export function revokeReady(ctx: UserContext, id: string) {
  return changeStay(ctx, id, async (tx, a) => {
    assertInpatientUnit(ctx, a);
    assertNotDischarged(a);
    const open = openReadiness(a);
    if (!open) throw conflict('Patienten är inte utskrivningsklar. Inget har ändrats.');
    await tx
      .update(dischargeReadiness)
      .set({ revokedAt: ctx.now, revokedBy: ctx.user.id })
      .where(eq(dischargeReadiness.id, open.id));
    await tx.update(dischargeStays).set({ status: 'inCare' }).where(eq(dischargeStays.id, id));
    await noticeUnits(tx, ctx.now, id, 'discharge.readyRevoked', otherUnits(ctx, a), open.id);
    await recordEvent(
      tx,
      ctx,
      'discharge.readyRevoked',
      { type: 'dischargeStay', id },
      { stayId: id, readinessId: open.id },
    );
  });
}

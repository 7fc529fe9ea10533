import { and, eq } from 'drizzle-orm';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertNotDischarged, changeStay, ownConcernedUnit } from './change.ts';
import { dischargeStayUnits } from './schema.ts';

/**
 * A notified unit acknowledges the admission notice and starts its planning for the discharge. The region's
 * outpatient unit names the patient's fasta vårdkontakt as it does (legalBasis.planning: lag (2017:612), enligt
 * lagens 4 kap.; the outpatient care names one once the notice has come); the fasta vårdkontakt later calls the SIP.
 */
export function acknowledgeStay(
  ctx: UserContext,
  id: string,
  input: { fastVardkontakt?: string | null | undefined },
) {
  return changeStay(ctx, id, async (tx, a) => {
    assertNotDischarged(a);
    const own = ownConcernedUnit(ctx, a);
    if (own.acknowledgedAt) throw conflict('Er enhet har redan kvitterat inskrivningsmeddelandet.');
    const contact = input.fastVardkontakt?.trim() || null;
    if (own.kind === 'regionalOutpatient' && !contact)
      throw unprocessable('Öppenvården utser patientens fasta vårdkontakt när planeringen startar.', [
        { path: 'fastVardkontakt', message: 'Ange patientens fasta vårdkontakt.' },
      ]);
    if (own.kind !== 'regionalOutpatient' && contact)
      throw unprocessable('Den fasta vårdkontakten utses av regionens öppna vård.', [
        { path: 'fastVardkontakt', message: 'Lämna fältet tomt.' },
      ]);
    await tx
      .update(dischargeStayUnits)
      .set({ acknowledgedAt: ctx.now, acknowledgedBy: ctx.user.id, fastVardkontakt: contact })
      .where(and(eq(dischargeStayUnits.stayId, id), eq(dischargeStayUnits.unitId, own.unitId)));
    await recordEvent(
      tx,
      ctx,
      'discharge.acknowledged',
      { type: 'dischargeStay', id },
      { stayId: id, unitId: own.unitId, kind: own.kind },
    );
  });
}

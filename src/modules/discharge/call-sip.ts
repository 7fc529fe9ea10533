import { eq } from 'drizzle-orm';
import { conflict, forbidden } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertNotDischarged, changeStay, ownConcernedUnit } from './change.ts';
import { sipCallLate } from './rules.ts';
import { dischargeStays } from './schema.ts';
import { startDischargeSip } from './sip-link.ts';

/**
 * The fasta vårdkontakt calls the SIP when the person needs both the region and the municipality after
 * discharge, within three days of the ready notice (legalBasis.sipCall: lag (2017:612), enligt lagens 4 kap.; a
 * later call is stored and flagged late). Only the region's
 * outpatient unit that named the fasta vårdkontakt calls it; the SIP is started through the SIP module and linked.
 */
export function callSip(ctx: UserContext, id: string) {
  return changeStay(ctx, id, async (tx, a, person) => {
    assertNotDischarged(a);
    const own = ownConcernedUnit(ctx, a);
    if (own.kind !== 'regionalOutpatient' || !own.fastVardkontakt)
      throw forbidden('SIP:en kallas av den fasta vårdkontakten i regionens öppna vård.');
    if (a.stay.sipId) throw conflict('SIP:en är redan kallad. Inget har ändrats.');
    const sip = await startDischargeSip(
      { ...ctx, db: tx },
      { personalIdentityNumber: person.personalIdentityNumber, name: person.name },
    );
    await tx
      .update(dischargeStays)
      .set({ sipId: sip.id, sipCalledAt: ctx.now })
      .where(eq(dischargeStays.id, id));
    const first = a.readiness[0];
    await recordEvent(
      tx,
      ctx,
      'discharge.sipCalled',
      { type: 'dischargeStay', id },
      { stayId: id, sipId: sip.id, late: first ? sipCallLate(first.notifiedAt, ctx.now) : false },
    );
  });
}

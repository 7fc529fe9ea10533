import { conflict, forbidden, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { openDispute } from '../disputes/index.ts';
import { changeStay } from './change.ts';
import { loadPaymentRules } from './payment-rules.ts';
import { mayDisputeDay } from './policy.ts';
import { stayPayment } from './present.ts';
import { dischargeDayDisputes } from './schema.ts';

/**
 * The paying municipality disputes one paid day: a dispute between it and the region opens on the county's
 * ladder (disputes module: an individual case about cost sharing, the inpatient care meeting the patient's needs
 * meanwhile; legalBasis.disputedDay). The dispute names the day, never the person; the day keeps its link to the
 * dispute.
 */
export function disputeDay(ctx: UserContext, id: string, input: { day: string; reason: string }) {
  return changeStay(ctx, id, async (tx, a) => {
    if (!mayDisputeDay(ctx.user, a.stay))
      throw forbidden('Ett vårddygn bestrids av en chef i den kommun som betalar för det.');
    const payment = stayPayment(a, await loadPaymentRules(tx, a.stay.countyCode), ctx.now);
    const paid = payment.days.find((d) => d.day === input.day);
    if (!paid)
      throw unprocessable('Kommunen betalar inte för den dagen.', [
        { path: 'day', message: 'Välj en av dagarna kommunen betalar för.' },
      ]);
    if (paid.disputeId) throw conflict('Dagen är redan bestridd. Inget har ändrats.');
    const dispute = await openDispute(
      { ...ctx, db: tx },
      {
        kind: 'individualCase',
        category: 'costSharing',
        title: `Betalningsansvar för ett vårddygn ${input.day} (utskrivningsklar patient)`,
        description: input.reason,
        counterpartPrincipalIds: [a.stay.inpatientPrincipalId],
        interimResponsibility: {
          principalId: a.stay.inpatientPrincipalId,
          description: 'Patienten vårdas i den slutna vården medan tvisten pågår.',
        },
      },
    );
    await tx.insert(dischargeDayDisputes).values({
      stayId: id,
      day: input.day,
      disputeId: dispute.id,
      openedAt: ctx.now,
      openedBy: ctx.user.id,
    });
    await recordEvent(
      tx,
      ctx,
      'discharge.dayDisputed',
      { type: 'dischargeStay', id },
      { stayId: id, day: input.day, disputeId: dispute.id },
    );
  });
}

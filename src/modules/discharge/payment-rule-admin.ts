import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, forbidden, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { loadPaymentRules } from './payment-rules.ts';
import { mayAddPaymentRule } from './policy.ts';
import { type DayKind, dischargePaymentRules } from './schema.ts';

/** The county's payment rules and the law's, oldest first, for anyone of the county. */
export function listPaymentRules(ctx: UserContext) {
  return loadPaymentRules(ctx.db, ctx.user.county.code);
}

export type NewRuleInput = {
  validFrom: string;
  daysAfterNotice: number;
  dayKind: DayKind;
  dailyAmountSek: number;
  source: string;
};

/**
 * The county administrator adds the county's rule from a day after today (what the county agreed: when the
 * payment responsibility begins, what a day costs, and the paragraph it rests on). Rules are never changed or
 * removed, and none begins today or earlier, so every period already counted keeps its rule.
 */
export function addPaymentRule(ctx: UserContext, input: NewRuleInput) {
  if (!mayAddPaymentRule(ctx.user)) throw forbidden();
  if (input.validFrom <= isoDate(ctx.now))
    throw unprocessable(
      'En ny regel gäller från en dag efter i dag, så att redan räknade perioder behåller sin regel.',
      [{ path: 'validFrom', message: 'Ange en dag efter i dag.' }],
    );
  return inTransaction(ctx.db, async (tx) => {
    const [taken] = await tx
      .select({ id: dischargePaymentRules.id })
      .from(dischargePaymentRules)
      .where(
        and(
          eq(dischargePaymentRules.countyCode, ctx.user.county.code),
          eq(dischargePaymentRules.validFrom, input.validFrom),
        ),
      );
    if (taken) throw conflict('Länet har redan en regel från den dagen. Inget har ändrats.');
    const id = randomUUID();
    await tx.insert(dischargePaymentRules).values({
      id,
      countyCode: ctx.user.county.code,
      validFrom: input.validFrom,
      daysAfterNotice: input.daysAfterNotice,
      dayKind: input.dayKind,
      dailyAmountSek: input.dailyAmountSek,
      source: input.source.trim(),
      recordedAt: ctx.now,
    });
    await recordEvent(
      tx,
      ctx,
      'discharge.ruleAdded',
      { type: 'dischargePaymentRule', id },
      { ruleId: id, validFrom: input.validFrom },
    );
    return (await loadPaymentRules(tx, ctx.user.county.code)).find((r) => r.id === id)!;
  });
}

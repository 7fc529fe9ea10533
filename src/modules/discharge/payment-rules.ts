import { asc, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { PaymentRule } from './payment.ts';
import { dischargePaymentRules } from './schema.ts';

/** The county's own payment rules and the law's, oldest first: the whole history, so every period keeps its rule. */
export async function loadPaymentRules(tx: Db, countyCode: string): Promise<PaymentRule[]> {
  return tx
    .select({
      id: dischargePaymentRules.id,
      countyCode: dischargePaymentRules.countyCode,
      validFrom: dischargePaymentRules.validFrom,
      daysAfterNotice: dischargePaymentRules.daysAfterNotice,
      dayKind: dischargePaymentRules.dayKind,
      dailyAmountSek: dischargePaymentRules.dailyAmountSek,
      demoAmount: dischargePaymentRules.demoAmount,
      source: dischargePaymentRules.source,
    })
    .from(dischargePaymentRules)
    .where(or(eq(dischargePaymentRules.countyCode, countyCode), isNull(dischargePaymentRules.countyCode)))
    .orderBy(asc(dischargePaymentRules.validFrom));
}

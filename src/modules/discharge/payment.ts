import { addDays, addWorkingDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';
import type { DayKind } from './schema.ts';

// The municipality's payment responsibility for a stay (legalBasis.paymentResponsibility: lag (2017:612) 5 kap.;
// the amount per day, legalBasis.dailyAmount: 5 kap. 6 §), counted from its readiness periods and the payment
// rules (data per county, with a history; the law's row where the county has none). Pure: the rules and periods
// come in, the paid days go out.
//
// How a period is counted (docs/decisions/0023-discharge-planning.md):
// - The rule that decides when responsibility begins is the one in force on the day the ready notice was sent
//   (its county's row on that day, else the law's), so a later change of rule never moves an earlier start.
// - Responsibility begins on the day `daysAfterNotice` calendar days (or Swedish working days, for a rule that
//   counts them: weekends, public holidays and the closed eves not counted) after the notice day.
// - Each day from then is paid at the amount of the rule in force on that day, until the day before the
//   readiness was revoked or the patient was discharged (the discharge day is not paid), or through `today`
//   for a stay still in care.

export type PaymentRule = {
  id: string;
  countyCode: string | null;
  validFrom: string;
  daysAfterNotice: number;
  dayKind: DayKind;
  dailyAmountSek: number;
  /** The amount is a demo value to be replaced by the county's administrator, not a checked figure. */
  demoAmount: boolean;
  source: string;
};
export type ReadinessPeriod = { notifiedAt: Date; revokedAt: Date | null };
export type PaidDay = { day: string; amountSek: number; ruleId: string; demoAmount: boolean };

/** The rule in force on a day for the county: its own row valid then, else the law's; null before any rule. */
export function ruleOn(rules: readonly PaymentRule[], countyCode: string, day: string): PaymentRule | null {
  const latest = (county: string | null) =>
    rules
      .filter((r) => r.countyCode === county && r.validFrom <= day)
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0] ?? null;
  return latest(countyCode) ?? latest(null);
}

/** The first day the municipality pays for a ready notice sent on `notifiedOn` under `rule`. */
export function firstPaidDay(rule: PaymentRule, notifiedOn: string): string {
  return rule.dayKind === 'working'
    ? addWorkingDays(notifiedOn, rule.daysAfterNotice)
    : addDays(notifiedOn, rule.daysAfterNotice);
}

export function paidDays(input: {
  countyCode: string;
  periods: readonly ReadinessPeriod[];
  dischargedOn: string | null;
  today: string;
  rules: readonly PaymentRule[];
}): PaidDay[] {
  const days = new Map<string, PaidDay>();
  for (const period of input.periods) {
    const notifiedOn = isoDate(period.notifiedAt);
    const startRule = ruleOn(input.rules, input.countyCode, notifiedOn);
    if (!startRule) continue;
    // The last day paid: before revocation or discharge, else today.
    const ends = [addDays(input.today, 1)];
    if (period.revokedAt) ends.push(isoDate(period.revokedAt));
    if (input.dischargedOn) ends.push(input.dischargedOn);
    const endExclusive = ends.sort()[0]!;
    for (let day = firstPaidDay(startRule, notifiedOn); day < endExclusive; day = addDays(day, 1)) {
      const rule = ruleOn(input.rules, input.countyCode, day) ?? startRule;
      days.set(day, { day, amountSek: rule.dailyAmountSek, ruleId: rule.id, demoAmount: rule.demoAmount });
    }
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

export const totalSek = (days: readonly { amountSek: number }[]) =>
  days.reduce((sum, d) => sum + d.amountSek, 0);

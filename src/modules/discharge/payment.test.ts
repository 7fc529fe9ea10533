import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstPaidDay, type PaymentRule, paidDays, ruleOn, totalSek } from './payment.ts';

// The payment rule's counting, by hand: which days the municipality pays and at what amount, across weekends,
// Swedish public holidays (for a rule that counts working days), a revoked readiness and a change of rule.

const law: PaymentRule = {
  id: 'law',
  countyCode: null,
  validFrom: '2026-01-01',
  daysAfterNotice: 3,
  dayKind: 'calendar',
  dailyAmountSek: 10500,
  demoAmount: true,
  source: 'Lagen',
};
const county = (validFrom: string, over: Partial<PaymentRule> = {}): PaymentRule => ({
  id: `17-${validFrom}`,
  countyCode: '17',
  validFrom,
  daysAfterNotice: 2,
  dayKind: 'working',
  dailyAmountSek: 9000,
  demoAmount: false,
  source: 'Länets överenskommelse',
  ...over,
});
const at = (iso: string) => new Date(iso);
const count = (input: Partial<Parameters<typeof paidDays>[0]>) =>
  paidDays({
    countyCode: '17',
    periods: [],
    dischargedOn: null,
    today: '2027-02-01',
    rules: [law],
    ...input,
  });

describe('payment responsibility (lag 2017:612)', () => {
  test("the law's rule: three calendar days after the notice day, weekend or not; the discharge day is not paid", () => {
    // Friday 4 December 2026, 11:00 in Sweden.
    const days = count({
      periods: [{ notifiedAt: at('2026-12-04T10:00:00Z'), revokedAt: null }],
      dischargedOn: '2026-12-10',
    });
    assert.deepEqual(
      days.map((d) => d.day),
      ['2026-12-07', '2026-12-08', '2026-12-09'],
    );
    assert.equal(totalSek(days), 3 * 10500);
  });

  test('the notice day is the day in Sweden: 00:30 on Saturday is Saturday, though it is Friday in UTC', () => {
    const days = count({
      periods: [{ notifiedAt: at('2026-12-04T23:30:00Z'), revokedAt: null }],
      dischargedOn: '2026-12-10',
    });
    assert.equal(days[0]?.day, '2026-12-08');
  });

  test('a stay still in care is counted through today', () => {
    const days = count({
      periods: [{ notifiedAt: at('2026-12-04T10:00:00Z'), revokedAt: null }],
      today: '2026-12-08',
    });
    assert.deepEqual(
      days.map((d) => d.day),
      ['2026-12-07', '2026-12-08'],
    );
  });

  test('a rule that counts working days skips the weekend: three working days after a Friday is Wednesday', () => {
    const rule = county('2026-01-01', { daysAfterNotice: 3 });
    assert.equal(firstPaidDay(rule, '2026-12-04'), '2026-12-09');
  });

  test('across Christmas and a change of rule: two working days after 23 December is 29 December, and 1 January costs the new amount', () => {
    const rules = [law, county('2026-12-20'), county('2027-01-01', { dailyAmountSek: 12000 })];
    // Julafton (closed), juldagen, annandag jul (Saturday) and Sunday are not working days: Mon 28 (1), Tue 29 (2).
    const days = count({
      rules,
      periods: [{ notifiedAt: at('2026-12-23T09:00:00Z'), revokedAt: null }],
      dischargedOn: '2027-01-03',
    });
    assert.deepEqual(
      days.map((d) => [d.day, d.amountSek]),
      [
        ['2026-12-29', 9000],
        ['2026-12-30', 9000],
        ['2026-12-31', 9000],
        ['2027-01-01', 12000],
        ['2027-01-02', 12000],
      ],
    );
    assert.equal(totalSek(days), 3 * 9000 + 2 * 12000);
  });

  test("a notice sent before the county's rule keeps the law's start; each day is paid at the rule in force that day", () => {
    const rules = [law, county('2026-12-20')];
    const days = count({
      rules,
      periods: [{ notifiedAt: at('2026-12-18T09:00:00Z'), revokedAt: null }],
      dischargedOn: '2026-12-23',
    });
    assert.deepEqual(
      days.map((d) => [d.day, d.amountSek, d.ruleId]),
      [
        ['2026-12-21', 9000, '17-2026-12-20'],
        ['2026-12-22', 9000, '17-2026-12-20'],
      ],
    );
    assert.equal(ruleOn(rules, '17', '2026-12-19')?.id, 'law');
    assert.equal(ruleOn(rules, '04', '2026-12-21')?.id, 'law', "another county keeps the law's rule");
  });

  test('a revoked readiness stops the count the day it is revoked; a new notice starts a new wait', () => {
    const days = count({
      periods: [
        { notifiedAt: at('2026-12-01T10:00:00Z'), revokedAt: at('2026-12-06T14:00:00Z') },
        { notifiedAt: at('2026-12-08T08:00:00Z'), revokedAt: null },
      ],
      dischargedOn: '2026-12-13',
    });
    assert.deepEqual(
      days.map((d) => d.day),
      ['2026-12-04', '2026-12-05', '2026-12-11', '2026-12-12'],
    );
    assert.equal(totalSek(days), 4 * 10500);
  });

  test("each day says whether its amount is a demo value: the law's row as loaded is, a county's own is not", () => {
    const days = count({
      rules: [law, county('2026-12-20')],
      periods: [{ notifiedAt: at('2026-12-14T09:00:00Z'), revokedAt: null }],
      dischargedOn: '2026-12-22',
    });
    assert.deepEqual(
      days.map((d) => [d.day, d.amountSek, d.demoAmount]),
      [
        ['2026-12-17', 10500, true],
        ['2026-12-18', 10500, true],
        ['2026-12-19', 10500, true],
        ['2026-12-20', 9000, false],
        ['2026-12-21', 9000, false],
      ],
    );
  });

  test('before any rule nothing is paid', () => {
    assert.deepEqual(
      count({ periods: [{ notifiedAt: at('2025-12-01T10:00:00Z'), revokedAt: null }], today: '2025-12-20' }),
      [],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, isWorkingDay } from './working-days.ts';

// Every day that Swedish workplaces keep closed on a weekday, 2025–2030, written out by hand from the
// calendar (Easter by year, Midsummer Eve is the Friday 19–25 June, All Saints' Day is not on a weekday).
const closedWeekdays: Record<number, string[]> = {
  2025: [
    '01-01',
    '01-06',
    '04-18',
    '04-21',
    '05-01',
    '05-29',
    '06-06',
    '06-20',
    '12-24',
    '12-25',
    '12-26',
    '12-31',
  ],
  2026: ['01-01', '01-06', '04-03', '04-06', '05-01', '05-14', '06-19', '12-24', '12-25', '12-31'],
  2027: ['01-01', '01-06', '03-26', '03-29', '05-06', '06-25', '12-24', '12-31'],
  2028: ['01-06', '04-14', '04-17', '05-01', '05-25', '06-06', '06-23', '12-25', '12-26'],
  2029: ['01-01', '03-30', '04-02', '05-01', '05-10', '06-06', '06-22', '12-24', '12-25', '12-26', '12-31'],
  2030: ['01-01', '04-19', '04-22', '05-01', '05-30', '06-06', '06-21', '12-24', '12-25', '12-26', '12-31'],
};

describe('Swedish working days', () => {
  for (const [year, days] of Object.entries(closedWeekdays)) {
    it(`knows every closed weekday of ${year}`, () => {
      const found: string[] = [];
      for (
        let d = new Date(Date.UTC(Number(year), 0, 1));
        d.getUTCFullYear() === Number(year);
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        const date = d.toISOString().slice(0, 10);
        const weekday = d.getUTCDay();
        if (weekday !== 0 && weekday !== 6 && !isWorkingDay(date)) found.push(date.slice(5));
      }
      assert.deepEqual(found, days);
    });
  }

  it('skips weekends and holidays when counting', () => {
    assert.equal(addWorkingDays('2026-11-20', 3), '2026-11-25'); // Friday → Wednesday
    assert.equal(addWorkingDays('2026-12-22', 3), '2026-12-29'); // Tuesday, over Christmas: 23, 28, 29
    assert.equal(addWorkingDays('2026-04-01', 3), '2026-04-08'); // Wednesday, over Easter: 2, 7, 8
    assert.equal(addWorkingDays('2026-06-17', 3), '2026-06-23'); // over Midsummer
    assert.equal(addWorkingDays('2026-04-30', 1), '2026-05-04'); // Valborg is a working day; 1 May is not
  });
});

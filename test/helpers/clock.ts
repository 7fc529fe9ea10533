import { fixedClock } from '../../src/platform/clock.ts';

// The tests' clock. No test reads the wall clock (test/architecture.test.ts checks): a test that needs a moment
// names it, and whatever a test does not time runs at TEST_NOW, whichever day the suite runs on.

/** A Monday morning in Swedish time, 10:00: the moment of every request and job a test does not time itself. */
export const TEST_NOW = '2026-12-07T09:00:00Z';

/** The clock the test servers run on when a request carries no X-Somlos-Now. */
export const testClock = fixedClock(TEST_NOW);

/** TEST_NOW's day in Swedish time (YYYY-MM-DD), as pages show it; `days` later (or earlier, negative). */
export function testDay(days = 0): string {
  const at = new Date(TEST_NOW);
  at.setUTCDate(at.getUTCDate() + days);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);
}

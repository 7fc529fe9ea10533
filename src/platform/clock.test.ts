import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isoDate, isoDateTime, timeZone } from './clock.ts';

// isoDate and isoDateTime keep the time zone database's answer per hour (issue 27); they must give what formatting
// through it each time gives, on every side of a change between CET and CEST.

const reference = (at: Date, pattern: string) => format(new TZDate(at, timeZone), pattern);

test('the same dates and times as the time zone database, around each change of offset and at random', () => {
  const instants: Date[] = [];
  // The changes of 1980 (Sweden's first summer time since 1949), of 2026 and of 2037, minute by minute around each.
  for (const change of [
    '1980-04-06T01:00:00Z',
    '1980-09-28T01:00:00Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
    '2037-10-25T01:00:00Z',
  ])
    for (let m = -90; m <= 90; m++) instants.push(new Date(Date.parse(change) + m * 60_000));
  let seed = 27;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < 5000; i++)
    instants.push(new Date(Date.UTC(1950, 0, 1) + random() * 100 * 365.25 * 86_400_000));
  for (const at of instants) {
    assert.equal(isoDate(at), reference(at, 'yyyy-MM-dd'), at.toISOString());
    assert.equal(isoDateTime(at), reference(at, 'yyyy-MM-dd HH:mm'), at.toISOString());
  }
});

test('an invalid date is refused as before', () => {
  assert.throws(() => isoDate(new Date('not a date')), RangeError);
  assert.throws(() => isoDateTime(new Date(Number.NaN)), RangeError);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isChild } from './person-self.ts';

// Decision 0022: a child's plan is shown to no one but staff, so the person's own pages open at 18, counted on
// the day in Swedish time; a samordningsnummer carries the day of birth plus 60.

test('a person is a child until their 18th birthday, in Swedish time', () => {
  // Born 12 December 2008: 18 on 12 December 2026.
  assert.equal(isChild('200812122384', new Date('2026-12-11T22:59:00Z')), true, '23.59 the day before');
  assert.equal(isChild('200812122384', new Date('2026-12-11T23:00:00Z')), false, '00.00 on the birthday');
  assert.equal(isChild('198112189876', new Date('2026-11-26T10:00:00Z')), false);
  assert.equal(isChild('201405052489', new Date('2026-11-26T10:00:00Z')), true);
});

test('a samordningsnummer counts from the day of birth, not the day plus 60', () => {
  // Born 3 October 2008 (day 63): 18 on 3 October 2026.
  assert.equal(isChild('200810632391', new Date('2026-10-02T12:00:00Z')), true);
  assert.equal(isChild('200810632391', new Date('2026-10-03T12:00:00Z')), false);
});

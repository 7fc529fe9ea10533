import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageOn, formatIdentityNumber, parseIdentityNumber } from './identity-number.ts';

test('personnummer in every accepted form normalise to the same twelve digits', () => {
  for (const input of ['19811218-9876', '198112189876', '811218-9876', '8112189876', ' 19811218-9876 ']) {
    assert.deepEqual(parseIdentityNumber(input), { normalised: '198112189876', kind: 'personnummer' }, input);
  }
});

test('ten digits take the latest possible century; a plus sign means a hundred years earlier', () => {
  assert.equal(parseIdentityNumber('121212-1212')?.normalised, '201212121212');
  assert.equal(parseIdentityNumber('121212+1212')?.normalised, '191212121212');
});

test('samordningsnummer (day + 60) are accepted and recognised', () => {
  assert.deepEqual(parseIdentityNumber('701063-2391'), {
    normalised: '197010632391',
    kind: 'samordningsnummer',
  });
});

test('wrong checksum, impossible dates, letters and other shapes are refused', () => {
  for (const input of [
    '19121212-1213',
    '19121312-1212',
    '1912121-21212',
    'abcdefghij',
    '',
    '12121212',
    '19121212--1212',
    '19121212 1212',
  ]) {
    assert.equal(parseIdentityNumber(input), null, input);
  }
});

test('identity numbers are shown as YYYYMMDD-NNNN', () => {
  assert.equal(formatIdentityNumber('191212121212'), '19121212-1212');
});

test('ageOn: whole years on a day, from a personnummer or a samordningsnummer (day + 60)', () => {
  assert.equal(ageOn('191212121212', '2026-12-12'), 114);
  assert.equal(ageOn('200812129876', '2026-12-11'), 17);
  assert.equal(ageOn('200812129876', '2026-12-12'), 18);
  // Samordningsnummer: born 2008-12-12, written 2008-12-72.
  assert.equal(ageOn('200812729876', '2026-12-11'), 17);
  assert.equal(ageOn('200812729876', '2026-12-12'), 18);
  // Born on 29 February: older on 1 March when the year has no 29 February.
  assert.equal(ageOn('200802291234', '2026-02-28'), 17);
  assert.equal(ageOn('200802291234', '2026-03-01'), 18);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containsIdentityNumber } from './identifying-text.ts';

test('identity numbers are found in every written form', () => {
  for (const text of [
    '19121212-1212',
    '191212121212',
    '121212-1212',
    '1212121212',
    '121212+1212',
    'Patienten 20121212 1212 kom inte',
    'samordningsnummer 701063-2391',
    'med bindestreck 121212\u20131212',
    'helbredd \uff11\uff12\uff11\uff12\uff11\uff12-\uff11\uff12\uff11\uff12',
    'ett felskrivet 121212-1213 pekar ändå ut en person',
    'slut:19121212-1212.',
    'mellanslag 121212 - 1212',
    'understreck 19121212_1212',
    'snedstreck 19121212/1212',
  ]) {
    assert.equal(containsIdentityNumber(text), true, text);
  }
});

test('dates, years, phone-like and longer numbers are not identity numbers', () => {
  for (const text of [
    'Mötet 2026-11-23 klockan 10',
    'Ärende 2026/1234',
    'Telefon 054-61 00 00',
    'Diarienummer 12345678901234',
    'månad 13: 121312-1212',
    'dag 32: 121232-1212',
    'år 1712: 17121212-1212',
    '',
  ]) {
    assert.equal(containsIdentityNumber(text), false, text);
  }
});

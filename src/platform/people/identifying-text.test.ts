import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  identifyingText,
  renderIdentityNumber,
  validIdentityDigits,
} from '../../../test/helpers/identity-renderings.ts';
import { containsIdentityNumber, readableText } from './identifying-text.ts';

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

test('the renderings an evasive writer would try are found too', () => {
  for (const text of [
    '19 85 01 01 - 12 34', // not a valid number, but written as one: a typo still points at a person
    '85.01.01.1234',
    '85-01-01-1234',
    '850101.1234',
    '19 81 12 18 - 98 76',
    '811218 9876',
    '811218/9876',
    '811218.9876',
    '81-12-18-9876',
    '811218\u20139876',
    '811218\u00a09876',
    '811218\u20099876',
    '811218\n9876',
    '8112\u200b18-9876',
    '81\u00ad12\u200d18\u20609876',
    '\u202e811218-9876\u202c',
    '\u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666', // Arabic-Indic
    '\u096e\u0967\u0967\u0968\u0967\u096e \u096f\u096e\u096d\u096c', // Devanagari
    '\u{1d7d6}\u{1d7cf}\u{1d7cf}\u{1d7d0}\u{1d7cf}\u{1d7d6}-\u{1d7d7}\u{1d7d6}\u{1d7d5}\u{1d7d4}', // mathematical bold
    '7010 63 23 91', // samordningsnummer
    '1981 1218 9876',
  ]) {
    assert.equal(containsIdentityNumber(text), true, JSON.stringify(text));
  }
});

test('a valid number in any rendering (groups, separators, invisible characters, digit scripts) is found', () => {
  fc.assert(
    fc.property(identifyingText, ({ text, digits }) => {
      assert.ok(containsIdentityNumber(text), `${digits} as ${JSON.stringify(text)}`);
    }),
    { numRuns: 3000 },
  );
});

test('the text is read as a reader sees it: one digit for every digit, nothing invisible', () => {
  fc.assert(
    fc.property(
      validIdentityDigits.chain((d) => fc.tuple(fc.constant(d), renderIdentityNumber(d))),
      ([digits, rendered]) => {
        assert.equal(readableText(rendered).replace(/\D/g, ''), digits);
      },
    ),
    { numRuns: 1000 },
  );
});

test('dates, years, phone-like and longer numbers are not identity numbers', () => {
  for (const text of [
    'Mötet 2026-11-23 klockan 10',
    'Ärende 2026/1234',
    'Telefon 054-61 00 00',
    'Telefon 054-61 50 00, fax 054-61 50 01',
    'Diarienummer 12345678901234',
    'månad 13: 121312-1212',
    'dag 32: 121232-1212',
    'år 1712: 17121212-1212',
    'Kallelse 2026-11-20 kl 13.00 besvarades inte',
    'Under perioden 2026-01-01 – 2026-06-30 kom 12 av 40 kallelser för sent.',
    'Version 1.2.3, 4 5 6',
    '',
  ]) {
    assert.equal(containsIdentityNumber(text), false, text);
  }
});

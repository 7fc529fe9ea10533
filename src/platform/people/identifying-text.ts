import { unprocessable } from '../errors.ts';
import { isValidIdentityDigits } from './identity-number.ts';

/**
 * Text that travels outside a person's plan (deviations, disputes, needs inventories) must not identify the
 * person. The text is first read the way a person reads it (normalised below), then searched two ways:
 *
 * - The usual forms: 6 or 8 digits of a plausible date (day + 60 for a samordningsnummer), an optional
 *   separator (a space, or a hyphen, plus, underscore, slash or dash look-alike with spaces around it or not),
 *   then four digits, not part of a longer run of digits. The checksum is deliberately not required here: a
 *   number with a typo still points at one person.
 * - The same with more separators: groups of digits with spaces or punctuation between them that hold exactly 10
 *   or 12 digits, where the date part ends a group and a mark (a dash, plus, slash, dot …) stands between it and
 *   the last four ("19 85 01 01 - 12 34", "85.01.01.1234", "85-01-01-1234"). No checksum either.
 * - Any other rendering: any consecutive groups that together hold 10 or 12 digits, cut anywhere ("8112 18 98
 *   74"). Here the number must also be a valid one (date and Luhn checksum), or dates, times and phone numbers
 *   written in groups ("2026-11-20 13.00", "070-123 45 67") would be refused far too often.
 */
const usualForm = /(?<!\d)(\d{6}|\d{8})(?:\s*[-+_/\u2010-\u2015\u2212]\s*|\s)?(\d{4})(?!\d)/g;

/** Digits in groups with up to five spaces, punctuation marks or mathematical symbols between the groups. */
const groupedDigits = /\d+(?:[\s\p{P}\p{Sm}\p{Sk}]{1,5}\d+)*/gu;

/**
 * The text as a reader sees it: NFKC (full-width and other compatibility characters to their plain form,
 * no-break and thin spaces to spaces), invisible format characters removed (zero-width space and joiners, soft
 * hyphen, word joiner, direction marks), and every decimal digit of any script (Arabic-Indic, Devanagari …) as
 * its ASCII digit.
 */
export function readableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Nd}/gu, asciiDigit);
}

/** Unicode's decimal digits come in runs of ten, zero first: the value is the distance from the run's start. */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  let start = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((code - start) % 10);
}

export function containsIdentityNumber(text: string): boolean {
  const readable = readableText(text);
  for (const match of readable.matchAll(usualForm)) {
    if (plausibleDate(match[1]!)) return true;
  }
  for (const [run] of readable.matchAll(groupedDigits)) {
    if (separatedDateAndSerial(run) || groupsHoldValidNumber(run.match(/\d+/g)!)) return true;
  }
  return false;
}

/** A run of exactly 10 or 12 digits whose date part and last four are set apart by a mark, not only space. */
function separatedDateAndSerial(run: string): boolean {
  const digits = run.replace(/\D/g, '');
  if (digits.length !== 10 && digits.length !== 12) return false;
  const serialGroups = run.match(/^(.*\d)([^\d]+)((?:\d[^\d]*){4})$/s);
  if (!serialGroups || !/[^\s]/.test(serialGroups[2]!)) return false;
  return plausibleDate(digits.slice(0, -4));
}

/** Whether consecutive groups, taken whole, spell a valid personnummer or samordningsnummer. */
function groupsHoldValidNumber(groups: string[]): boolean {
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 12; last++) {
      digits += groups[last];
      if ((digits.length === 10 || digits.length === 12) && plausibleDate(digits.slice(0, -4)))
        if (isValidIdentityDigits(digits)) return true;
    }
  }
  return false;
}

function plausibleDate(digits: string): boolean {
  if (digits.length === 8 && !/^(18|19|20)/.test(digits)) return false;
  const mm = Number(digits.slice(-4, -2));
  const dd = Number(digits.slice(-2));
  const day = dd > 60 ? dd - 60 : dd;
  return mm >= 1 && mm <= 12 && day >= 1 && day <= 31;
}

export const identifyingTextMessage =
  'Texten ser ut att innehålla ett personnummer eller samordningsnummer. Ta bort det: ärendet ska inte gå att koppla till en person. Skriv inte heller namn.';

/** Refuses with 422, naming every field that identifies a person, before anything is stored. */
export function assertDeIdentified(fields: Record<string, string | null | undefined>): void {
  const errors = Object.entries(fields)
    .filter(([, value]) => value && containsIdentityNumber(value))
    .map(([path]) => ({ path, message: identifyingTextMessage }));
  if (errors.length) throw unprocessable(identifyingTextMessage, errors);
}

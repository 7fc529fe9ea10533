import { unprocessable } from '../../platform/errors.ts';

/**
 * Text that travels outside a person's plan (deviations, disputes, needs inventories) must not identify the
 * person. We refuse anything shaped like a personnummer or samordningsnummer: 6 or 8 digits of a plausible
 * date (day + 60 for a samordningsnummer), an optional separator (a space, or a hyphen, plus, underscore, slash or
 * dash look-alike with spaces around it or not),
 * then four digits, not part of a longer run of digits. The checksum is deliberately not required: a number
 * with a typo still points at one person.
 */
const candidate = /(?<!\d)(\d{6}|\d{8})(?:\s*[-+_/\u2010-\u2015\u2212]\s*|\s)?(\d{4})(?!\d)/g;

export function containsIdentityNumber(text: string): boolean {
  // NFKC turns full-width and other digit look-alikes into ASCII digits before matching.
  const normalised = text.normalize('NFKC');
  for (const match of normalised.matchAll(candidate)) {
    if (plausibleDate(match[1]!)) return true;
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

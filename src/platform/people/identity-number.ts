import personnummerModule from 'personnummer';

// The package is CommonJS whose module.exports is the class; TypeScript's NodeNext view of it sees a
// namespace with a default property, so take whichever the runtime gives.
type PersonnummerClass = (typeof personnummerModule)['default'];
const Personnummer: PersonnummerClass =
  (personnummerModule as unknown as { default?: PersonnummerClass }).default ??
  (personnummerModule as unknown as PersonnummerClass);

export type IdentityNumber = { normalised: string; kind: 'personnummer' | 'samordningsnummer' };

const options = { allowCoordinationNumber: true, allowInterimNumber: false };

/**
 * Validates a personnummer or samordningsnummer (10 or 12 digits, with or without "-" or "+") with the
 * personnummer package (checksum, date, century) and normalises it to twelve digits, so one person is one row.
 * Returns null for anything that is not a valid number.
 */
export function parseIdentityNumber(input: string): IdentityNumber | null {
  const trimmed = input.trim();
  if (!/^(\d{6}|\d{8})[-+]?\d{4}$/.test(trimmed)) return null;
  try {
    const pin = Personnummer.parse(trimmed, options);
    return {
      normalised: pin.format(true),
      kind: pin.isCoordinationNumber() ? 'samordningsnummer' : 'personnummer',
    };
  } catch {
    return null;
  }
}

/**
 * Whether 10 or 12 digits (no separator) are a valid personnummer or samordningsnummer: date, century and
 * the Luhn checksum, as the personnummer package checks them.
 */
export function isValidIdentityDigits(digits: string): boolean {
  return /^(\d{10}|\d{12})$/.test(digits) && Personnummer.valid(digits, options);
}

/** YYYYMMDD-NNNN, the way staff read identity numbers. */
export function formatIdentityNumber(normalised: string): string {
  return `${normalised.slice(0, 8)}-${normalised.slice(8)}`;
}

export const identityNumberMessage =
  'Ange ett giltigt personnummer eller samordningsnummer, till exempel 19121212-1212 eller 121212-1212.';

/**
 * The age in whole years on a day (YYYY-MM-DD) of the person with this normalised number (YYYYMMDDNNNN). A
 * samordningsnummer carries the birth day plus 60. Someone born on 29 February turns a year older on 1 March in
 * years without one.
 */
export function ageOn(normalised: string, day: string): number {
  const year = Number(normalised.slice(0, 4));
  const month = Number(normalised.slice(4, 6));
  let birthDay = Number(normalised.slice(6, 8));
  if (birthDay > 60) birthDay -= 60;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > month || (m === month && d >= birthDay);
  return y - year - (hadBirthday ? 0 : 1);
}

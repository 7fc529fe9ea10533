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

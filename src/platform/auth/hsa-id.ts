import { z } from 'zod';

/**
 * An HSA-id as Inera's HSA catalogue issues them: the country code SE, the issuing organisation's ten-digit
 * organisation number, a hyphen and an extension the organisation chooses (letters and digits), at most 31
 * characters in all, e.g. SE2321000016-1234. Kept as written but upper case, so a CSV or a provider that writes
 * "se…" still matches.
 */
export const hsaIdPattern = /^SE\d{10}-[A-Z0-9]{1,18}$/;

export function normaliseHsaId(value: string): string {
  return value.trim().toUpperCase();
}

export const isHsaId = (value: string) => hsaIdPattern.test(normaliseHsaId(value));

/** An optional HSA-id field: empty is none; otherwise the format is checked and the value upper-cased. */
export const hsaIdField = z
  .string()
  .max(40)
  .transform((v) => normaliseHsaId(v))
  .refine((v) => v === '' || hsaIdPattern.test(v), {
    message: 'Ange ett HSA-id som SE2321000016-1234 (SE, organisationsnummer, bindestreck, tillägg).',
  })
  .transform((v) => (v === '' ? null : v));

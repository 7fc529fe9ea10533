import { z } from 'zod';

// Fields the pages' form schemas share, with messages written for the person filling the form in. The forms
// themselves are posted through form-pages.ts.

/** Checkbox groups post one value as a string and several as an array; always give an array. */
export const asArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)];

export const realDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
/** A required date typed as YYYY-MM-DD that exists in the calendar. */
export const dateField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-20')
    .refine(realDate, 'Datumet finns inte i kalendern');

/** A required whole number typed in a text field, between min and max. */
export const wholeNumber = (missing: string, min: number, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^\d+$/, `Ange ett heltal mellan ${min} och ${max.toLocaleString('sv-SE')}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Ange ett heltal mellan ${min} och ${max.toLocaleString('sv-SE')}`);

/** A required text with messages for a missing and a too long answer. */
export const requiredText = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Texten får vara högst ${max.toLocaleString('sv-SE')} tecken`);

export const deIdentifiedConfirmationMessage =
  'Bekräfta att du har kontrollerat att texten inte innehåller namn eller andra uppgifter som pekar ut en person.';

/**
 * A form whose text reaches a governance body (issue 20 item 9): the identity-number check cannot recognise a
 * person's name, so the writer confirms that the text names no one (the checkbox
 * partials/deidentified-confirmation.njk). The confirmation is checked here and not passed on.
 */
export function confirmingDeIdentified<T extends z.ZodRawShape>(form: z.ZodObject<T>) {
  return form
    .extend({ confirmedDeidentified: z.literal('yes', { error: deIdentifiedConfirmationMessage }) })
    .transform((data) => {
      const { confirmedDeidentified: _, ...rest } = data as { confirmedDeidentified: 'yes' };
      return rest as z.output<z.ZodObject<T>>;
    });
}

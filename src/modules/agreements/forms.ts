import { z } from 'zod';
import { asArray, dateField, realDate, requiredText } from '../../platform/views/parse-form.ts';

// The agreement pages' own schemas, with messages for the person filling in the form. Field names are the
// API's, so a use case's 422 (`errors[].path`) lands at the field that caused it.

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A date that may be left empty. */
const optionalDate = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-20')
    .refine(realDate, 'Datumet finns inte i kalendern')
    .nullable(),
);

/** A number of months that may be left empty. */
const optionalMonths = (what: string) =>
  z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: `Ange ${what} som ett antal månader, till exempel 12` })
      .int(`Ange ${what} i hela månader`)
      .min(1, `Ange ${what} som minst 1 månad`)
      .max(240, `Ange ${what} som högst 240 månader`)
      .nullable(),
  );

const optionalText = (max: number) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(max, `Texten får vara högst ${max.toLocaleString('sv-SE')} tecken`)
      .nullable(),
  );

export const termsForm = z.object({
  startsOn: optionalDate,
  endsOn: optionalDate,
  noticeMonths: optionalMonths('uppsägningstiden'),
  extensionMonths: optionalMonths('förlängningen'),
  noticeRecipient: optionalText(500),
  changeNote: optionalText(4000),
});

const sectionText = z
  .string()
  .max(50000, 'Texten får vara högst 50 000 tecken')
  .default('')
  // Browsers send CRLF; the text is stored with LF so the comparison sees only real changes.
  .transform((t) => t.replace(/\r\n?/g, '\n').trimEnd());

export const sectionForm = z.object({
  heading: requiredText('Skriv avsnittets rubrik', 300),
  text: sectionText,
});

export const addSectionForm = sectionForm.extend({
  parentKey: z.preprocess(blankToNull, z.string().max(100).nullable()),
});

export const consultationForm = z.object({
  closesOn: dateField('Ange sista dag för synpunkter'),
  inviteePrincipalIds: z.preprocess(
    asArray,
    z.array(z.string().max(100)).min(1, 'Välj minst en organisation som remissen går till').max(200),
  ),
});

export const commentForm = z.object({
  sectionKey: z
    .string({ error: 'Välj vilket avsnitt synpunkten gäller' })
    .min(1, 'Välj vilket avsnitt synpunkten gäller'),
  text: requiredText('Skriv er synpunkt', 8000),
});

export const answerForm = z.object({ answer: requiredText('Skriv svaret på synpunkten', 8000) });

export const adoptionForm = z.object({
  principalId: z
    .string({ error: 'Välj vilken part som har beslutat' })
    .min(1, 'Välj vilken part som har beslutat'),
  decidedOn: dateField('Ange vilken dag beslutet fattades'),
  body: requiredText('Skriv vilket organ som fattade beslutet', 300),
  reference: requiredText('Skriv beslutets diarienummer eller paragraf', 300),
});

export const noticeForm = z.object({
  principalId: z.string({ error: 'Välj vilken part som säger upp' }).min(1, 'Välj vilken part som säger upp'),
  givenOn: dateField('Ange vilken dag uppsägningen lämnades'),
});

export const localAgreementForm = z.object({
  title: requiredText('Ge den lokala överenskommelsen en titel', 300),
  scope: requiredText('Skriv vilket område överenskommelsen gäller, till exempel kommunens namn', 300),
  principalIds: z.preprocess(asArray, z.array(z.string().max(100)).min(1, 'Välj minst en kommun').max(100)),
});

export const followUpForm = z.object({ on: dateField('Ange vilken dag uppföljningen gjordes') });

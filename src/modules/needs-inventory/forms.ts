import { z } from 'zod';
import { asArray, dateField, requiredText } from '../../platform/views/parse-form.ts';
import { inventoryForms } from './reference/forms.ts';
import type { FormQuestions } from './schema.ts';

// The pages' forms, with messages written for the person filling them in. The use cases check the rules again
// (a record's answers against the round's form), and their messages land at the same fields.

export const roundForm = z.object({
  title: requiredText('Ge inventeringen en rubrik, till exempel ”Behovsinventering 2027”', 200),
  periodStart: dateField('Ange när registreringen börjar'),
  periodEnd: dateField('Ange när registreringen slutar'),
  formId: z.string({ error: 'Välj formulär' }).min(1, 'Välj formulär'),
  coordinatorBodyId: z
    .string({ error: 'Välj vem som samordnar inventeringen' })
    .min(1, 'Välj vem som samordnar inventeringen'),
  unitIds: z.preprocess(asArray, z.array(z.string()).min(1, 'Välj minst en enhet som registrerar personer')),
  instructions: requiredText(
    'Skriv instruktionen, bland annat vilken enhet som registrerar en person som två enheter känner',
    4000,
  ),
});

export const statusForm = z.object({
  status: z.enum(['planned', 'collecting', 'interpreting', 'reported'], { error: 'Välj en status' }),
});

export const commentForm = z.object({
  text: requiredText('Skriv synpunkten', 4000),
  organisationId: z.string().optional(),
});

/** The record form's field for a life area's need (its id on the page). */
export const needField = (area: string) => `need_${area}`;

const answer = z.string().optional();

/**
 * The record form's fields: the person's municipality, age band, gender, housing, occupation, contacts, a note
 * and the need in each life area of every form Sömlös has (a round's form asks some of them). The answers are
 * checked against the round's form by the use case, whose messages land at these fields (422).
 */
export const recordForm = z.object({
  municipalityCode: answer,
  ageBand: answer,
  gender: answer,
  housing: answer,
  occupation: answer,
  contacts: z.union([z.string(), z.array(z.string())]).optional(),
  ...Object.fromEntries(
    [...new Set(inventoryForms.flatMap((f) => f.questions.lifeAreas.map((a) => a.key)))].map((key) => [
      needField(key),
      answer,
    ]),
  ),
  note: answer,
});

/** A posted record form as the use case takes it; the use case checks every answer against the round's form. */
export function recordFromForm(body: Record<string, unknown>, questions: FormQuestions) {
  const text = (name: string) => String(body[name] ?? '').trim();
  return {
    municipalityCode: text('municipalityCode'),
    ageBand: text('ageBand'),
    gender: text('gender'),
    housing: text('housing'),
    occupation: text('occupation'),
    contacts: asArray(body.contacts),
    needs: Object.fromEntries(questions.lifeAreas.map((a) => [a.key, text(needField(a.key))])),
    note: text('note') || undefined,
  };
}

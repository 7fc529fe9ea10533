import { z } from 'zod';
import { asArray, confirmingDeIdentified, dateField, requiredText } from '../../platform/views/parse-form.ts';
import { deviationOutcomes } from './schema.ts';

// The deviation pages' own schemas: messages speak to the person filling in the form, field by field. The
// use cases check the same rules again (and the identity-number rule, which the API shares).

export const reportForm = confirmingDeIdentified(
  z.object({
    title: requiredText('Ge avvikelsen en rubrik', 200),
    occurredOn: dateField('Ange när det hände'),
    category: z.string({ error: 'Välj en kategori' }).min(1, 'Välj en kategori'),
    concernedPrincipalIds: z.preprocess(
      asArray,
      z.array(z.string().max(100)).min(1, 'Välj minst en berörd huvudman').max(50),
    ),
    description: requiredText('Beskriv vad som hände', 8000),
    suggestionKey: z.string().max(200).optional(),
  }),
);

export const answerForm = confirmingDeIdentified(
  z.object({
    investigation: requiredText('Beskriv hur avvikelsen har utretts', 8000),
    cause: requiredText('Beskriv orsaken', 8000),
    measures: requiredText('Beskriv vilka åtgärder som vidtas', 8000),
  }),
);

export const escalationForm = confirmingDeIdentified(
  z.object({
    reason: requiredText('Beskriv varför avvikelsen behöver föras vidare', 8000),
  }),
);

const outcome = z.enum(deviationOutcomes, { error: 'Välj utfall' });

export const decisionForm = confirmingDeIdentified(
  z.object({
    decision: requiredText('Skriv beslutet', 8000),
    outcome,
  }),
);

export const closureForm = z.object({
  outcome,
  comment: z.string().trim().max(8000, 'Texten får vara högst 8 000 tecken').optional(),
});

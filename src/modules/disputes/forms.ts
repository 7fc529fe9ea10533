import { z } from 'zod';
import { asArray, confirmingDeIdentified, requiredText } from '../../platform/views/parse-form.ts';

// The dispute pages' own schemas, with messages for the person filling in the form.

const common = {
  category: z.string({ error: 'Välj vad tvisten gäller' }).min(1, 'Välj vad tvisten gäller'),
  title: requiredText('Ge tvisten en rubrik', 200),
  description: requiredText('Beskriv vad ni är oeniga om', 8000),
  counterpartPrincipalIds: z.preprocess(
    asArray,
    z.array(z.string().max(100)).min(1, 'Välj den eller de huvudmän ni är oeniga med').max(50),
  ),
};

export const interpretationForm = confirmingDeIdentified(z.object(common));

export const individualCaseForm = confirmingDeIdentified(
  z.object({
    interimPrincipalId: z
      .string({ error: 'Välj vilken huvudman som tillgodoser behoven under tiden' })
      .min(1, 'Välj vilken huvudman som tillgodoser behoven under tiden'),
    interimDescription: requiredText('Beskriv hur personens behov tillgodoses medan tvisten pågår', 4000),
    ...common,
    sipId: z.string().max(100).optional(),
  }),
);

export const statementForm = confirmingDeIdentified(
  z.object({ text: requiredText('Skriv ert inlägg', 8000) }),
);
export const escalationForm = confirmingDeIdentified(
  z.object({
    reason: requiredText('Beskriv varför tvisten inte kan lösas på den här nivån', 8000),
  }),
);
export const decisionForm = confirmingDeIdentified(
  z.object({
    decision: requiredText('Skriv vad som beslutades', 8000),
    reasoning: requiredText('Skriv varför', 8000),
  }),
);

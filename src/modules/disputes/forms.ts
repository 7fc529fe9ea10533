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

const interimPrincipalMessage = 'Välj vilken huvudman som tillgodoser behoven under tiden';
const interimDescriptionMessage = 'Beskriv hur personens behov tillgodoses medan tvisten pågår';

/**
 * Opening a dispute. A dispute in an individual case also says who meets the person's needs meanwhile
 * (interimResponsibility) and may name its SIP; the page's address says which kind it is, so those fields are
 * required by interimMissing, not by the schema.
 */
export const openForm = confirmingDeIdentified(
  z.object({
    interimPrincipalId: z.string().optional(),
    interimDescription: z
      .string()
      .trim()
      .max(4000, `Texten får vara högst ${(4000).toLocaleString('sv-SE')} tecken`)
      .optional(),
    ...common,
    sipId: z.string().max(100).optional(),
  }),
);

/** The interim responsibility an individual case needs. */
export function interimMissing(posted: Record<string, unknown>) {
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  return [
    ...(typeof posted.interimPrincipalId !== 'string' || posted.interimPrincipalId === ''
      ? [{ field: 'interimPrincipalId', text: interimPrincipalMessage }]
      : []),
    ...(blank(posted.interimDescription)
      ? [{ field: 'interimDescription', text: interimDescriptionMessage }]
      : []),
  ];
}

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

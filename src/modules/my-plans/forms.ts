import { z } from 'zod';

// The person's forms, with messages in plain Swedish at the field (DESIGN.md "Forms post, redirect, get").

/** Withdraw the consent: for one principal (its id) or for all ('alla'). */
export const withdrawForm = z.object({
  vem: z
    .string({ error: 'Välj vem samtycket ska tas tillbaka för' })
    .trim()
    .min(1, 'Välj vem samtycket ska tas tillbaka för')
    .max(100),
});

/** Whether relatives may take part: ja or nej. */
export const relativesForm = z.object({
  narstaende: z.enum(['ja', 'nej'], { error: 'Välj ja eller nej' }),
});

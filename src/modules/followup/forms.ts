import { z } from 'zod';
import { dateField, requiredText } from '../../platform/views/parse-form.ts';

// The follow-up pages' forms, with messages written for the person filling them in. The use cases check the
// rules again (and the API gets the same messages from them).

/** A number as people type it in Sweden: "12,5" or "12.5", spaces between thousands allowed. */
const typedNumber = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .transform((v) => v.replace(/[\s\u00a0]/g, '').replace(',', '.'))
    .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'Ange ett tal, till exempel 12 eller 12,5')
    .transform(Number);

export const valueForm = z.object({
  period: z
    .string({ error: 'Ange perioden' })
    .trim()
    .min(1, 'Ange perioden')
    .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'Ange perioden som ett år (2025) eller en månad (2025-03)'),
  value: typedNumber('Ange värdet'),
  source: requiredText('Ange källan, till exempel ”Socialstyrelsen, Öppna jämförelser 2025”', 300),
  note: z.string().trim().max(1000, 'Kommentaren får vara högst 1 000 tecken').optional(),
});

export const targetForm = z
  .object({
    targetValue: z.string().trim().default(''),
    targetDirection: z.enum(['atLeast', 'atMost']).optional(),
  })
  .transform((f, ctx) => {
    if (!f.targetValue) return { value: null, direction: null };
    const value = Number(f.targetValue.replace(/[\s\u00a0]/g, '').replace(',', '.'));
    if (!Number.isFinite(value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetValue'],
        message: 'Ange målet som ett tal, till exempel 90',
      });
      return z.NEVER;
    }
    if (!f.targetDirection) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetDirection'],
        message: 'Välj om målet är ett lägsta eller högsta värde',
      });
      return z.NEVER;
    }
    return { value, direction: f.targetDirection };
  });

const dateOf = (missing: string) => dateField(missing);

export const actionPlanForm = z.object({
  title: requiredText('Ge handlingsplanen en rubrik', 200),
  description: requiredText('Beskriv vad planen ska åstadkomma', 4000),
  origin: z.enum(['deviationCompilation', 'nationalGuidelines', 'newLaw', 'jointAnalysis'], {
    error: 'Välj vad planen bygger på',
  }),
  originNote: requiredText(
    'Ange underlaget, till exempel vilken sammanställning eller vilka riktlinjer',
    1000,
  ),
  owner: z
    .string({ error: 'Välj vem som äger planen' })
    .min(1, 'Välj vem som äger planen')
    .transform((v) =>
      v.startsWith('body:') ? { bodyId: v.slice(5) } : { principalId: v.replace(/^principal:/, '') },
    ),
  startsOn: dateOf('Ange när planen börjar'),
  endsOn: dateOf('Ange när planen ska vara genomförd'),
});

export const actionForm = z.object({
  description: requiredText('Beskriv åtgärden', 1000),
  responsibleUnitId: z.string({ error: 'Välj den enhet som ansvarar' }).min(1, 'Välj den enhet som ansvarar'),
  dueOn: dateOf('Ange när åtgärden ska vara klar'),
});
export const doneForm = z.object({ doneOn: dateOf('Ange när åtgärden blev genomförd') });
export const noteForm = z.object({
  on: dateOf('Ange dagen för uppföljningen'),
  text: requiredText('Skriv vad uppföljningen visade', 4000),
});
export const statusForm = z.object({
  status: z.enum(['planned', 'ongoing', 'completed', 'cancelled'], { error: 'Välj en status' }),
});

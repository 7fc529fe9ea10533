import { z } from 'zod';
import { requiredText } from '../../platform/views/parse-form.ts';
import { deliverableStatuses } from './schema.ts';

// The revision project pages' own schemas, with messages for the person filling in the form.

export const reportForm = z.object({
  text: requiredText('Skriv rapporten', 8000),
  phaseId: z.string().max(100).optional(),
});

export const deliverableStatusForm = z.object({
  status: z.enum(deliverableStatuses, { error: 'Välj var leveransen står' }),
});

export const proposeForm = z.object({
  sectionKey: z
    .string({ error: 'Välj vilket avsnitt ändringen gäller' })
    .min(1, 'Välj vilket avsnitt ändringen gäller')
    .max(100),
  title: requiredText('Ge ändringen en rubrik', 200),
  proposedText: requiredText('Skriv avsnittets nya text', 20000),
  reason: requiredText('Skriv varför ändringen behövs', 8000),
});

export const decisionForm = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'Välj om förslaget godkänns eller avslås' }),
  note: z.string().trim().max(8000, 'Texten får vara högst 8 000 tecken').optional(),
});

import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { timeZone } from '../../platform/clock.ts';
import { asArray } from '../../platform/views/parse-form.ts';
import { identityNumberMessage, parseIdentityNumber } from '../people/identity-number.ts';

// The page forms' own schemas: messages speak to the person filling in the form, field by field.
const realDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const dateField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-20')
    .refine(realDate, 'Datumet finns inte i kalendern');

export const startForm = z.object({
  personalIdentityNumber: z
    .string({ error: 'Ange personnummer eller samordningsnummer' })
    .trim()
    .min(1, 'Ange personnummer eller samordningsnummer')
    .refine((v) => parseIdentityNumber(v) !== null, identityNumberMessage),
  name: z
    .string({ error: 'Ange personens namn' })
    .trim()
    .min(1, 'Ange personens namn')
    .max(200, 'Namnet får vara högst 200 tecken'),
  reason: z
    .string({ error: 'Beskriv varför en SIP behövs' })
    .trim()
    .min(1, 'Beskriv varför en SIP behövs')
    .max(4000, 'Beskrivningen får vara högst 4 000 tecken'),
});

export const consentForm = z.object({
  givenAt: dateField('Ange vilket datum samtycket gavs'),
  form: z.enum(['written', 'verbal'], { error: 'Välj om samtycket är skriftligt eller muntligt' }),
  principalIds: z.preprocess(asArray, z.array(z.string().max(100)).min(1, 'Välj minst en huvudman')),
  relativesMayTakePart: z.enum(['yes', 'no'], { error: 'Välj om närstående får delta' }),
});

export const inviteForm = z
  .object({
    unitId: z
      .string({ error: 'Välj vilken enhet som ska kallas' })
      .min(1, 'Välj vilken enhet som ska kallas')
      .max(100),
    meetingDate: dateField('Ange mötets datum'),
    meetingTime: z
      .string({ error: 'Ange mötets tid' })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Ange tiden som TT:MM, till exempel 13:00'),
  })
  .transform((f) => ({ unitId: f.unitId, meetingAt: swedishTime(f.meetingDate, f.meetingTime) }));

export const answerForm = z
  .object({
    answer: z.enum(['accept', 'decline'], { error: 'Välj om enheten deltar' }),
    reason: z.string().trim().max(2000, 'Skälet får vara högst 2 000 tecken').optional(),
  })
  .refine((f) => f.answer === 'accept' || (f.reason ?? '').length > 0, {
    message: 'Ange varför enheten tackar nej',
    path: ['reason'],
  });

/** A wall-clock date and time in Sweden as an ISO instant, right across summer time. */
function swedishTime(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, h!, min!, timeZone).getTime()).toISOString();
}

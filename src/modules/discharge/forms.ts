import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { timeZone } from '../../platform/clock.ts';
import { identityNumberMessage, parseIdentityNumber } from '../../platform/people/identity-number.ts';
import { dateField, requiredText, wholeNumber } from '../../platform/views/parse-form.ts';
import { dayKinds } from './schema.ts';

// The discharge pages' form schemas: messages speak to the person filling in the form, field by field.

const timeField = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Ange klockslaget som TT:MM, till exempel 09:30');

/** A date and a time typed in Swedish time, as an instant. */
export function swedishInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, h!, min!, timeZone).getTime()).toISOString();
}

const optionalUnit = z.string().max(100).default('');

export const admissionForm = z.object({
  personalIdentityNumber: z
    .string({ error: 'Ange personnummer eller samordningsnummer' })
    .trim()
    .min(1, 'Ange personnummer eller samordningsnummer')
    .refine((v) => parseIdentityNumber(v) !== null, identityNumberMessage),
  name: requiredText('Ange patientens namn', 200),
  admittedOn: dateField('Ange vilken dag patienten skrevs in'),
  admittedTime: timeField('Ange klockslaget då patienten skrevs in'),
  expectedReadyOn: dateField('Ange när patienten beräknas vara utskrivningsklar'),
  municipalityPrincipalId: z
    .string({ error: 'Välj kommunen där patienten bor' })
    .min(1, 'Välj kommunen där patienten bor')
    .max(100),
  socialServicesUnitId: optionalUnit,
  municipalHealthCareUnitId: optionalUnit,
  regionalOutpatientUnitId: optionalUnit,
});

export const acknowledgeForm = z.object({ fastVardkontakt: z.string().trim().max(300).default('') });
export const preparationForm = z.object({
  preparation: requiredText('Beskriv vad er enhet förbereder', 8000),
});
export const expectedDateForm = z.object({ expectedReadyOn: dateField('Ange det nya beräknade datumet') });
export const readyForm = z.object({
  judgedOn: dateField('Ange vilken dag läkaren bedömde patienten som utskrivningsklar'),
  judgedTime: timeField('Ange klockslaget för bedömningen'),
});
export const dischargeForm = z.object({
  dischargedOn: dateField('Ange utskrivningsdagen'),
  informationTransferredOn: dateField('Ange när informationen överfördes till de berörda enheterna'),
  care: requiredText('Sammanfatta vården och behandlingen under vårdtiden', 8000),
  sipPlannedOn: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-09')
    .default(''),
  existingPlans: z.string().trim().max(8000, 'Texten får vara högst 8 000 tecken').default(''),
});
export const disputeForm = z.object({
  day: dateField('Välj dagen som kommunen bestrider'),
  reason: requiredText('Beskriv varför kommunen bestrider dagen', 4000),
});

/** The county's payment rule (lag (2017:612) 5 kap.), entered by its administrator. */
export const paymentRuleForm = z.object({
  validFrom: dateField('Ange från vilken dag regeln gäller'),
  daysAfterNotice: wholeNumber('Ange efter hur många dagar betalningsansvaret börjar', 0, 365),
  dayKind: z.enum(dayKinds, { error: 'Välj om dagarna räknas som kalenderdagar eller vardagar' }),
  dailyAmountSek: wholeNumber('Ange beloppet per vårddygn i kronor', 0, 1_000_000),
  source: requiredText('Ange vad regeln bygger på, till exempel avsnittet i länets överenskommelse', 2000),
});

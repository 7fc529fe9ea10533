import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { timeZone } from '../../platform/clock.ts';
import { identityNumberMessage, parseIdentityNumber } from '../../platform/people/identity-number.ts';
import { asArray, dateField, realDate } from '../../platform/views/parse-form.ts';
import { staffConsentChangeKinds } from './record-consent-change.ts';
import {
  consentCapacities,
  decisionParticipants,
  externalParticipantKinds,
  interventionOutcomes,
  planKinds,
  requesters,
} from './schema.ts';

// The page forms' own schemas: messages speak to the person filling in the form, field by field.
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
  requestedBy: z.enum(requesters, { error: 'Välj vem som begärde SIP:en' }),
  hasChildren: z.enum(['yes', 'no', 'unknown'], { error: 'Svara på frågan om barn' }),
  planKind: z.enum(planKinds, { error: 'Välj vilken sorts plan som ska upprättas' }).default('SIP'),
});

const guardianName = z.string().trim().max(200, 'Namnet får vara högst 200 tecken').default('');

/**
 * Who gave a consent or a change of it (issue 22): for an adult the person, preselected, or a god man or
 * förvaltare by name; for a child the page posts `guardian` and asks the guardian's name (sip/_consent-giver.njk).
 * Absent (the form for a child's first consent, whose guardians are asked apart): the use case's default.
 */
const giverFields = {
  givenBy: z.enum(consentCapacities, { error: 'Välj vem som lämnade samtycket' }).optional(),
  givenByName: z.string().trim().max(200, 'Namnet får vara högst 200 tecken').default(''),
};
/** The giver fields as the use cases take them. */
export const statedGiver = (f: {
  givenBy?: (typeof consentCapacities)[number] | undefined;
  givenByName: string;
}) => (f.givenBy ? { capacity: f.givenBy, name: f.givenByName || null } : undefined);
/** Where the use cases' messages about the giver are shown in the forms. */
export const giverFieldIds = {
  'givenBy.capacity': 'givenBy',
  'givenBy.name': 'givenByName',
  givenBy: 'givenByName',
};

export const consentForm = z.object({
  // Asked only for a person under 18: the guardians who consented on the child's behalf.
  guardian1: guardianName,
  guardian2: guardianName,
  givenAt: dateField('Ange vilket datum samtycket gavs'),
  form: z.enum(['written', 'verbal'], { error: 'Välj om samtycket är skriftligt eller muntligt' }),
  principalIds: z.preprocess(asArray, z.array(z.string().max(100)).min(1, 'Välj minst en huvudman')),
  relativesMayTakePart: z.enum(['yes', 'no'], { error: 'Välj om närstående får delta' }),
  decisionParticipants: z.preprocess(
    asArray,
    z.array(z.enum(decisionParticipants)).min(1, 'Välj vilka som deltog i beslutet'),
  ),
  otherParties: z
    .string()
    .max(2000, 'Texten får vara högst 2 000 tecken')
    .default('')
    .transform((v) =>
      v
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ...giverFields,
});

export const inviteForm = z
  .object({
    unitIds: z.preprocess(
      asArray,
      z.array(z.string().max(100)).min(1, 'Välj minst en enhet att kalla').max(50),
    ),
    meetingDate: dateField('Ange mötets datum'),
    meetingTime: z
      .string({ error: 'Ange mötets tid' })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Ange tiden som TT:MM, till exempel 13:00'),
    place: z.string().trim().max(300, 'Platsen får vara högst 300 tecken').default(''),
    videoLink: z
      .string()
      .trim()
      .max(500, 'Länken får vara högst 500 tecken')
      .refine((v) => v === '' || isHttpsUrl(v), 'Ange videolänken som en webbadress som börjar med https://')
      .default(''),
    external: z.preprocess(asArray, z.array(z.enum(externalParticipantKinds))).default([]),
    externalNote: z.string().trim().max(200, 'Texten får vara högst 200 tecken').default(''),
  })
  .transform((f) => ({
    unitIds: f.unitIds,
    meetingAt: swedishTime(f.meetingDate, f.meetingTime),
    place: f.place || null,
    videoLink: f.videoLink || null,
    externalParticipants: f.external.map((kind) => ({ kind, note: kind === 'other' ? f.externalNote : '' })),
  }));

/** A meeting needs a place or a video link; checked apart so the message shows with the other errors. */
export function meetingWithoutPlace(body: unknown) {
  const form = (body ?? {}) as Record<string, unknown>;
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  return blank(form.place) && blank(form.videoLink)
    ? [{ field: 'place', text: 'Ange var mötet hålls eller en videolänk' }]
    : [];
}

function isHttpsUrl(v: string): boolean {
  return URL.canParse(v) && new URL(v).protocol === 'https:';
}

export const answerForm = z
  .object({
    answer: z.enum(['accept', 'decline'], { error: 'Välj om enheten deltar' }),
    reason: z.string().trim().max(2000, 'Skälet får vara högst 2 000 tecken').optional(),
    /** The SIP the invitation is to (a hidden field): where an accepting unit goes next. */
    sip: z.string().max(100).default(''),
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

/** The confirmation step before a person is marked with protected identity: the box must be ticked. */
export const protectedIdentityForm = z.object({
  confirmed: z.literal('yes', { error: 'Bekräfta att personen har skyddade personuppgifter' }),
});

export const withdrawalForm = z.object({
  withdrawnAt: dateField('Ange datum då samtycket återkallades'),
  ...giverFields,
});

/** A change of the consent (issue 22 item 4): what changes, which principal, when, and who gave it. */
export const consentChangeForm = z.object({
  kind: z.enum(staffConsentChangeKinds, { error: 'Välj vad som ändras i samtycket' }),
  addPrincipalId: z.string().max(100).default(''),
  removePrincipalId: z.string().max(100).default(''),
  changedOn: dateField('Ange vilket datum ändringen gjordes'),
  ...giverFields,
});

/** The principal a principal's change names must be chosen, in the list for that kind. */
export function consentChangeProblems(posted: Record<string, unknown>) {
  if (posted.kind === 'principalAdded' && !posted.addPrincipalId)
    return [{ field: 'addPrincipalId', text: 'Välj vilken huvudman som ska läggas till' }];
  if (posted.kind === 'principalWithdrawn' && !posted.removePrincipalId)
    return [{ field: 'removePrincipalId', text: 'Välj vilken huvudman som ska tas bort' }];
  return [];
}

/** A plan has at most this many interventions (the API's limit, routes.api.ts), so a follow-up as many rows. */
export const maxInterventions = 100;
const outcomeMessage = (i: number) => `Ange utfallet för insats ${i + 1}`;

/**
 * The follow-up form: the meeting's date, an outcome and a comment per intervention of the plan, the next date.
 * The form has a row for each intervention of the plan as it is when the form is sent: which outcomes must be
 * given is checked against the plan (missingOutcomes), and only its rows are taken (followUpInput).
 */
export const followUpForm = z.object({
  heldOn: dateField('Ange datum för uppföljningsmötet'),
  nextFollowUpOn: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && realDate(v)), {
      message: 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2027-05-01',
    }),
  ...Object.fromEntries(
    Array.from({ length: maxInterventions }, (_, i) => [
      [`outcome${i}`, z.enum(interventionOutcomes, { error: outcomeMessage(i) }).optional()],
      [`comment${i}`, z.string().trim().max(4000, 'Kommentaren får vara högst 4 000 tecken').default('')],
    ]).flat(),
  ),
});

/** Each intervention of the plan needs its outcome. */
export function missingOutcomes(posted: Record<string, unknown>, interventionCount: number) {
  return Array.from({ length: interventionCount }, (_, i) => i)
    .filter((i) => posted[`outcome${i}`] === undefined)
    .map((i) => ({ field: `outcome${i}`, text: outcomeMessage(i) }));
}

/** The checked follow-up form as the use case takes it: the plan's rows only. */
export function followUpInput(data: z.output<typeof followUpForm>, interventionCount: number) {
  const form = data as Record<string, string>;
  return {
    heldOn: form.heldOn!,
    nextFollowUpOn: form.nextFollowUpOn || null,
    outcomes: Array.from({ length: interventionCount }, (_, index) => ({
      index,
      outcome: form[`outcome${index}`] as (typeof interventionOutcomes)[number],
      comment: form[`comment${index}`] ?? '',
    })),
  };
}

import { z } from 'zod';
import type { FieldMessage } from '../../platform/views/form-errors.ts';
import { dateField } from '../../platform/views/parse-form.ts';
import { goalsNotMetMessage } from './close-sip.ts';
import { lifeAreas } from './life-areas.ts';
import { goalsMetAnswers, type MeetingParticipant, personsParticipations } from './schema.ts';

// The page forms around the plan (issue 22): the needs assessment, a meeting as held, and closing with the
// evaluation (a confirmation step first).

const longText = z.string().trim().max(4000, 'Texten får vara högst 4 000 tecken').default('');

/** One fieldset per life area: the situation, strengths and what the person wants. Empty areas are left out. */
export const assessmentForm = z
  .object(
    Object.assign(
      {},
      ...lifeAreas.map(({ code }) => ({
        [`${code}Situation`]: longText,
        [`${code}Strengths`]: longText,
        [`${code}Wishes`]: longText,
      })),
    ) as Record<string, typeof longText>,
  )
  .transform((f) => ({
    areas: lifeAreas
      .filter(({ code }) => f[`${code}Situation`] || f[`${code}Strengths`] || f[`${code}Wishes`])
      .map(({ code }) => ({
        area: code,
        situation: f[`${code}Situation`] ?? '',
        strengths: f[`${code}Strengths`] ?? '',
        wishes: f[`${code}Wishes`] ?? '',
      })),
  }));

/** At least one area is filled in; an area with strengths or wishes needs the situation too. */
export function assessmentFormProblems(posted: Record<string, unknown>): FieldMessage[] {
  const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (!Object.values(posted).some(filled))
    return [
      {
        field: `${lifeAreas[0].code}Situation`,
        text: 'Beskriv personens situation inom minst ett livsområde',
      },
    ];
  return lifeAreas
    .filter(
      ({ code }) =>
        !filled(posted[`${code}Situation`]) &&
        (filled(posted[`${code}Strengths`]) || filled(posted[`${code}Wishes`])),
    )
    .map(({ code, label }) => ({
      field: `${code}Situation`,
      text: `Beskriv personens situation inom ${label.toLocaleLowerCase('sv')}`,
    }));
}

/** The units the meeting form lists (the SIP's convening and invited units), and rows for others. */
export const maxMeetingUnits = 30;
export const maxOtherParticipants = 20;

export const meetingForm = z
  .object({
    heldOn: dateField('Ange datum för mötet'),
    personsParticipation: z.enum(personsParticipations, { error: 'Ange hur personen deltog i mötet' }),
    ...Object.assign(
      {},
      ...Array.from({ length: maxMeetingUnits }, (_, j) => ({
        [`unit${j}Id`]: z.string().max(100).default(''),
        [`unit${j}Attended`]: z.enum(['', 'yes', 'no']).default(''),
        [`unit${j}Role`]: z.string().trim().max(200, 'Rollen får vara högst 200 tecken').default(''),
      })),
    ),
    others: z.string().max(5).default(''),
    action: z.enum(['', 'addParticipant']).default(''),
    ...Object.assign(
      {},
      ...Array.from({ length: maxOtherParticipants }, (_, k) => ({
        [`other${k}Kind`]: z.enum(['', 'relative', 'external']).default(''),
        [`other${k}Name`]: z.string().trim().max(200, 'Namnet får vara högst 200 tecken').default(''),
        [`other${k}Role`]: z.string().trim().max(200, 'Rollen får vara högst 200 tecken').default(''),
        [`other${k}Attended`]: z.enum(['', 'yes', 'no']).default(''),
      })),
    ),
    notes: longText,
  })
  .transform((raw) => {
    const f = raw as Record<string, string>;
    const units: MeetingParticipant[] = Array.from({ length: maxMeetingUnits }, (_, j) => j)
      .filter((j) => f[`unit${j}Id`] && f[`unit${j}Attended`])
      .map((j) => ({
        kind: 'unit',
        unitId: f[`unit${j}Id`]!,
        role: f[`unit${j}Role`] ?? '',
        attended: f[`unit${j}Attended`] === 'yes',
      }));
    const others: MeetingParticipant[] = Array.from({ length: maxOtherParticipants }, (_, k) => k)
      .filter((k) => f[`other${k}Name`])
      .map((k) => ({
        kind: f[`other${k}Kind`] as 'relative' | 'external',
        name: f[`other${k}Name`]!,
        role: f[`other${k}Role`] ?? '',
        attended: f[`other${k}Attended`] === 'yes',
      }));
    return {
      heldOn: f.heldOn!,
      personsParticipation: f.personsParticipation as (typeof personsParticipations)[number],
      participants: [...units, ...others],
      notes: f.notes ?? '',
    };
  });

/** The rows for other participants the form shows: as many as it showed or as are filled; at least one. */
export function shownOthers(values: Record<string, unknown>) {
  const filled = Array.from({ length: maxOtherParticipants }, (_, k) => k).filter(
    (k) => String(values[`other${k}Name`] ?? '').trim() !== '',
  );
  const last = filled.length ? filled[filled.length - 1]! + 1 : 0;
  return Math.min(maxOtherParticipants, Math.max(1, Number(values.others) || 0, last));
}

/** "Lägg till deltagare": the form again with one row more. */
export function addParticipantRow(posted: Record<string, unknown>) {
  if (posted.action !== 'addParticipant') return null;
  return { ...posted, action: '', others: String(Math.min(maxOtherParticipants, shownOthers(posted) + 1)) };
}

/**
 * Each unit marked present or absent needs its role; each other participant a kind, a name, a role and whether
 * they came; a relative comes only when the consent lets relatives take part.
 */
export function meetingFormProblems(
  posted: Record<string, unknown>,
  relativesMayTakePart: boolean,
): FieldMessage[] {
  const has = (name: string) => typeof posted[name] === 'string' && (posted[name] as string).trim() !== '';
  const units = Array.from({ length: maxMeetingUnits }, (_, j) => j)
    .filter((j) => has(`unit${j}Attended`) && !has(`unit${j}Role`))
    .map((j) => ({ field: `unit${j}Role`, text: `Ange enhetens roll i mötet (enhet ${j + 1})` }));
  const others = Array.from({ length: maxOtherParticipants }, (_, k) => k).flatMap((k) => {
    const any = ['Kind', 'Name', 'Role', 'Attended'].some((f) => has(`other${k}${f}`));
    if (!any) return [];
    const n = k + 1;
    const missing: FieldMessage[] = [];
    if (!has(`other${k}Kind`)) missing.push({ field: `other${k}Kind`, text: `Välj vem deltagare ${n} är` });
    else if (
      posted[`other${k}Kind`] === 'relative' &&
      posted[`other${k}Attended`] === 'yes' &&
      !relativesMayTakePart
    )
      missing.push({
        field: `other${k}Kind`,
        text: `Deltagare ${n}: personen har inte samtyckt till att närstående deltar`,
      });
    if (!has(`other${k}Name`))
      missing.push({ field: `other${k}Name`, text: `Ange namnet på deltagare ${n}` });
    if (!has(`other${k}Role`))
      missing.push({ field: `other${k}Role`, text: `Ange rollen för deltagare ${n}` });
    if (!has(`other${k}Attended`))
      missing.push({
        field: `other${k}Attended`,
        text: `Ange om deltagare ${n} deltog eller var frånvarande`,
      });
    return missing;
  });
  return [...units, ...others];
}

/**
 * Closing: the reason, the evaluation of the plan's goals (asked when there is a plan) and a note. The first
 * send shows a confirmation page (formPage's `confirm`); its button posts the same fields with confirmed=yes,
 * and "Ändra" (confirmed=change) shows the form again.
 */
export const closureForm = z
  .object({
    reason: z.enum(['goalsMet', 'noConsent', 'moved', 'deceased', 'other'], {
      error: 'Välj varför SIP:en avslutas',
    }),
    goalsMet: z.enum(['', ...goalsMetAnswers]).default(''),
    evaluationView: longText,
    note: z.string().trim().max(4000, 'Anteckningen får vara högst 4 000 tecken').optional(),
    confirmed: z.enum(['', 'yes', 'change']).default(''),
  })
  .transform((f) => ({
    reason: f.reason,
    note: f.note,
    evaluation: f.goalsMet ? { goalsMet: f.goalsMet, personsView: f.evaluationView || null } : null,
  }));

/** With a plan, closing says whether its goals were met. */
export function closureFormProblems(posted: Record<string, unknown>, hasPlan: boolean): FieldMessage[] {
  if (!hasPlan) return [];
  if (!posted.goalsMet) return [{ field: 'goalsMet', text: 'Ange om planens mål har uppnåtts' }];
  return posted.goalsMet === 'not' && posted.reason === 'goalsMet'
    ? [{ field: 'goalsMet', text: goalsNotMetMessage }]
    : [];
}

/** "Ändra" on the confirmation page: the form again as it was filled in. */
export const changeClosure = (posted: Record<string, unknown>) =>
  posted.confirmed === 'change' ? { ...posted, confirmed: '' } : null;

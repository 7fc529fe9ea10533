import { z } from 'zod';
import type { FieldMessage } from '../../platform/views/form-errors.ts';
import { dateField, realDate } from '../../platform/views/parse-form.ts';
import { placementFields, placementFormProblems, placementFromForm } from './forms.placement.ts';
import { planContentProblems } from './plan-rules.ts';
import { interventionStatuses, type PlanContent, type PlanKind } from './schema.ts';

// The plan form (issue 22): own words, goals, any number of interventions (each with who is responsible, start,
// end or "tills vidare", status and the person's view), the overall responsibility, the follow-up date, children,
// compulsory care and whether relatives took part. "Lägg till insats" posts the form and shows it again with one
// row more (formPage's `step`), so rows are added without JavaScript.

/** A plan has at most this many interventions (the API's limit, routes.api.ts). */
export const maxInterventionRows = 100;
const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && realDate(v)), { message });

const rowFields = (i: number) => {
  const n = i + 1;
  return {
    [`intervention${i}`]: z
      .string()
      .trim()
      .max(4000, 'Beskrivningen får vara högst 4 000 tecken')
      .default(''),
    [`intervention${i}Unit`]: z.string().max(100).default(''),
    [`intervention${i}Actor`]: z.string().trim().max(200, 'Namnet får vara högst 200 tecken').default(''),
    [`intervention${i}Start`]: optionalDate(`Ange startdatum för insats ${n} som ÅÅÅÅ-MM-DD`),
    [`intervention${i}End`]: optionalDate(`Ange slutdatum för insats ${n} som ÅÅÅÅ-MM-DD, eller lämna tomt`),
    [`intervention${i}Status`]: z
      .enum(['', ...interventionStatuses], { error: `Välj status för insats ${n}` })
      .default(''),
    [`intervention${i}View`]: z.string().trim().max(4000, 'Texten får vara högst 4 000 tecken').default(''),
  };
};

export const planForm = z
  .object({
    personsOwnWords: z.string().trim().max(20000, 'Texten får vara högst 20 000 tecken').default(''),
    goals: z.string().max(20000).default(''),
    // How many rows the form showed, and the button that asks for one more.
    rows: z.string().max(5).default(''),
    action: z.enum(['', 'addRow']).default(''),
    ...Object.assign({}, ...Array.from({ length: maxInterventionRows }, (_, i) => rowFields(i))),
    overallUnitId: z
      .string({ error: 'Välj vilken enhet som har det övergripande ansvaret' })
      .min(1, 'Välj vilken enhet som har det övergripande ansvaret'),
    followUpOn: dateField('Ange datum för uppföljning'),
    childrenConsidered: z.enum(['yes', 'no', 'na'], { error: 'Svara på frågan om barn' }),
    childrenNote: z.string().trim().max(4000, 'Texten får vara högst 4 000 tecken').default(''),
    compulsoryCare: z
      .enum(['none', 'LPT', 'LRV'], { error: 'Svara på frågan om tvångsvård' })
      .default('none'),
    relativesTookPart: z.enum(['', 'yes', 'no']).default(''),
    singlePrincipalReason: z.string().trim().max(2000, 'Texten får vara högst 2 000 tecken').default(''),
    ...placementFields,
  })
  .transform((f) => planFromForm(f as Record<string, string>).plan);

/** The filled rows as the plan's interventions, and each one's row in the form. */
function planFromForm(form: Record<string, string>): { plan: PlanContent; rowOf: number[] } {
  const rowOf = Array.from({ length: maxInterventionRows }, (_, i) => i).filter(
    (i) => (form[`intervention${i}`] ?? '').trim() !== '',
  );
  const interventions = rowOf.map((i) => {
    const details = {
      startsOn: form[`intervention${i}Start`] || null,
      endsOn: form[`intervention${i}End`] || null,
      status: (form[`intervention${i}Status`] || 'planned') as (typeof interventionStatuses)[number],
      personsView: form[`intervention${i}View`]?.trim() || null,
    };
    const description = form[`intervention${i}`]!.trim();
    return form[`intervention${i}Unit`]
      ? { description, responsibleUnitId: form[`intervention${i}Unit`]!, ...details }
      : { description, externalActor: form[`intervention${i}Actor`]?.trim() ?? '', ...details };
  });
  const plan: PlanContent = {
    personsOwnWords: form.personsOwnWords ?? '',
    goals: (form.goals ?? '')
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean),
    interventions,
    overallResponsibility: { unitId: form.overallUnitId ?? '' },
    followUpOn: form.followUpOn ?? '',
    childrenConsidered: form.childrenConsidered === 'na' ? null : form.childrenConsidered === 'yes',
    childrenNote: form.childrenNote ?? '',
    compulsoryCare:
      form.compulsoryCare === 'LPT' || form.compulsoryCare === 'LRV' ? { law: form.compulsoryCare } : null,
    relativesTookPart: form.relativesTookPart ? form.relativesTookPart === 'yes' : null,
    singlePrincipalReason: form.singlePrincipalReason?.trim() || null,
    placement: placementFromForm(form),
  };
  return { plan, rowOf };
}

/** The rows the form shows: as many as it showed, as are filled, or the plan's and an empty one; at least one. */
export function shownRows(values: Record<string, unknown>, saved = 0) {
  const posted = Number(values.rows) || 0;
  const filled = Array.from({ length: maxInterventionRows }, (_, i) => i).filter(
    (i) => String(values[`intervention${i}`] ?? '').trim() !== '',
  );
  const lastFilled = filled.length ? filled[filled.length - 1]! + 1 : 0;
  return Math.min(maxInterventionRows, Math.max(1, posted, lastFilled, posted ? 0 : saved + 1));
}

/** "Lägg till insats": the form again with one row more. */
export function addInterventionRow(posted: Record<string, unknown>) {
  if (posted.action !== 'addRow') return null;
  return { ...posted, action: '', rows: String(Math.min(maxInterventionRows, shownRows(posted) + 1)) };
}

/**
 * Rules the schema cannot see, each at its row: an intervention needs someone responsible; and the plan's
 * content rules for its kind and the consent (plan-rules.ts, which the use case applies again), put at the row
 * the intervention was typed in.
 */
export function planFormProblems(
  posted: Record<string, unknown>,
  sip: { planKind: PlanKind; relativesMayTakePart: boolean; principalIds: readonly string[] },
): FieldMessage[] {
  const form = Object.fromEntries(
    Object.entries(posted).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
  );
  const filled = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
  const unassigned = Array.from({ length: maxInterventionRows }, (_, i) => i)
    .filter(
      (i) =>
        filled(form[`intervention${i}`]) &&
        !filled(form[`intervention${i}Unit`]) &&
        !filled(form[`intervention${i}Actor`]),
    )
    .map((i) => ({ field: `intervention${i}Unit`, text: `Välj vem som ansvarar för insats ${i + 1}` }));
  const { plan, rowOf } = planFromForm(form);
  const suffix: Record<string, string> = { endsOn: 'End', personsView: 'View' };
  // The placement's rules are placementFormProblems', at its fields.
  const content = planContentProblems(sip.planKind, { ...plan, placement: null }, sip)
    // dates the schema could not read are its own
    .filter((p) => !/^interventions\.\d+\.endsOn$/.test(p.path) || datesReadable(form, rowOf, p.path))
    .map((p) => {
      const row = /^interventions\.(\d+)\.(\w+)$/.exec(p.path);
      if (!row) return { field: p.path, text: p.message };
      const i = rowOf[Number(row[1])]!;
      return {
        field: `intervention${i}${suffix[row[2]!]}`,
        text: p.message.replace(/^Insats \d+/, `Insats ${i + 1}`),
      };
    });
  return [...unassigned, ...content, ...placementFormProblems(posted, sip.principalIds)];
}

function datesReadable(form: Record<string, string>, rowOf: number[], path: string) {
  const i = rowOf[Number(path.split('.')[1])]!;
  const ok = (v = '') => /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) && realDate(v.trim());
  return ok(form[`intervention${i}Start`]) && ok(form[`intervention${i}End`]);
}

import { z } from 'zod';
import type { FieldMessage } from '../../platform/views/form-errors.ts';
import { asArray, realDate } from '../../platform/views/parse-form.ts';
import { placementKindLabels, placementProblems } from './placement.ts';
import { type Placement, placementKinds } from './schema.ts';

// The plan form's placement part (issue 22 item 11): empty kind means no placement. One share field per principal
// the consent covers (placementShareN, with the principal in placementShareNPrincipal); the use case checks again
// that the principals are consented (placement.ts).

/** A consent names at most this many principals in the form's cost split. */
export const maxShareRows = 20;

const optionalDate = (message: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && realDate(v)), { message });
const longText = z.string().trim().max(4000, 'Texten får vara högst 4 000 tecken').default('');
const share = (i: number) => ({
  [`placementShare${i}`]: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) <= 100), {
      message: 'Ange andelen som ett heltal från 0 till 100',
    }),
  [`placementShare${i}Principal`]: z.string().max(100).default(''),
});

export const placementFields = {
  placementKind: z.enum(['', ...placementKinds], { error: 'Välj typ av placering' }).default(''),
  placementPlace: z.string().trim().max(300, 'Texten får vara högst 300 tecken').default(''),
  placementStart: optionalDate('Ange placeringens startdatum som ÅÅÅÅ-MM-DD'),
  placementPlanningOn: optionalDate('Ange datum för den gemensamma planeringen som ÅÅÅÅ-MM-DD'),
  placementPlanningUnits: z.preprocess(asArray, z.array(z.string().max(100)).max(50)),
  placementGoal: longText,
  placementFollowUpOn: optionalDate('Ange datum för uppföljning av placeringen som ÅÅÅÅ-MM-DD'),
  placementFollowUpHow: longText,
  placementReturnHome: longText,
  ...Object.assign({}, ...Array.from({ length: maxShareRows }, (_, i) => share(i))),
};

const shareRows = (form: Record<string, unknown>) =>
  Array.from({ length: maxShareRows }, (_, i) => i).filter(
    (i) => String(form[`placementShare${i}`] ?? '').trim() !== '',
  );

/** The placement the form describes, or null when no kind is chosen. */
export function placementFromForm(form: Record<string, unknown>): Placement | null {
  const kind = form.placementKind;
  if (typeof kind !== 'string' || !(placementKinds as readonly string[]).includes(kind)) return null;
  const text = (name: string) => String(form[name] ?? '').trim();
  return {
    kind: kind as Placement['kind'],
    place: text('placementPlace') || null,
    startsOn: text('placementStart'),
    jointPlanning: { heldOn: text('placementPlanningOn'), unitIds: asArray(form.placementPlanningUnits) },
    goal: text('placementGoal'),
    followUp: { on: text('placementFollowUpOn'), how: text('placementFollowUpHow') },
    returnHome: text('placementReturnHome'),
    costSplit: shareRows(form).map((i) => ({
      principalId: text(`placementShare${i}Principal`),
      percent: Number(text(`placementShare${i}`)),
    })),
  };
}

const required: [string, string][] = [
  ['placementStart', 'Ange när placeringen börjar'],
  ['placementPlanningOn', 'Ange när den gemensamma planeringen hölls'],
  ['placementGoal', 'Beskriv målet med placeringen'],
  ['placementFollowUpOn', 'Ange när placeringen följs upp'],
  ['placementFollowUpHow', 'Beskriv hur placeringen följs upp'],
  ['placementReturnHome', 'Beskriv planeringen för hemtagning'],
];
const dated = /^\d{4}-\d{2}-\d{2}$/;

/**
 * With a kind chosen, what the placement needs, and its rules (placement.ts) at the form's fields; the schema
 * reports unreadable dates and shares, so the rules wait for them.
 */
export function placementFormProblems(
  posted: Record<string, unknown>,
  principalIds: readonly string[],
): FieldMessage[] {
  const placement = placementFromForm(posted);
  if (!placement) return [];
  const missing = required
    .filter(([field]) => String(posted[field] ?? '').trim() === '')
    .map(([field, text]) => ({ field, text }));
  if (placement.jointPlanning.unitIds.length === 0)
    missing.push({ field: 'placementPlanningUnits', text: 'Välj vilka enheter som deltog i planeringen' });
  const rows = shareRows(posted);
  if (rows.length === 0)
    missing.push({ field: 'placementShare0', text: 'Ange huvudmännens andelar av kostnaden' });
  const readable =
    [placement.startsOn, placement.jointPlanning.heldOn, placement.followUp.on].every(
      (d) => dated.test(d) && realDate(d),
    ) && placement.costSplit.every((s) => Number.isInteger(s.percent) && s.percent >= 0 && s.percent <= 100);
  if (missing.length || !readable) return missing;
  const fields: Record<string, string> = {
    'placement.jointPlanning.heldOn': 'placementPlanningOn',
    'placement.followUp.on': 'placementFollowUpOn',
    'placement.costSplit': `placementShare${rows[0]}`,
  };
  return placementProblems(placement, principalIds).map((p) => {
    const row = /^placement\.costSplit\.(\d+)\.principalId$/.exec(p.path);
    return {
      field: row ? `placementShare${rows[Number(row[1])]}` : (fields[p.path] ?? p.path),
      text: p.message,
    };
  });
}

/** A saved placement as the form's fields; each consented principal has its share row, in the consent's order. */
export function placementValues(placement: Placement | null, principalIds: readonly string[]) {
  if (!placement) return { placementKind: '' };
  const values: Record<string, unknown> = {
    placementKind: placement.kind,
    placementPlace: placement.place ?? '',
    placementStart: placement.startsOn,
    placementPlanningOn: placement.jointPlanning.heldOn,
    placementPlanningUnits: placement.jointPlanning.unitIds,
    placementGoal: placement.goal,
    placementFollowUpOn: placement.followUp.on,
    placementFollowUpHow: placement.followUp.how,
    placementReturnHome: placement.returnHome,
  };
  principalIds.forEach((id, i) => {
    const saved = placement.costSplit.find((s) => s.principalId === id);
    values[`placementShare${i}`] = saved ? String(saved.percent) : '';
  });
  return values;
}

type PlacementContext = {
  units: { id: string; name: string; principalName: string }[];
  principals: { id: string; name: string }[];
  rules: { area: string; covers: string; source: string; whose: string }[];
};

/** The form's placement part: kinds, the units of the SIP to tick, one share row per consented principal. */
export function placementModel(values: Record<string, unknown>, c: PlacementContext) {
  const kind = String(values.placementKind ?? '');
  const ticked = new Set(asArray(values.placementPlanningUnits));
  return {
    kindItems: [
      { value: '', text: 'Ingen placering', checked: kind === '' },
      ...placementKinds.map((k) => ({ value: k, text: placementKindLabels[k], checked: kind === k })),
    ],
    unitItems: c.units.map((u) => ({
      value: u.id,
      text: `${u.name} (${u.principalName})`,
      checked: ticked.has(u.id),
    })),
    shares: c.principals.slice(0, maxShareRows).map((p, i) => ({
      index: i,
      principalId: p.id,
      name: p.name,
      value: String(values[`placementShare${i}`] ?? ''),
    })),
    rules: c.rules,
  };
}

import type { z } from 'zod';
import { sipLabels } from './labels.ts';
import { placementLines } from './placement.ts';
import { planUnitIds, responsibleName } from './plan-units.ts';
import type { planSchema } from './present.ts';

type Plan = z.infer<typeof planSchema>;
type Names = { unitWithPrincipal: (id: string) => string; principal: (id: string) => string };

/** The plan's parts in reading order, own words first, each as text to set side by side. */
function parts(plan: Plan, names: Names): { label: string; text: string }[] {
  const children =
    plan.childrenConsidered === null
      ? 'Personen har inte barn och bor inte med barn'
      : `${plan.childrenConsidered ? 'Ja' : 'Nej'}${plan.childrenNote ? `: ${plan.childrenNote}` : ''}`;
  return [
    { label: 'Med personens egna ord', text: plan.personsOwnWords },
    { label: 'Mål', text: plan.goals.join('\n') },
    {
      label: 'Insatser',
      text: plan.interventions
        .map((i) => `${i.description} – ${responsibleName(i, names)}${details(i)}`)
        .join('\n'),
    },
    { label: 'Övergripande ansvar', text: names.unitWithPrincipal(plan.overallResponsibility.unitId) },
    { label: 'Uppföljning', text: plan.followUpOn },
    { label: 'Barns behov beaktade', text: children },
    {
      label: 'Samordnad vårdplan vid öppen tvångsvård',
      text: plan.compulsoryCare ? (sipLabels.compulsoryCare[plan.compulsoryCare.law] ?? '') : 'Nej',
    },
    {
      label: 'Närstående deltog när planen togs fram',
      text: plan.relativesTookPart === null ? 'Inte angivet' : plan.relativesTookPart ? 'Ja' : 'Nej',
    },
    {
      label: 'Placering utanför hemmet',
      text: plan.placement
        ? placementLines(plan.placement, names)
            .map((l) => `${l.label}: ${l.text}`)
            .join('\n')
        : 'Ingen placering',
    },
  ];
}

/** An intervention's time, status and the person's view (issue 22), so that a change to them shows. */
function details(i: Plan['interventions'][number]) {
  const when = `${i.startsOn ? `från ${i.startsOn} ` : ''}${i.endsOn ? `till ${i.endsOn}` : 'tills vidare'}`;
  const view = i.personsView ? `; personens syn: ${i.personsView}` : '';
  return ` (${when}, ${sipLabels.interventionStatus[i.status]?.toLocaleLowerCase('sv')}${view})`;
}

/** The units and principals the versions name, to look their names up. */
export function namedIn(versions: Plan[]) {
  return {
    unitIds: versions.flatMap((v) => [...planUnitIds(v), ...(v.placement?.jointPlanning.unitIds ?? [])]),
    principalIds: versions.flatMap((v) => v.placement?.costSplit.map((s) => s.principalId) ?? []),
  };
}

/** Two versions part by part, with whether each part changed. */
export function compareVersions(older: Plan, newer: Plan, names: Names) {
  const before = parts(older, names);
  const after = parts(newer, names);
  return before.map((part, i) => ({
    label: part.label,
    before: part.text,
    after: after[i]!.text,
    changed: part.text !== after[i]!.text,
  }));
}

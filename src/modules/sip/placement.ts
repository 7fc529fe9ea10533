import type { FieldError } from '../../platform/errors.ts';
import type { Placement, PlacementKind } from './schema.ts';

// A placement outside the home (issue 22 item 11). Värmland's agreement ("Ansvarsfördelning vid placeringar
// utanför det egna hemmet") asks for joint planning early, preferably before the placement: its goal, how it is
// followed up, how the return home is planned, and who pays, by the agreement's responsibility list. Sörmland §9
// makes both principals responsible for the planning, including agreeing on the split of the costs.

export const placementKindLabels: Record<PlacementKind, string> = {
  hvb: 'HVB (hem för vård eller boende)',
  familyHome: 'Familjehem',
  supportedHousing: 'Stödboende',
  other: 'Annat',
};

export const costSumMessage = (sum: number) =>
  `Huvudmännens andelar av kostnaden ska tillsammans vara 100 procent (nu ${sum} procent).`;
export const costPrincipalMessage =
  'Kostnadsfördelningen kan bara nämna huvudmän som personens samtycke omfattar.';
export const costTwiceMessage = 'Varje huvudman kan bara stå en gång i kostnadsfördelningen.';
export const followUpAfterStartMessage = 'Uppföljningen av placeringen ska vara efter placeringens start.';
export const planningNotAfterStartMessage =
  'Den gemensamma planeringen ska ske före placeringen, senast samma dag som den börjar.';

/** The placement's rules, each at its field: dates in order, shares that sum to 100 among consented principals. */
export function placementProblems(placement: Placement, principalIds: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  if (placement.jointPlanning.heldOn > placement.startsOn)
    problems.push({ path: 'placement.jointPlanning.heldOn', message: planningNotAfterStartMessage });
  if (placement.followUp.on <= placement.startsOn)
    problems.push({ path: 'placement.followUp.on', message: followUpAfterStartMessage });
  const seen = new Set<string>();
  placement.costSplit.forEach((share, i) => {
    const path = `placement.costSplit.${i}.principalId`;
    if (!principalIds.includes(share.principalId)) problems.push({ path, message: costPrincipalMessage });
    else if (seen.has(share.principalId)) problems.push({ path, message: costTwiceMessage });
    seen.add(share.principalId);
  });
  const sum = placement.costSplit.reduce((total, share) => total + share.percent, 0);
  if (sum !== 100) problems.push({ path: 'placement.costSplit', message: costSumMessage(sum) });
  return problems;
}

type Names = { unitWithPrincipal: (id: string) => string; principal: (id: string) => string };

/** The placement as labelled lines, in reading order: the SIP page, the version comparison and the PDF show these. */
export function placementLines(p: Placement, names: Names): { label: string; text: string }[] {
  return [
    { label: 'Typ av placering', text: `${placementKindLabels[p.kind]}${p.place ? `: ${p.place}` : ''}` },
    { label: 'Placeringen börjar', text: p.startsOn },
    {
      label: 'Gemensam planering',
      text: `${p.jointPlanning.heldOn}, med ${p.jointPlanning.unitIds.map(names.unitWithPrincipal).join(', ')}`,
    },
    { label: 'Mål med placeringen', text: p.goal },
    { label: 'Uppföljning av placeringen', text: `${p.followUp.on}: ${p.followUp.how}` },
    { label: 'Planering för hemtagning', text: p.returnHome },
    {
      label: 'Kostnadsfördelning',
      text: p.costSplit.map((s) => `${names.principal(s.principalId)} ${s.percent} %`).join(', '),
    },
  ];
}

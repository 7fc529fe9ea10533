import type { FieldError } from '../../platform/errors.ts';
import { placementProblems } from './placement.ts';
import type { PlanContent, PlanKind } from './schema.ts';

// The plan's content rules that depend on its kind and the consent (issue 22), each a message at its field. All
// of them are gathered, so that a form shows every one at once; the use case refuses with 422 if any.

const viewMessage = (n: number) =>
  `Insats ${n}: ange personens egen syn på insatsen (det ska en samordnad vårdplan enligt LPT eller LRV visa).`;
export const relativesTookPartMessage =
  'Ange om närstående deltog när planen togs fram (det ska en samordnad vårdplan enligt LPT eller LRV visa).';
export const lawMessage =
  'Ange om planen gäller öppen psykiatrisk tvångsvård (LPT) eller öppen rättspsykiatrisk vård (LRV).';
export const relativesWithoutConsentMessage =
  'Personen har inte samtyckt till att närstående deltar, så närstående kan inte ha deltagit i planen.';

export function planContentProblems(
  kind: PlanKind,
  plan: PlanContent,
  consent: { relativesMayTakePart: boolean; principalIds: readonly string[] },
): FieldError[] {
  const problems: FieldError[] = [];
  plan.interventions.forEach((i, index) => {
    if (i.startsOn && i.endsOn && i.endsOn < i.startsOn)
      problems.push({
        path: `interventions.${index}.endsOn`,
        message: `Insats ${index + 1}: slutdatumet kan inte vara före startdatumet.`,
      });
    // LPT 7 a §, LRV 12 a §: the coordinated care plan states the patient's own view of each intervention.
    if (kind === 'SPLPTLRV' && !i.personsView?.trim())
      problems.push({ path: `interventions.${index}.personsView`, message: viewMessage(index + 1) });
  });
  if (kind === 'SPLPTLRV') {
    if (!plan.compulsoryCare) problems.push({ path: 'compulsoryCare', message: lawMessage });
    if (plan.relativesTookPart === null || plan.relativesTookPart === undefined)
      problems.push({ path: 'relativesTookPart', message: relativesTookPartMessage });
  }
  if (plan.relativesTookPart === true && !consent.relativesMayTakePart)
    problems.push({ path: 'relativesTookPart', message: relativesWithoutConsentMessage });
  if (plan.placement) problems.push(...placementProblems(plan.placement, consent.principalIds));
  return problems;
}

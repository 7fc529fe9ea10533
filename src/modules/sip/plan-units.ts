import type { PlanContent } from './schema.ts';

type Intervention = PlanContent['interventions'][number];
type PlanUnits = Pick<PlanContent, 'interventions' | 'overallResponsibility'>;

/** The units a plan names: the one with the overall responsibility and those responsible for interventions. */
export function planUnitIds(plan: PlanUnits): string[] {
  const responsible = plan.interventions.flatMap((i) =>
    'responsibleUnitId' in i ? [i.responsibleUnitId] : [],
  );
  return [...new Set([plan.overallResponsibility.unitId, ...responsible])];
}

/** Who is responsible for an intervention, as shown: the unit with its principal, or the external actor. */
export function responsibleName(i: Intervention, names: { unitWithPrincipal: (id: string) => string }) {
  return 'responsibleUnitId' in i ? names.unitWithPrincipal(i.responsibleUnitId) : i.externalActor;
}

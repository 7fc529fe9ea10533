import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { conflict } from '../../platform/errors.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { labelItems } from '../../platform/views/page-helpers.ts';
import { careUnitsOfPrincipals, organisationNames } from '../organisations/index.ts';
import { placementResponsibilities, responsibilityGroups } from '../responsibilities/index.ts';
import { unitsThatTakePart } from './access-rule.ts';
import { placementModel, placementValues } from './forms.placement.ts';
import { addInterventionRow, planForm, planFormProblems, shownRows } from './forms.plan.ts';
import { followUpForm, followUpInput, missingOutcomes } from './forms.ts';
import { sipLabels } from './labels.ts';
import { lifeAreaLabel } from './life-areas.ts';
import { assertTakesPart } from './policy.ts';
import type { SipJson } from './present.ts';
import { readSip } from './read-sips.ts';
import { recordFollowUp } from './record-follow-up.ts';
import { access, backToSip, params, sipPath } from './routes.web.shared.ts';
import { savePlan } from './save-plan.ts';

// The plan and its follow-ups, written by the units that take part (policy.ts checks it again).

const planPage = formPage({
  path: '/sip/:id/plan',
  params,
  access,
  nav: 'sip',
  view: 'sip/plan.njk',
  title: 'Skriv planen',
  form: planForm,
  firstField: 'personsOwnWords',
  back: backToSip,
  load: async (ctx, p, state) => {
    const sip = await readSip(ctx, p.id!);
    await assertTakesPart(ctx.db, ctx, sip, 'ändra planen');
    // The plan may name only the units that take part (policy.ts), so only they are offered.
    const covered = await careUnitsOfPrincipals(ctx.db, sip.consent?.principalIds ?? []);
    const taking = new Set(
      await unitsThatTakePart(
        ctx.db,
        sip.id,
        covered.map((u) => u.id),
      ),
    );
    const units = covered.filter((u) => taking.has(u.id));
    const values = state.values ?? planValues(sip);
    const names = new Map(units.map((u) => [u.id, `${u.name} (${u.principalName})`]));
    const unitItems = (chosen: unknown, empty: string) => [
      { value: '', text: empty },
      ...units.map((u) => ({
        value: u.id,
        text: `${u.name} (${u.principalName})`,
        selected: u.id === chosen,
      })),
    ];
    return {
      title: sip.plan ? 'Ändra planen' : 'Skriv planen',
      values,
      model: {
        sip,
        overallItems: unitItems(values.overallUnitId, 'Välj enhet'),
        childrenItems: [
          { value: 'yes', text: 'Ja', checked: values.childrenConsidered === 'yes' },
          { value: 'no', text: 'Nej, inte ännu', checked: values.childrenConsidered === 'no' },
          ...(sip.hasChildren
            ? []
            : [
                {
                  value: 'na',
                  text: 'Personen har inte barn och bor inte med barn',
                  checked: values.childrenConsidered === 'na',
                },
              ]),
        ],
        // An LPT/LRV plan is one under either law; it states which (plan-rules.ts).
        compulsoryItems: labelItems(
          sip.planKind === 'SPLPTLRV'
            ? sipLabels.compulsoryCare
            : { none: 'Nej', ...sipLabels.compulsoryCare },
          values.compulsoryCare ?? (sip.planKind === 'SPLPTLRV' ? undefined : 'none'),
        ),
        relativesItems: labelItems({ yes: 'Ja', no: 'Nej' }, values.relativesTookPart),
        rowCount: shownRows(values, sip.plan?.interventions.length ?? 0),
        rows: Array.from({ length: shownRows(values, sip.plan?.interventions.length ?? 0) }, (_, i) => ({
          index: i,
          number: i + 1,
          description: values[`intervention${i}`] ?? '',
          actor: values[`intervention${i}Actor`] ?? '',
          start: values[`intervention${i}Start`] ?? '',
          end: values[`intervention${i}End`] ?? '',
          view: values[`intervention${i}View`] ?? '',
          unitItems: unitItems(values[`intervention${i}Unit`], 'Ingen enhet: en annan aktör'),
          statusItems: labelItems(
            sipLabels.interventionStatus,
            values[`intervention${i}Status`] || 'planned',
          ).map((item) => ({ ...item, selected: item.checked })),
        })),
        // The needs assessment, beside the goals.
        assessments: sip.assessments.map((a) => ({
          unitName: names.get(a.unitId) ?? 'En enhet som inte längre deltar',
          recordedAt: a.recordedAt,
          areas: a.areas.map((area) => ({ ...area, label: lifeAreaLabel(area.area) })),
        })),
        // The county's responsibility list, to help choose who is responsible for each intervention.
        responsibilities: await responsibilityGroups(ctx.db, sip.countyCode),
        // The placement part, with the county's rows on placements beside the cost split.
        placement: await placementPart(ctx.db, sip, values, units),
      },
    };
  },
  // The kind and the consent decide some of the plan's rules, checked at the row they concern.
  prepare: async (ctx, p) => {
    const sip = await readSip(ctx, p.id!);
    return {
      planKind: sip.planKind,
      relativesMayTakePart: sip.consent?.relativesMayTakePart ?? false,
      principalIds: sip.consent?.principalIds ?? [],
    };
  },
  check: (_ctx, _p, posted, sip) => planFormProblems(posted, sip),
  step: addInterventionRow,
  run: async (ctx, p, data) => {
    await savePlan(ctx, p.id!, data);
    return done(sipPath(p.id!), 'plan');
  },
});

const followUpPage = formPage({
  path: '/sip/:id/uppfoljning',
  params,
  access,
  nav: 'sip',
  view: 'sip/follow-up.njk',
  title: 'Registrera uppföljning',
  form: followUpForm,
  firstField: 'heldOn',
  back: backToSip,
  load: async (ctx, p, state) => {
    const sip = await readSip(ctx, p.id!);
    if (!sip.plan) throw conflict('Det finns ingen plan att följa upp.');
    await assertTakesPart(ctx.db, ctx, sip, 'registrera uppföljningen');
    const values = state.values ?? {};
    return {
      model: {
        sip,
        rows: sip.plan.interventions.map((intervention, index) => ({
          index,
          number: index + 1,
          description: intervention.description,
          comment: values[`comment${index}`] ?? '',
          items: labelItems(sipLabels.outcome, values[`outcome${index}`]),
        })),
      },
    };
  },
  // The form has one row per intervention of the plan as it is now; the use case checks it again.
  prepare: async (ctx, p) => (await readSip(ctx, p.id!)).plan?.interventions.length ?? 0,
  check: (_ctx, _p, posted, interventions) => missingOutcomes(posted, interventions),
  run: async (ctx, p, data, interventions) => {
    await recordFollowUp(ctx, p.id!, followUpInput(data, interventions));
    return done(sipPath(p.id!), 'uppfoljning');
  },
});

export const sipPlanWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, planPage);
  registerFormPage(app, followUpPage);
};

/** The saved plan as the form's fields, so "Ändra planen" starts from what is there. */
function planValues(sip: SipJson): Record<string, unknown> {
  const plan = sip.plan;
  if (!plan) return {};
  const values: Record<string, unknown> = {
    personsOwnWords: plan.personsOwnWords,
    goals: plan.goals.join('\n'),
    overallUnitId: plan.overallResponsibility.unitId,
    followUpOn: plan.followUpOn,
    childrenConsidered: plan.childrenConsidered === null ? 'na' : plan.childrenConsidered ? 'yes' : 'no',
    childrenNote: plan.childrenNote ?? '',
    compulsoryCare: plan.compulsoryCare?.law ?? 'none',
    relativesTookPart: plan.relativesTookPart === null ? '' : plan.relativesTookPart ? 'yes' : 'no',
    singlePrincipalReason: plan.singlePrincipalReason ?? '',
    ...placementValues(plan.placement, sip.consent?.principalIds ?? []),
  };
  plan.interventions.forEach((intervention, i) => {
    values[`intervention${i}`] = intervention.description;
    values[`intervention${i}Start`] = intervention.startsOn ?? '';
    values[`intervention${i}End`] = intervention.endsOn ?? '';
    values[`intervention${i}Status`] = intervention.status;
    values[`intervention${i}View`] = intervention.personsView ?? '';
    if ('responsibleUnitId' in intervention) values[`intervention${i}Unit`] = intervention.responsibleUnitId;
    else values[`intervention${i}Actor`] = intervention.externalActor;
  });
  return values;
}

/** The form's placement part: the units of the SIP, a share row per consented principal, the county's rules. */
async function placementPart(
  db: Db,
  sip: SipJson,
  values: Record<string, unknown>,
  units: Parameters<typeof placementModel>[1]['units'],
) {
  const principalIds = sip.consent?.principalIds ?? [];
  const names = await organisationNames(db, { unitIds: [], principalIds });
  return placementModel(values, {
    units,
    principals: principalIds.map((id) => ({ id, name: names.principal(id) })),
    rules: await placementResponsibilities(db, sip.countyCode),
  });
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict } from '../../platform/errors.ts';
import { sipLabels } from '../../platform/views/filters.ts';
import { formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { labelItems } from '../../platform/views/page-helpers.ts';
import { careUnitsOfPrincipals } from '../organisations/index.ts';
import { responsibilityGroups } from '../responsibilities/index.ts';
import { unitsThatTakePart } from './access-rule.ts';
import {
  followUpForm,
  followUpInput,
  interventionRows,
  missingOutcomes,
  planForm,
  unassignedInterventions,
} from './forms.ts';
import type { SipJson } from './present.ts';
import { readSip } from './read-sips.ts';
import { recordFollowUp } from './record-follow-up.ts';
import { access, backToSip, params, sipPath } from './routes.web.shared.ts';
import { assertTakesPart } from './rules.ts';
import { savePlan } from './save-plan.ts';

// The plan and its follow-ups, written by the units that take part (rules.ts checks it again).

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
    // The plan may name only the units that take part (rules.ts), so only they are offered.
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
        compulsoryItems: labelItems(
          { none: 'Nej', ...sipLabels.compulsoryCare },
          values.compulsoryCare ?? 'none',
        ),
        rows: Array.from({ length: interventionRows }, (_, i) => ({
          index: i,
          number: i + 1,
          description: values[`intervention${i}`] ?? '',
          actor: values[`intervention${i}Actor`] ?? '',
          unitItems: unitItems(values[`intervention${i}Unit`], 'Ingen enhet: en annan aktör'),
        })),
        // The county's responsibility list, to help choose who is responsible for each intervention.
        responsibilities: await responsibilityGroups(ctx.db, sip.countyCode),
      },
    };
  },
  check: (_ctx, _p, posted) => unassignedInterventions(posted),
  run: async (ctx, p, data) => {
    await savePlan(ctx, p.id!, data);
    return sipPath(p.id!);
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
    return sipPath(p.id!);
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
    singlePrincipalReason: plan.singlePrincipalReason ?? '',
  };
  plan.interventions.forEach((intervention, i) => {
    values[`intervention${i}`] = intervention.description;
    if ('responsibleUnitId' in intervention) values[`intervention${i}Unit`] = intervention.responsibleUnitId;
    else values[`intervention${i}Actor`] = intervention.externalActor;
  });
  return values;
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { requireUser } from '../../platform/http/context.ts';
import { formErrors } from '../../platform/views/form-errors.ts';
import { type FormState, postForm } from '../../platform/views/form-pages.ts';
import { choices, labelItems } from '../../platform/views/page-helpers.ts';
import { renderPage } from '../../platform/views/render.ts';
import { countyGovernance, countyWithPrincipals, unitsOfPrincipals } from '../organisations/index.ts';
import {
  addAction,
  addNote,
  changeStatus,
  createActionPlan,
  listActionPlans,
  markActionDone,
  readActionPlan,
} from './action-plans.ts';
import { actionForm, actionPlanForm, doneForm, noteForm, statusForm } from './forms.ts';
import { actionPlanLabels, statusTagClass } from './labels.ts';
import { actionPlanEditors, mayCreateActionPlan } from './policy.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// Every logged-in user of the county reads its action plans; creating and changing one is for the agreement
// administrators and the governance members of the owning body (action-plans.ts checks it again), so those
// routes are closed to other roles outright.
const params = z.object({ id: z.string().min(1).max(100) });
const actionParams = params.extend({ actionId: z.string().min(1).max(100) });
const base = '/uppfoljning/handlingsplaner';
const idOf = (request: Req) => (request.params as { id: string }).id;

/** The form for a new action plan. */
const showNew = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const { bodies } = await countyGovernance(ctx.db, ctx.user.county.code);
  const county = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!;
  const chosen = String(state.values?.owner ?? '');
  const values = state.values ?? {};
  return renderPage(request, reply, 'followup/action-plan-new.njk', {
    pageTitle: 'Ny handlingsplan',
    nav: 'uppfoljning',
    values,
    originItems: labelItems(actionPlanLabels.origin, values.origin),
    ownerItems: [
      { value: '', text: 'Välj', selected: !chosen },
      ...bodies.map((b) => ({ value: `body:${b.id}`, text: b.name, selected: chosen === `body:${b.id}` })),
      ...county.principals
        .filter((p) => p.kind !== 'userOrganisation')
        .map((p) => ({
          value: `principal:${p.id}`,
          text: p.name,
          selected: chosen === `principal:${p.id}`,
        })),
    ],
    ...formErrors(state.errors, state.problem, 'title', { owner: 'owner' }),
  });
};

/** A plan's page, with its forms. */
const showPlan = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const plan = await readActionPlan(ctx, idOf(request));
  const today = isoDate(ctx.now);
  const values: Record<string, unknown> = {
    on: today,
    doneOn: today,
    status: plan.status,
    ...state.values,
  };
  const county = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!;
  const unitOptions = plan.can.edit
    ? await unitsOfPrincipals(
        ctx.db,
        county.principals.filter((p) => p.kind !== 'userOrganisation').map((p) => p.id),
      )
    : [];
  return renderPage(request, reply, 'followup/action-plan.njk', {
    pageTitle: plan.title,
    nav: 'uppfoljning',
    plan,
    statusText: actionPlanLabels.status[plan.status],
    statusClass: statusTagClass[plan.status],
    originText: actionPlanLabels.origin[plan.origin],
    today,
    values,
    unitItems: [
      { value: '', text: 'Välj enhet', selected: !values.responsibleUnitId },
      ...unitOptions.map((u) => ({
        value: u.id,
        text: `${u.name} (${u.principalName})`,
        selected: u.id === values.responsibleUnitId,
      })),
    ],
    statusItems: choices(actionPlanLabels.status, String(values.status)),
    ...formErrors(state.errors, state.problem, 'description'),
  });
};

// The plan's page holds its forms: an action, an action done, a note, the plan's status.
const planPath = (request: Req) => `${base}/${encodeURIComponent(idOf(request))}`;
/** One of the plan's forms: it shows the plan's page again with its errors, or returns to it when done. */
const postPlanForm = <S extends z.ZodType>(
  app: FastifyInstance,
  path: string,
  form: S,
  run: (request: Req, data: z.output<S>) => Promise<unknown>,
  schemaParams: z.ZodObject = params,
) =>
  postForm(app, {
    path: `${base}/:id/${path}`,
    access: actionPlanEditors,
    params: schemaParams,
    form,
    show: showPlan,
    back: (request) => ({ href: planPath(request), text: 'Tillbaka till handlingsplanen' }),
    run: async (request, data) => {
      await run(request, data);
      return planPath(request);
    },
  });

export const actionPlanWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await listAndNewRoutes(app, {});
  await planRoutes(app, {});
};

/** The county's action plans, and a new one. */
const listAndNewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(base, { config: { access: 'authenticated' } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const plans = await listActionPlans(ctx.db, ctx.user.county.code, isoDate(ctx.now));
    return renderPage(request, reply, 'followup/action-plans.njk', {
      pageTitle: 'Handlingsplaner',
      nav: 'uppfoljning',
      countyName: ctx.user.county.name,
      plans: plans.map((p) => ({
        ...p,
        statusText: actionPlanLabels.status[p.status],
        statusClass: statusTagClass[p.status],
        originText: actionPlanLabels.origin[p.origin],
      })),
      canCreate: mayCreateActionPlan(ctx.user),
    });
  });
  app.get(`${base}/ny`, { config: { access: actionPlanEditors } }, async (request, reply) =>
    showNew(request, reply),
  );
  postForm(app, {
    path: `${base}/ny`,
    access: actionPlanEditors,
    form: actionPlanForm,
    show: showNew,
    back: () => ({ href: base, text: 'Tillbaka till handlingsplanerna' }),
    run: async (request, data) =>
      `${base}/${encodeURIComponent(await createActionPlan(requireUser(request.ctx), data))}`,
  });
};

/** A plan's page and its forms. */
const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${base}/:id`,
    { config: { access: 'authenticated' }, schema: { params } },
    async (request, reply) => showPlan(request, reply),
  );
  postPlanForm(app, 'atgarder', actionForm, (request, data) =>
    addAction(requireUser(request.ctx), idOf(request), data),
  );
  postPlanForm(
    app,
    'atgarder/:actionId/klar',
    doneForm,
    (request, data) =>
      markActionDone(
        requireUser(request.ctx),
        idOf(request),
        (request.params as { actionId: string }).actionId,
        data,
      ),
    actionParams,
  );
  postPlanForm(app, 'anteckningar', noteForm, (request, data) =>
    addNote(requireUser(request.ctx), idOf(request), data),
  );
  postPlanForm(app, 'status', statusForm, (request, data) =>
    changeStatus(requireUser(request.ctx), idOf(request), data),
  );
};

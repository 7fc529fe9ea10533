import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate } from '../../platform/clock.ts';
import { paging, pagingFields, sendSlice } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import {
  addAction,
  addNote,
  changeStatus,
  createActionPlan,
  listActionPlans,
  markActionDone,
  readActionPlan,
} from './action-plans.ts';
import { readAnnualReport } from './annual-report.ts';
import { enterIndicatorValue } from './enter-value.ts';
import { indicatorEditors, refreshers } from './policy.ts';
import { presentDashboard } from './present.ts';
import { readDashboard } from './read-dashboard.ts';
import { refreshCountyFigures } from './refresh-figures.ts';
import { actionPlanOrigins, actionPlanStatuses } from './schema.ts';

// The same rules as the pages (routes.web*.ts): every logged-in user of the county reads figures, plans and
// reports; agreement administrators enter national figures; they and county administrators recompute the
// figures; agreement administrators and the owning body's governance members change action plans.
const security = [{ bearer: [] }];
const tags = ['Uppföljning'];
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date();
const params = z.object({ id: z.string().min(1).max(100) });
const year = z.coerce.number().int().min(2000).max(2100);
const actionPlanEditors = ['agreementAdmin', 'governance'] as const;

const actionPlanBody = z.object({
  title: text(200),
  description: text(4000),
  origin: z.enum(actionPlanOrigins),
  originNote: text(1000),
  owner: z.union([z.object({ bodyId: z.string().min(1) }), z.object({ principalId: z.string().min(1) })]),
  startsOn: date,
  endsOn: date,
});

export const followUpApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await indicatorRoutes(app, {});
  await actionPlanRoutes(app, {});
  await actionPlanStatusRoutes(app, {});
};

/** Indicators, their figures and values, and the annual report. */
const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/followup/indicators',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        description:
          'Indikatorerna för länet, en huvudman eller en enhet under ett år; dolda antal är null med suppressed: true.',
        querystring: z.object({
          year: year.optional(),
          principalId: z.string().max(100).optional(),
          unitId: z.string().max(100).optional(),
        }),
      },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      const { year: y, principalId, unitId } = request.query;
      return presentDashboard(
        await readDashboard(ctx, { year: y ?? Number(isoDate(ctx.now).slice(0, 4)), principalId, unitId }),
      );
    },
  );

  app.post(
    '/api/followup/figures/refresh',
    { config: { access: refreshers }, schema: { tags, security, body: z.object({}).optional() } },
    async (request) => {
      const ctx = requireUser(request.ctx);
      const rows = await inTransaction(ctx.db, (tx) =>
        refreshCountyFigures(tx, ctx.user.county.code, ctx.now),
      );
      return { refreshedAt: ctx.now.toISOString(), rows };
    },
  );

  app.post(
    '/api/followup/indicators/:id/values',
    {
      config: { access: indicatorEditors },
      schema: {
        tags,
        security,
        params,
        body: z.object({
          period: z.string().max(20),
          value: z.number(),
          source: z.string().max(1000),
          note: z.string().max(1000).optional(),
        }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await enterIndicatorValue(requireUser(request.ctx), request.params.id, request.body)),
  );

  app.get(
    '/api/followup/annual-report',
    {
      config: { access: 'authenticated' },
      schema: { tags, security, querystring: z.object({ year: year.optional() }) },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      return readAnnualReport(ctx, request.query.year ?? Number(isoDate(ctx.now).slice(0, 4)));
    },
  );
};

/** Action plans, their actions and notes. */
const actionPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/action-plans',
    { config: { access: 'authenticated' }, schema: { tags, security, querystring: z.object(pagingFields) } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const found = await listActionPlans(ctx.db, ctx.user.county.code, isoDate(ctx.now));
      return sendSlice(request, reply, found, paging(request.query));
    },
  );
  app.post(
    '/api/action-plans',
    { config: { access: actionPlanEditors }, schema: { tags, security, body: actionPlanBody } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const id = await createActionPlan(ctx, request.body);
      return reply.status(201).send(await readActionPlan(ctx, id));
    },
  );
  app.get(
    '/api/action-plans/:id',
    { config: { access: 'authenticated' }, schema: { tags, security, params } },
    async (request) => readActionPlan(requireUser(request.ctx), request.params.id),
  );
  app.post(
    '/api/action-plans/:id/actions',
    {
      config: { access: actionPlanEditors },
      schema: {
        tags,
        security,
        params,
        body: z.object({ description: text(1000), responsibleUnitId: z.string().min(1), dueOn: date }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      await addAction(ctx, request.params.id, request.body);
      return reply.status(201).send(await readActionPlan(ctx, request.params.id));
    },
  );
  app.post(
    '/api/action-plans/:id/actions/:actionId/done',
    {
      config: { access: actionPlanEditors },
      schema: {
        tags,
        security,
        params: params.extend({ actionId: z.string().min(1).max(100) }),
        body: z.object({ doneOn: date }),
      },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      await markActionDone(ctx, request.params.id, request.params.actionId, request.body);
      return readActionPlan(ctx, request.params.id);
    },
  );
  app.post(
    '/api/action-plans/:id/notes',
    {
      config: { access: actionPlanEditors },
      schema: { tags, security, params, body: z.object({ on: date, text: text(4000) }) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      await addNote(ctx, request.params.id, request.body);
      return reply.status(201).send(await readActionPlan(ctx, request.params.id));
    },
  );
};

/** An action plan's status. */
const actionPlanStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/action-plans/:id/status',
    {
      config: { access: actionPlanEditors },
      schema: { tags, security, params, body: z.object({ status: z.enum(actionPlanStatuses) }) },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      await changeStatus(ctx, request.params.id, request.body);
      return readActionPlan(ctx, request.params.id);
    },
  );
};

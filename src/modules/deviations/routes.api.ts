import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { paging, pagingFields, sendPage } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { answerDeviation } from './answer-deviation.ts';
import { closeDeviation } from './close-deviation.ts';
import { compileDeviations } from './compile.ts';
import { decideDeviation } from './decide-deviation.ts';
import { escalateDeviation } from './escalate-deviation.ts';
import { deviationSchema } from './present.ts';
import { listDeviations, readDeviation } from './read-deviations.ts';
import { reportDeviation } from './report-deviation.ts';
import { deviationOutcomes, deviationStatuses } from './schema.ts';

// Staff and managers report and follow deviations; members of governance bodies take those that reach them.
// Whether a caller sees a given deviation is the access rule's call (404 otherwise); what they may do to one
// they see is the use case's (403).
const workers = { access: ['staff', 'manager', 'governance'] as const };
const security = [{ bearer: [] }];
const tags = ['Avvikelser'];
const text = (max: number) => z.string().trim().min(1).max(max);
const params = z.object({ id: z.string().min(1).max(100) });
const date = z.iso.date();

const reportBody = z.object({
  title: text(200),
  description: text(8000),
  category: z.string().min(1).max(100),
  concernedPrincipalIds: z.array(z.string().min(1).max(100)).min(1).max(50),
  occurredOn: date,
});
const answerBody = z.object({ investigation: text(8000), cause: text(8000), measures: text(8000) });
const summarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  status: z.enum(deviationStatuses),
  level: z.number().int(),
  reportedOn: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  reportedByUnitName: z.string(),
});
const cellSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int().nullable(),
  suppressed: z.boolean(),
});
const compilationSchema = z.object({
  filter: z.object({ from: z.string(), to: z.string(), principalId: z.string().optional() }),
  total: z.number().int().nullable(),
  tables: z.array(
    z.object({
      dimension: z.string(),
      label: z.string(),
      rows: z.array(cellSchema),
      total: z.number().int().nullable(),
      totalSuppressed: z.boolean(),
      hasTotal: z.boolean(),
    }),
  ),
});

export const deviationApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await deviationReportRoutes(app, {});
  await deviationLadderRoutes(app, {});
};

/** Reporting and reading deviations, the compilation, and the receivers' answers. */
const deviationReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/deviations',
    {
      config: { access: ['staff', 'manager'] },
      schema: { tags, security, body: reportBody, response: { 201: deviationSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await reportDeviation(requireUser(request.ctx), request.body)),
  );

  app.get(
    '/api/deviations',
    {
      config: workers,
      schema: {
        tags,
        security,
        querystring: z.object({ status: z.enum([...deviationStatuses, 'open']).optional(), ...pagingFields }),
        response: { 200: z.array(summarySchema) },
      },
    },
    async (request, reply) => {
      const page = paging(request.query);
      const found = await listDeviations(requireUser(request.ctx), {
        status: request.query.status,
        page: { number: page.page, size: page.pageSize },
      });
      return sendPage(request, reply, { items: found.deviations, total: found.total, paging: page });
    },
  );

  app.get(
    '/api/deviations/compilation',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        querystring: z.object({
          from: date.optional(),
          to: date.optional(),
          principalId: z.string().max(100).optional(),
        }),
        response: { 200: compilationSchema },
      },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      const today = isoDate(ctx.now);
      const { from = `${today.slice(0, 4)}-01-01`, to = today, principalId } = request.query;
      return compileDeviations(ctx, { from, to, principalId });
    },
  );

  app.get(
    '/api/deviations/:id',
    { config: workers, schema: { tags, security, params, response: { 200: deviationSchema } } },
    async (request) => readDeviation(requireUser(request.ctx), request.params.id),
  );

  app.post(
    '/api/deviations/:id/answers',
    {
      config: { access: ['manager'] },
      schema: { tags, security, params, body: answerBody, response: { 200: deviationSchema } },
    },
    async (request) => answerDeviation(requireUser(request.ctx), request.params.id, request.body),
  );
};

/** Escalating a deviation up the county's ladder, deciding and closing it. */
const deviationLadderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/deviations/:id/escalation',
    {
      config: workers,
      schema: {
        tags,
        security,
        params,
        body: z.object({ reason: text(8000) }),
        response: { 200: deviationSchema },
      },
    },
    async (request) => escalateDeviation(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/deviations/:id/decision',
    {
      config: { access: ['governance'] },
      schema: {
        tags,
        security,
        params,
        body: z.object({ decision: text(8000), outcome: z.enum(deviationOutcomes) }),
        response: { 200: deviationSchema },
      },
    },
    async (request) => decideDeviation(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/deviations/:id/closure',
    {
      config: { access: ['staff', 'manager'] },
      schema: {
        tags,
        security,
        params,
        body: z.object({
          outcome: z.enum(deviationOutcomes),
          comment: z.string().trim().max(8000).optional(),
        }),
        response: { 200: deviationSchema },
      },
    },
    async (request) => closeDeviation(requireUser(request.ctx), request.params.id, request.body),
  );
};

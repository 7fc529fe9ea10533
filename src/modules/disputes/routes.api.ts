import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendPage, sendSlice } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { openDispute } from './open-dispute.ts';
import { openerRoles } from './policy.ts';
import { disputeSchema } from './present.ts';
import { addStatement, decideDispute, escalateDispute } from './proceed.ts';
import { listDisputes, listPrecedents, readDispute } from './read-disputes.ts';
import { disputeKinds, disputeStatuses } from './schema.ts';

// Managers open disputes and hold the dialogue; governance members take those that reach their body. Which
// dispute a caller sees is the access rule's call (404 otherwise); what they may do is the use case's (403).
const workers = { access: ['staff', 'manager', 'governance'] as const };
const security = [{ bearer: [] }];
const tags = ['Tvister'];
const text = (max: number) => z.string().trim().min(1).max(max);
const params = z.object({ id: z.string().min(1).max(100) });

const openBody = z.object({
  kind: z.enum(disputeKinds),
  category: z.string().min(1).max(100),
  title: text(200),
  description: text(8000),
  counterpartPrincipalIds: z.array(z.string().min(1).max(100)).min(1).max(50),
  interimResponsibility: z
    .object({ principalId: z.string().min(1).max(100), description: z.string().trim().max(4000) })
    .nullable()
    .optional(),
  sipId: z.string().max(100).nullable().optional(),
});
const precedentSchema = z.object({
  id: z.string(),
  kind: z.enum(disputeKinds),
  category: z.string(),
  categoryLabel: z.string().nullable(),
  title: z.string(),
  decidedOn: z.string().nullable(),
  level: z.number().int(),
  levelLabel: z.string().nullable(),
  decision: z.string(),
  reasoning: z.string().nullable(),
});
const summarySchema = z.object({
  id: z.string(),
  kind: z.enum(disputeKinds),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  status: z.enum(disputeStatuses),
  level: z.number().int(),
  openedAt: z.date(),
});

export const disputeApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await disputeOpenRoutes(app, {});
  await disputeProceedRoutes(app, {});
};

/** Opening and reading disputes, and the precedents. */
const disputeOpenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/disputes',
    {
      config: { access: openerRoles },
      schema: { tags, security, body: openBody, response: { 201: disputeSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await openDispute(requireUser(request.ctx), request.body)),
  );

  app.get(
    '/api/disputes',
    {
      config: workers,
      schema: {
        tags,
        security,
        querystring: z.object(pagingFields),
        response: { 200: z.array(summarySchema) },
      },
    },
    async (request, reply) => {
      const page = paging(request.query);
      const found = await listDisputes(requireUser(request.ctx), {
        page: { number: page.page, size: page.pageSize },
      });
      return sendPage(request, reply, { items: found.disputes, total: found.total, paging: page });
    },
  );

  app.get(
    '/api/disputes/precedents',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        querystring: z.object({
          category: z.string().max(100).optional(),
          q: z.string().max(200).optional(),
          ...pagingFields,
        }),
        response: { 200: z.array(precedentSchema) },
      },
    },
    async (request, reply) => {
      const { category, q } = request.query;
      const found = await listPrecedents(requireUser(request.ctx), { category, search: q });
      return sendSlice(request, reply, found, paging(request.query));
    },
  );

  app.get(
    '/api/disputes/:id',
    { config: workers, schema: { tags, security, params, response: { 200: disputeSchema } } },
    async (request) => readDispute(requireUser(request.ctx), request.params.id),
  );
};

/** Statements, escalation and the decision. */
const disputeProceedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/disputes/:id/statements',
    {
      config: workers,
      schema: {
        tags,
        security,
        params,
        body: z.object({ text: text(8000) }),
        response: { 200: disputeSchema },
      },
    },
    async (request) => addStatement(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/disputes/:id/escalation',
    {
      config: workers,
      schema: {
        tags,
        security,
        params,
        body: z.object({ reason: text(8000) }),
        response: { 200: disputeSchema },
      },
    },
    async (request) => escalateDispute(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/disputes/:id/decision',
    {
      config: { access: ['manager', 'governance'] },
      schema: {
        tags,
        security,
        params,
        body: z.object({ decision: text(8000), reasoning: text(8000) }),
        response: { 200: disputeSchema },
      },
    },
    async (request) => decideDispute(requireUser(request.ctx), request.params.id, request.body),
  );
};

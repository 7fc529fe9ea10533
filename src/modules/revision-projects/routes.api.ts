import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendSlice } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { decideChange, proposeChange } from './change-requests.ts';
import {
  changeRequestSchema,
  deliverableSchema,
  directiveSectionSchema,
  projectSchema,
  projectSummarySchema,
  reportSchema,
} from './present.ts';
import { addReport, setDeliverableStatus } from './progress.ts';
import {
  compareDirectiveVersions,
  listProjects,
  readDirectiveVersion,
  readProject,
} from './read-projects.ts';
import { deliverableStatuses } from './schema.ts';

// Access: anyone logged in reads (the county's shared documents). Agreement administrators write reports,
// deliverable statuses and proposals, and the use case checks that the project is in their county (403
// otherwise). Governance members decide, and the use case checks membership of the project's steering body.
const readers = { access: 'authenticated' } as const;
const administrators = { access: ['agreementAdmin'] } as const;
const deciders = { access: ['governance'] } as const;
const security = [{ bearer: [] }];
const tags = ['Revideringsuppdrag'];
const id = z.string().min(1).max(100);
const params = z.object({ id });
const text = (missing: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Texten får vara högst ${max} tecken.`);
const versionNumber = z.coerce.number().int().min(1).max(100000);

const changeRequestBody = z.object({
  sectionKey: z.string({ error: 'Ange vilket avsnitt ändringen gäller.' }).min(1).max(100),
  title: text('Ge ändringen en rubrik.', 200),
  proposedText: text('Skriv avsnittets nya text.', 20000),
  reason: text('Skriv varför ändringen behövs.', 8000),
});
const sectionChangeSchema = z.object({
  key: z.string(),
  depth: z.number().int(),
  change: z.enum(['added', 'removed', 'changed', 'unchanged']),
  heading: z.object({ before: z.string().nullable(), after: z.string().nullable() }),
  text: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })),
});

export const revisionProjectApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await projectRoutes(app, {});
  await reportRoutes(app, {});
  await changeRequestRoutes(app, {});
};

/** Revision projects and their directive's versions. */
const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/revision-projects',
    {
      config: readers,
      schema: {
        tags,
        security,
        querystring: z.object({
          countyCode: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
          ...pagingFields,
        }),
        response: { 200: z.array(projectSummarySchema) },
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const found = await listProjects(ctx, request.query.countyCode ?? ctx.user.county.code);
      return sendSlice(request, reply, found, paging(request.query));
    },
  );

  app.get(
    '/api/revision-projects/:id',
    { config: readers, schema: { tags, security, params, response: { 200: projectSchema } } },
    async (request) => readProject(requireUser(request.ctx), request.params.id),
  );

  app.get(
    '/api/revision-projects/:id/directive/versions/:number',
    {
      config: readers,
      schema: {
        tags,
        security,
        params: z.object({ id, number: versionNumber }),
        response: {
          200: z.object({
            number: z.number().int(),
            decidedOn: z.string(),
            changeRequestId: z.string().nullable(),
            sections: z.array(directiveSectionSchema),
          }),
        },
      },
    },
    async (request) =>
      readDirectiveVersion(requireUser(request.ctx), request.params.id, request.params.number),
  );
};

/** Comparing directive versions, reports and the status of deliverables. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/revision-projects/:id/directive/comparison',
    {
      config: readers,
      schema: {
        tags,
        security,
        params,
        querystring: z.object({ from: versionNumber, to: versionNumber }),
        response: {
          200: z.object({
            from: z.object({ number: z.number().int(), decidedOn: z.string() }),
            to: z.object({ number: z.number().int(), decidedOn: z.string() }),
            sections: z.array(sectionChangeSchema),
          }),
        },
      },
    },
    async (request) =>
      compareDirectiveVersions(
        requireUser(request.ctx),
        request.params.id,
        request.query.from,
        request.query.to,
      ),
  );

  app.post(
    '/api/revision-projects/:id/reports',
    {
      config: administrators,
      schema: {
        tags,
        security,
        params,
        body: z.object({
          text: text('Skriv rapporten.', 8000),
          phaseId: z.string().max(100).nullable().optional(),
        }),
        response: { 201: reportSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addReport(requireUser(request.ctx), request.params.id, request.body)),
  );

  app.post(
    '/api/revision-projects/:id/deliverables/:deliverableId/status',
    {
      config: administrators,
      schema: {
        tags,
        security,
        params: z.object({ id, deliverableId: id }),
        body: z.object({ status: z.enum(deliverableStatuses) }),
        response: { 200: deliverableSchema },
      },
    },
    async (request) =>
      setDeliverableStatus(
        requireUser(request.ctx),
        request.params.id,
        request.params.deliverableId,
        request.body,
      ),
  );
};

/** Change requests and their decisions. */
const changeRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/revision-projects/:id/change-requests',
    {
      config: administrators,
      schema: { tags, security, params, body: changeRequestBody, response: { 201: changeRequestSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await proposeChange(requireUser(request.ctx), request.params.id, request.body)),
  );

  app.post(
    '/api/revision-projects/:id/change-requests/:requestId/decision',
    {
      config: deciders,
      schema: {
        tags,
        security,
        params: z.object({ id, requestId: id }),
        body: z.object({
          approve: z.boolean({ error: 'Ange om förslaget godkänns (true) eller avslås (false).' }),
          /** Why; required when the request is rejected. */
          note: z.string().trim().max(8000, 'Texten får vara högst 8000 tecken.').nullable().optional(),
        }),
        response: { 200: changeRequestSchema },
      },
    },
    async (request) =>
      decideChange(requireUser(request.ctx), request.params.id, request.params.requestId, request.body),
  );
};

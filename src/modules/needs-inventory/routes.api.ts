import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendSlice } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { recordComment } from './comments.ts';
import { readResults, readRound } from './read-round.ts';
import { enterRecord, listOwnRecords, removeRecord } from './records.ts';
import { advanceRound, createRound, listForms, listRounds } from './rounds.ts';
import { roundStatuses } from './schema.ts';

// The same rules as the pages (routes.web.ts), checked again in the use cases: every logged-in user of the
// county lists and reads rounds; agreement administrators and governance members may start one (the use case
// requires membership of the coordinating body); staff and managers enter records; user organisations' users
// and the coordinators record comments. Another county's rounds are 404.
const security = [{ bearer: [] }];
const tags = ['Behovsinventeringar'];
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date();
const params = z.object({ id: z.string().min(1).max(100) });
const key = z.string().min(1).max(50);
export const coordinators = ['agreementAdmin', 'governance'] as const;
export const recorders = ['staff', 'manager'] as const;

const roundBody = z.object({
  title: text(200),
  periodStart: date,
  periodEnd: date,
  formId: key.max(100),
  coordinatorBodyId: z.string().min(1).max(100),
  unitIds: z.array(z.string().min(1).max(100)).min(1).max(500),
  instructions: text(4000),
});
const recordBody = z.object({
  municipalityCode: z.string().regex(/^\d{4}$/),
  ageBand: key,
  gender: key,
  housing: key,
  occupation: key,
  contacts: z.array(key).max(20),
  needs: z.record(key, key),
  note: z.string().max(1000).optional(),
});

export const needsInventoryApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await roundRoutes(app, {});
  await resultRoutes(app, {});
};

/** Forms, rounds and their status, and the units' records. */
const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/needs-inventory-forms',
    { config: { access: 'authenticated' }, schema: { tags, security, querystring: z.object(pagingFields) } },
    async (request, reply) =>
      sendSlice(request, reply, await listForms(requireUser(request.ctx).db), paging(request.query)),
  );
  app.get(
    '/api/needs-inventories',
    { config: { access: 'authenticated' }, schema: { tags, security, querystring: z.object(pagingFields) } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      return sendSlice(request, reply, await listRounds(ctx.db, ctx.user.county.code), paging(request.query));
    },
  );
  app.post(
    '/api/needs-inventories',
    { config: { access: coordinators }, schema: { tags, security, body: roundBody } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const id = await createRound(ctx, request.body);
      return reply.status(201).send(await readRound(ctx, id));
    },
  );
  app.get(
    '/api/needs-inventories/:id',
    { config: { access: 'authenticated' }, schema: { tags, security, params } },
    async (request) => readRound(requireUser(request.ctx), request.params.id),
  );
  app.post(
    '/api/needs-inventories/:id/status',
    {
      config: { access: coordinators },
      schema: { tags, security, params, body: z.object({ status: z.enum(roundStatuses) }) },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      await advanceRound(ctx, request.params.id, request.body);
      return readRound(ctx, request.params.id);
    },
  );
  app.get(
    '/api/needs-inventories/:id/records',
    {
      config: { access: recorders },
      schema: {
        tags,
        security,
        params,
        querystring: z.object(pagingFields),
        description: 'Den egna enhetens registreringar i inventeringen.',
      },
    },
    async (request, reply) => {
      const records = await listOwnRecords(requireUser(request.ctx), request.params.id);
      return sendSlice(request, reply, records, paging(request.query));
    },
  );
  app.post(
    '/api/needs-inventories/:id/records',
    { config: { access: recorders }, schema: { tags, security, params, body: recordBody } },
    async (request, reply) => {
      const id = await enterRecord(requireUser(request.ctx), request.params.id, request.body);
      return reply.status(201).send({ id });
    },
  );
};

/** Changing or removing a record, the results, and the user organisations' comments. */
const resultRoutes: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/api/needs-inventories/:id/records/:recordId',
    {
      config: { access: recorders },
      schema: { tags, security, params: params.extend({ recordId: z.string().min(1).max(200) }) },
    },
    async (request, reply) => {
      await removeRecord(requireUser(request.ctx), request.params.id, request.params.recordId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/needs-inventories/:id/results',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        params,
        querystring: z.object({
          municipalityCode: z
            .string()
            .regex(/^\d{4}$/)
            .optional(),
        }),
        description:
          'Resultatet för länet eller en kommun; antal från 1 till 4, och antal som annars skulle gå att räkna ut, är null.',
      },
    },
    async (request) =>
      readResults(requireUser(request.ctx), request.params.id, request.query.municipalityCode ?? null),
  );
  app.post(
    '/api/needs-inventories/:id/comments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        params,
        body: z.object({ text: text(4000), organisationId: z.string().min(1).max(100).optional() }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      await recordComment(ctx, request.params.id, request.body);
      return reply.status(201).send(await readRound(ctx, request.params.id));
    },
  );
};

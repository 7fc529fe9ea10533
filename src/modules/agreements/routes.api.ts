import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendSlice } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { compareVersions } from './compare-versions.ts';
import { answerComment, commentOnSection, openConsultation } from './consultation.ts';
import { giveNotice, recordAdoption, sendForDecision } from './decide.ts';
import { addSection, draftVersion, removeSection, saveSection, updateTerms } from './edit-version.ts';
import { createLocalAgreement, recordFollowUp } from './local-agreements.ts';
import { agreementSchema, agreementWithSectionsSchema, versionSchema } from './present.ts';
import { listAgreements, readAgreement, readVersion } from './read-agreements.ts';

// Anyone logged in reads agreements (public documents); agreement administrators of a party change them (the
// use cases check the party: 403 otherwise); an invited organisation's users comment during a consultation.
const readers = { access: 'authenticated' as const };
const admins = { access: ['agreementAdmin'] as const };
const security = [{ bearer: [] }];
const tags = ['Överenskommelser'];
const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(100);
const day = z.iso.date();
const params = z.object({ id });
const versionParams = z.object({ id, number: z.coerce.number().int().min(1).max(10000) });
const sectionParams = versionParams.extend({ key: z.string().min(1).max(100) });
// Actions that take no input: an empty body or none at all.
const noBody = z.object({}).strict().nullish();
const months = z.number().int().min(1).max(240).nullable();

export const termsBody = z.object({
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  noticeMonths: months,
  extensionMonths: months,
  noticeRecipient: z.string().trim().max(500).nullable(),
  changeNote: z.string().trim().max(4000).nullable(),
});

export const agreementApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await readAndDraftRoutes(app, {});
  await sectionRoutes(app, {});
  await consultationAndDecisionRoutes(app, {});
  await inForceRoutes(app, {});
};

/** Reading agreements, their versions and comparisons; drafting a new version and its terms. */
const readAndDraftRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/agreements',
    {
      config: readers,
      schema: {
        tags,
        security,
        querystring: z.object({
          countyCode: z
            .string()
            .regex(/^[0-9]{2}$/)
            .optional(),
          ...pagingFields,
        }),
        response: { 200: z.array(agreementSchema) },
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const found = await listAgreements(ctx, request.query.countyCode ?? ctx.user.county.code);
      return sendSlice(request, reply, found, paging(request.query));
    },
  );

  app.get(
    '/api/agreements/:id',
    { config: readers, schema: { tags, security, params, response: { 200: agreementWithSectionsSchema } } },
    async (request) => readAgreement(requireUser(request.ctx), request.params.id),
  );

  app.get(
    '/api/agreements/:id/versions/:number',
    { config: readers, schema: { tags, security, params: versionParams, response: { 200: versionSchema } } },
    async (request) => readVersion(requireUser(request.ctx), request.params.id, request.params.number),
  );

  app.get(
    '/api/agreements/:id/comparison',
    {
      config: readers,
      schema: {
        tags,
        security,
        params,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      },
    },
    async (request) =>
      compareVersions(requireUser(request.ctx), request.params.id, request.query.from, request.query.to),
  );

  app.post(
    '/api/agreements/:id/versions',
    { config: admins, schema: { tags, security, params, body: noBody, response: { 201: agreementSchema } } },
    async (request, reply) =>
      reply.status(201).send(await draftVersion(requireUser(request.ctx), request.params.id)),
  );

  app.put(
    '/api/agreements/:id/versions/:number/terms',
    {
      config: admins,
      schema: { tags, security, params: versionParams, body: termsBody, response: { 200: agreementSchema } },
    },
    async (request) =>
      updateTerms(requireUser(request.ctx), request.params.id, request.params.number, request.body),
  );
};

/** A draft version's sections, and sending it out for consultation. */
const sectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/agreements/:id/versions/:number/sections',
    {
      config: admins,
      schema: {
        tags,
        security,
        params: versionParams,
        body: z.object({
          parentKey: z.string().max(100).nullable(),
          heading: text(300),
          text: z.string().max(50000),
        }),
        response: { 200: agreementSchema },
      },
    },
    async (request) =>
      addSection(requireUser(request.ctx), request.params.id, request.params.number, request.body),
  );

  app.put(
    '/api/agreements/:id/versions/:number/sections/:key',
    {
      config: admins,
      schema: {
        tags,
        security,
        params: sectionParams,
        body: z.object({ heading: text(300), text: z.string().max(50000) }),
        response: { 200: agreementSchema },
      },
    },
    async (request) => {
      const { id, number, key } = request.params;
      return saveSection(requireUser(request.ctx), id, number, key, request.body);
    },
  );

  app.delete(
    '/api/agreements/:id/versions/:number/sections/:key',
    { config: admins, schema: { tags, security, params: sectionParams, response: { 200: agreementSchema } } },
    async (request) => {
      const { id, number, key } = request.params;
      return removeSection(requireUser(request.ctx), id, number, key);
    },
  );

  app.post(
    '/api/agreements/:id/versions/:number/consultation',
    {
      config: admins,
      schema: {
        tags,
        security,
        params: versionParams,
        body: z.object({ closesOn: day, inviteePrincipalIds: z.array(id).max(200) }),
        response: { 200: agreementSchema },
      },
    },
    async (request) =>
      openConsultation(requireUser(request.ctx), request.params.id, request.params.number, request.body),
  );
};

/** Comments and answers in a consultation; the decision and each party's adoption. */
const consultationAndDecisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/agreements/:id/versions/:number/comments',
    {
      config: readers,
      schema: {
        tags,
        security,
        params: versionParams,
        body: z.object({ sectionKey: z.string().min(1).max(100), text: text(8000) }),
        response: { 201: versionSchema },
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { id, number } = request.params;
      await commentOnSection(ctx, id, number, request.body);
      return reply.status(201).send(await readVersion(ctx, id, number));
    },
  );

  app.post(
    '/api/agreements/:id/versions/:number/comments/:commentId/answer',
    {
      config: admins,
      schema: {
        tags,
        security,
        params: versionParams.extend({ commentId: id }),
        body: z.object({ answer: text(8000) }),
        response: { 200: versionSchema },
      },
    },
    async (request) => {
      const ctx = requireUser(request.ctx);
      const { id, number, commentId } = request.params;
      await answerComment(ctx, id, number, commentId, request.body.answer);
      return readVersion(ctx, id, number);
    },
  );

  app.post(
    '/api/agreements/:id/versions/:number/decision',
    {
      config: admins,
      schema: { tags, security, params: versionParams, body: noBody, response: { 200: agreementSchema } },
    },
    async (request) => sendForDecision(requireUser(request.ctx), request.params.id, request.params.number),
  );

  app.post(
    '/api/agreements/:id/versions/:number/adoptions',
    {
      config: admins,
      schema: {
        tags,
        security,
        params: versionParams,
        body: z.object({ principalId: id, decidedOn: day, body: text(300), reference: text(300) }),
        response: { 200: agreementSchema },
      },
    },
    async (request) =>
      recordAdoption(requireUser(request.ctx), request.params.id, request.params.number, request.body),
  );
};

/** Notice of termination, local agreements and follow-ups of an agreement in force. */
const inForceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/agreements/:id/notice',
    {
      config: admins,
      schema: {
        tags,
        security,
        params,
        body: z.object({ principalId: id, givenOn: day }),
        response: { 200: agreementSchema },
      },
    },
    async (request) => giveNotice(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/agreements/:id/local-agreements',
    {
      config: admins,
      schema: {
        tags,
        security,
        params,
        body: z.object({ title: text(300), scope: text(300), principalIds: z.array(id).max(100) }),
        response: { 201: agreementSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createLocalAgreement(requireUser(request.ctx), request.params.id, request.body)),
  );

  app.post(
    '/api/agreements/:id/follow-ups',
    {
      config: admins,
      schema: { tags, security, params, body: z.object({ on: day }), response: { 200: agreementSchema } },
    },
    async (request) => recordFollowUp(requireUser(request.ctx), request.params.id, request.body),
  );
};

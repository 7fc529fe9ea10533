import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendPage, sendSlice } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { answerInvitation } from './answer-invitation.ts';
import { closeSip } from './close-sip.ts';
import { inviteUnit } from './invite-unit.ts';
import { invitationSchema, planSchema, sipSchema } from './present.ts';
import { listSips, readPlanVersions, readSip } from './read-sips.ts';
import { recordConsent } from './record-consent.ts';
import { recordConsentChange, staffConsentChangeKinds } from './record-consent-change.ts';
import { recordFollowUp } from './record-follow-up.ts';
import { sipContentApiRoutes } from './routes.api.content.ts';
import { savePlan } from './save-plan.ts';
import {
  consentCapacities,
  decisionParticipants,
  externalParticipantKinds,
  goalsMetAnswers,
  interventionOutcomes,
  interventionStatuses,
  placementKinds,
  planKinds,
  requesters,
  sipStatuses,
} from './schema.ts';

import { startSip } from './start-sip.ts';
import { withdrawConsent } from './withdraw-consent.ts';

// Staff and managers of care units work with SIPs; whether they see a given SIP is the access rule's call,
// and anyone it refuses gets 404.
const access = { access: ['staff', 'manager'] as const };
const security = [{ bearer: [] }];
const tags = ['SIP'];
const text = (max: number) => z.string().trim().min(1).max(max);
const params = z.object({ id: z.string().min(1).max(100) });

const startBody = z.object({
  person: z.object({ personalIdentityNumber: z.string().max(20), name: text(200) }),
  reason: text(4000),
  requestedBy: z.enum(requesters).nullable().optional(),
  hasChildren: z.boolean().nullable().optional(),
  planKind: z.enum(planKinds).optional().meta({ description: "Inera's care-plan type code; SIP by default" }),
});
// Added (issue 22 item 4): who gave a consent or a change of it; absent means the person (an adult's only).
const giverBody = z
  .object({
    capacity: z.enum(consentCapacities),
    name: z.string().trim().max(200).nullable().optional(),
  })
  .meta({
    description:
      "person, guardian (vårdnadshavare, for a child) or legalRepresentative (god man or förvaltare with that mandate); name: the guardian's or representative's",
  });
const consentBody = z.object({
  givenAt: z.iso.date(),
  form: z.enum(['written', 'verbal']),
  principalIds: z.array(z.string().min(1).max(100)).min(1).max(100),
  relativesMayTakePart: z.boolean(),
  decisionParticipants: z.array(z.enum(decisionParticipants)).max(10).optional(),
  otherParties: z.array(z.string().trim().max(200)).max(20).optional(),
  guardians: z
    .array(z.object({ name: text(200) }))
    .max(4)
    .optional(),
  givenBy: giverBody.optional(),
});
const consentChangeBody = z.object({
  kind: z.enum(staffConsentChangeKinds),
  principalId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'the principal added or withdrawn; required for those kinds' }),
  changedOn: z.iso.date(),
  givenBy: giverBody.optional(),
});
const invitationBody = z.object({
  unitId: z.string().min(1).max(100),
  meetingAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().max(300).nullable().optional(),
  videoLink: z
    .url({ protocol: /^https$/ })
    .max(500)
    .nullable()
    .optional(),
  externalParticipants: z
    .array(z.object({ kind: z.enum(externalParticipantKinds), note: z.string().trim().max(200) }))
    .max(20)
    .optional(),
});
const followUpBody = z.object({
  heldOn: z.iso.date(),
  outcomes: z
    .array(
      z.object({
        index: z.number().int().min(0).max(100),
        outcome: z.enum(interventionOutcomes),
        comment: z.string().max(4000).optional(),
      }),
    )
    .max(100),
  nextFollowUpOn: z.iso.date().nullable(),
});
// Added (issue 22), each optional: a plan saved without them reads planned and open-ended.
const interventionDetails = {
  startsOn: z.iso.date().nullable().optional(),
  endsOn: z.iso.date().nullable().optional().meta({ description: 'null or absent: tills vidare' }),
  status: z.enum(interventionStatuses).optional(),
  personsView: z.string().trim().max(4000).nullable().optional(),
};
// Added (issue 22 item 11): a placement outside the home; absent or null when the plan has none.
const placementBody = z.strictObject({
  kind: z.enum(placementKinds),
  place: z.string().trim().max(300).nullable().optional(),
  startsOn: z.iso.date(),
  jointPlanning: z.strictObject({
    heldOn: z.iso.date(),
    unitIds: z.array(z.string().min(1).max(100)).min(1).max(50),
  }),
  goal: text(4000),
  followUp: z.strictObject({ on: z.iso.date(), how: text(4000) }),
  returnHome: text(4000),
  costSplit: z
    .array(
      z.strictObject({ principalId: z.string().min(1).max(100), percent: z.number().int().min(0).max(100) }),
    )
    .min(1)
    .max(20),
});
const planBody = z.object({
  interventions: z
    .array(
      z.union([
        z.strictObject({
          description: text(4000),
          responsibleUnitId: z.string().min(1).max(100),
          ...interventionDetails,
        }),
        z.strictObject({ description: text(4000), externalActor: text(200), ...interventionDetails }),
      ]),
    )
    .max(100),
  overallResponsibility: z.object({ unitId: z.string().min(1).max(100) }),
  goals: z.array(text(2000)).max(50),
  personsOwnWords: z.string().max(20000),
  followUpOn: z.iso.date(),
  childrenConsidered: z.boolean().nullable(),
  childrenNote: z.string().trim().max(4000).optional(),
  compulsoryCare: z
    .object({ law: z.enum(['LPT', 'LRV']) })
    .nullable()
    .optional(),
  relativesTookPart: z.boolean().nullable().optional(),
  singlePrincipalReason: z.string().trim().max(2000).nullable().optional(),
  placement: placementBody.nullable().optional(),
});

export const sipApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await sipStartRoutes(app, {});
  await sipConsentRoutes(app, {});
  await sipPlanRoutes(app, {});
  await sipContentApiRoutes(app, {});
};

/** Listing and starting SIPs, reading one, its invitations. */
const sipStartRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/sips',
    { config: access, schema: { tags, security, body: startBody, response: { 201: sipSchema } } },
    async (request, reply) => reply.status(201).send(await startSip(requireUser(request.ctx), request.body)),
  );

  app.get(
    '/api/sips',
    {
      config: access,
      schema: {
        tags,
        security,
        querystring: z.object({ status: z.enum(sipStatuses).optional(), ...pagingFields }),
        response: { 200: z.array(sipSchema) },
      },
    },
    async (request, reply) => {
      const page = paging(request.query);
      // Paged in SQL, so only the persons on this page are read and logged.
      const found = await listSips(requireUser(request.ctx), {
        status: request.query.status,
        page: { number: page.page, size: page.pageSize },
      });
      return sendPage(request, reply, { items: found.sips, total: found.total, paging: page });
    },
  );

  app.get(
    '/api/sips/:id',
    { config: access, schema: { tags, security, params, response: { 200: sipSchema } } },
    async (request) => readSip(requireUser(request.ctx), request.params.id),
  );

  app.post(
    '/api/sips/:id/invitations',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        body: invitationBody,
        response: { 201: invitationSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inviteUnit(requireUser(request.ctx), request.params.id, request.body)),
  );
};

/** The consent: recorded, changed (each change a new version of it), withdrawn. */
const sipConsentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/sips/:id/consent',
    { config: access, schema: { tags, security, params, body: consentBody, response: { 200: sipSchema } } },
    async (request) => recordConsent(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/sips/:id/consent/withdrawal',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        body: z.object({ withdrawnAt: z.iso.date(), givenBy: giverBody.optional() }),
        response: { 200: sipSchema },
      },
    },
    async (request) => withdrawConsent(requireUser(request.ctx), request.params.id, request.body),
  );

  app.post(
    '/api/sips/:id/consent/changes',
    {
      config: access,
      schema: { tags, security, params, body: consentChangeBody, response: { 201: sipSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordConsentChange(requireUser(request.ctx), request.params.id, request.body)),
  );
};

/** Answering an invitation; the plan and its versions, follow-ups and closure. */
const sipPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/invitations/:id/answer',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        body: z.object({ accepted: z.boolean(), reason: z.string().max(2000).optional() }),
        response: { 200: invitationSchema },
      },
    },
    async (request) => answerInvitation(requireUser(request.ctx), request.params.id, request.body),
  );

  app.put(
    '/api/sips/:id/plan',
    { config: access, schema: { tags, security, params, body: planBody, response: { 200: sipSchema } } },
    async (request) => savePlan(requireUser(request.ctx), request.params.id, request.body),
  );

  app.get(
    '/api/sips/:id/plan/versions',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        querystring: z.object(pagingFields),
        response: { 200: z.array(planSchema) },
      },
    },
    async (request, reply) => {
      const versions = await readPlanVersions(requireUser(request.ctx), request.params.id);
      return sendSlice(request, reply, versions, paging(request.query));
    },
  );

  app.post(
    '/api/sips/:id/follow-ups',
    {
      config: access,
      schema: { tags, security, params, body: followUpBody, response: { 201: sipSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await recordFollowUp(requireUser(request.ctx), request.params.id, request.body)),
  );

  app.post(
    '/api/sips/:id/closure',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        body: z.object({
          reason: z.enum(['goalsMet', 'noConsent', 'moved', 'deceased', 'other']),
          note: z.string().max(4000).optional(),
          evaluation: z
            .object({
              goalsMet: z.enum(goalsMetAnswers),
              personsView: z.string().trim().max(4000).nullable().optional(),
            })
            .nullable()
            .optional(),
        }),
        response: { 200: sipSchema },
      },
    },
    async (request) => closeSip(requireUser(request.ctx), request.params.id, request.body),
  );
};

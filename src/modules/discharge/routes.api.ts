import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendPage } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { acknowledgeStay } from './acknowledge.ts';
import { callSip } from './call-sip.ts';
import { readStay } from './change.ts';
import { dischargePatient } from './discharge-patient.ts';
import { disputeDay } from './dispute-day.ts';
import { listStays } from './list-stays.ts';
import { notifyAdmission } from './notify-admission.ts';
import { addPaymentRule, listPaymentRules } from './payment-rule-admin.ts';
import { listPayments } from './payments.ts';
import { ruleSchema, staySchema } from './present.ts';
import { markReady, revokeReady } from './readiness.ts';
import { recordPreparation } from './record-preparation.ts';
import { concernedKinds, dayKinds, stayStatuses } from './schema.ts';
import { updateExpectedDate } from './update-expected-date.ts';

// Staff and managers of care units work with stays; whether they see one is the access rule's call (404
// otherwise), and what they may do with it the use case's (403).
const access = { access: ['staff', 'manager'] as const };
const security = [{ bearer: [] }];
const tags = ['Utskrivning'];
const text = (max: number) => z.string().trim().min(1).max(max);
const params = z.object({ id: z.string().min(1).max(100) });
const id = z.string().min(1).max(100);
const stay = { 200: staySchema };

const admissionBody = z.object({
  person: z.object({ personalIdentityNumber: z.string().max(20), name: text(200) }),
  admittedAt: z.iso.datetime({ offset: true }),
  expectedReadyOn: z.iso.date(),
  municipalityPrincipalId: id,
  units: z
    .array(z.object({ unitId: id, kind: z.enum(concernedKinds) }))
    .min(1)
    .max(20),
});
const dischargeBody = z.object({
  dischargedOn: z.iso.date(),
  informationTransferredOn: z.iso.date(),
  summary: z.object({
    care: text(8000),
    sipPlannedOn: z.iso.date().nullable().optional(),
    existingPlans: z.string().trim().max(8000),
  }),
});
const boardRow = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string(), personalIdentityNumber: z.string() }),
  status: z.enum(stayStatuses),
  inpatientUnitId: z.string(),
  municipalityPrincipalId: z.string(),
  admittedAt: z.string(),
  noticeLate: z.boolean(),
  expectedReadyOn: z.string(),
  readySince: z.string().nullable(),
  sipDueOn: z.string().nullable(),
  sipCalled: z.boolean(),
  sipLate: z.boolean(),
  dischargedOn: z.string().nullable(),
  paidDays: z.number().int(),
  paidAmountSek: z.number().int(),
  demoAmount: z.boolean(),
});
const paidDay = z.object({
  day: z.string(),
  amountSek: z.number().int(),
  ruleId: z.string(),
  demoAmount: z.boolean(),
  disputeId: z.string().nullable(),
});
const paymentsSchema = z.object({
  month: z.string(),
  patients: z.array(
    z.object({
      stayId: z.string(),
      person: z.object({ id: z.string(), name: z.string(), personalIdentityNumber: z.string() }),
      municipalityPrincipalId: z.string(),
      inpatientUnitId: z.string(),
      days: z.array(paidDay),
      totalDays: z.number().int(),
      totalAmountSek: z.number().int(),
      disputedDays: z.number().int(),
    }),
  ),
  municipalities: z.array(
    z.object({
      municipalityPrincipalId: z.string(),
      patients: z.number().int(),
      totalDays: z.number().int(),
      totalAmountSek: z.number().int(),
    }),
  ),
});

export const dischargeApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await stayRoutes(app, {});
  await stepRoutes(app, {});
  await paymentRoutes(app, {});
};

/** The admission notice, the board, one stay. */
const stayRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/discharge/stays',
    { config: access, schema: { tags, security, body: admissionBody, response: { 201: staySchema } } },
    async (request, reply) =>
      reply.status(201).send(await notifyAdmission(requireUser(request.ctx), request.body)),
  );
  app.get(
    '/api/discharge/stays',
    {
      config: access,
      schema: {
        tags,
        security,
        querystring: z.object({ show: z.enum(['current', 'all']).default('current'), ...pagingFields }),
        response: { 200: z.array(boardRow) },
      },
    },
    async (request, reply) => {
      const page = paging(request.query);
      const found = await listStays(requireUser(request.ctx), {
        show: request.query.show,
        page: { number: page.page, size: page.pageSize },
      });
      return sendPage(request, reply, { items: found.stays, total: found.total, paging: page });
    },
  );
  app.get(
    '/api/discharge/stays/:id',
    { config: access, schema: { tags, security, params, response: stay } },
    async (request) => readStay(requireUser(request.ctx), request.params.id),
  );
};

/** The process's steps on a stay. */
const stepRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/discharge/stays/:id/acknowledgement',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        body: z.object({ fastVardkontakt: z.string().trim().max(300).nullable().optional() }),
        response: stay,
      },
    },
    async (request) => acknowledgeStay(requireUser(request.ctx), request.params.id, request.body),
  );
  app.put(
    '/api/discharge/stays/:id/expected-date',
    {
      config: access,
      schema: { tags, security, params, body: z.object({ expectedReadyOn: z.iso.date() }), response: stay },
    },
    async (request) => updateExpectedDate(requireUser(request.ctx), request.params.id, request.body),
  );
  app.put(
    '/api/discharge/stays/:id/preparation',
    {
      config: access,
      schema: { tags, security, params, body: z.object({ preparation: text(8000) }), response: stay },
    },
    async (request) => recordPreparation(requireUser(request.ctx), request.params.id, request.body),
  );
  app.post(
    '/api/discharge/stays/:id/readiness',
    {
      config: access,
      schema: {
        tags,
        security,
        params,
        body: z.object({ judgedAt: z.iso.datetime({ offset: true }) }),
        response: stay,
      },
    },
    async (request) => markReady(requireUser(request.ctx), request.params.id, request.body),
  );
  app.post(
    '/api/discharge/stays/:id/readiness/revocation',
    { config: access, schema: { tags, security, params, body: z.object({}), response: stay } },
    async (request) => revokeReady(requireUser(request.ctx), request.params.id),
  );
  app.post(
    '/api/discharge/stays/:id/sip',
    { config: access, schema: { tags, security, params, body: z.object({}), response: stay } },
    async (request) => callSip(requireUser(request.ctx), request.params.id),
  );
  app.post(
    '/api/discharge/stays/:id/discharge',
    { config: access, schema: { tags, security, params, body: dischargeBody, response: stay } },
    async (request) => dischargePatient(requireUser(request.ctx), request.params.id, request.body),
  );
};

/** Payment responsibility: days and amounts, disputed days, the rules. */
const paymentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/discharge/stays/:id/disputed-days',
    {
      config: { access: ['manager'] },
      schema: {
        tags,
        security,
        params,
        body: z.object({ day: z.iso.date(), reason: text(4000) }),
        response: { 201: staySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await disputeDay(requireUser(request.ctx), request.params.id, request.body)),
  );
  app.get(
    '/api/discharge/payments',
    {
      config: access,
      schema: {
        tags,
        security,
        querystring: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
        response: { 200: paymentsSchema },
      },
    },
    async (request) => listPayments(requireUser(request.ctx), request.query.month),
  );
  app.get(
    '/api/discharge/payment-rules',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        querystring: z.object(pagingFields),
        response: { 200: z.array(ruleSchema) },
      },
    },
    // Paged as every list (a county has a handful of rules, so the page is cut from the whole history).
    async (request, reply) => {
      const page = paging(request.query);
      const all = await listPaymentRules(requireUser(request.ctx));
      const from = (page.page - 1) * page.pageSize;
      return sendPage(request, reply, {
        items: all.slice(from, from + page.pageSize),
        total: all.length,
        paging: page,
      });
    },
  );
  app.post(
    '/api/discharge/payment-rules',
    {
      config: { access: ['countyAdmin'] },
      schema: {
        tags,
        security,
        body: z.object({
          validFrom: z.iso.date(),
          daysAfterNotice: z.number().int().min(0).max(365),
          dayKind: z.enum(dayKinds),
          dailyAmountSek: z.number().int().min(0).max(1_000_000),
          source: text(2000),
        }),
        response: { 201: ruleSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPaymentRule(requireUser(request.ctx), request.body)),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendPage, sendSlice } from '../../../platform/http/api-paging.ts';
import { requireUser } from '../../../platform/http/context.ts';
import { pageOutbox } from '../../../platform/mail/outbox.ts';
import { countyGovernance } from '../queries.ts';
import { caseKinds, governanceBodyKinds, unitKinds } from '../schema.ts';
import {
  changeAccount,
  createAccount,
  deactivateAccount,
  reactivateAccount,
  sendPasswordReset,
} from './accounts.ts';
import { pageAdminLog } from './admin-log.ts';
import {
  addCategory,
  changeCategory,
  changeCountyRules,
  listCountyCategories,
  readCountyRules,
} from './county-rules.ts';
import { addBodyMember, changeBody, createBody, removeBodyMember } from './governance.ts';
import { importAccounts } from './import-accounts.ts';
import { addLadderLevel, changeLadderLevel, removeLadderLevel } from './ladders.ts';
import { adminAccess } from './policy.ts';
import { loadAccountForAdmin, pageAccounts } from './read-accounts.ts';
import { listCountyUnits, loadUnitForAdmin } from './read-units.ts';
import { adminPrincipalApiRoutes } from './routes.api.principals.ts';
import { adminSettingsApiRoutes } from './routes.api.settings.ts';
import { changeUnit, closeUnit, createUnit } from './units.ts';

// The administration's JSON API: a county administrator's own county only. Every route is for the role
// countyAdmin (403 for others); an object of another county is 404. The use cases check both again.

const tags = ['Administration'];
const security = [{ bearer: [] }];
const config = { access: adminAccess };
const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max);
const caseKind = z.enum(caseKinds);
const kind = z.enum(unitKinds);
const level = z.coerce.number().int().min(1).max(100);

/** An account as the API shows it: never its password hash. */
const presentAccount = ({
  passwordHash: _hidden,
  ...account
}: Awaited<ReturnType<typeof loadAccountForAdmin>>) => account;

const ctxOf = (request: { ctx: Parameters<typeof requireUser>[0] }) => requireUser(request.ctx);

const accountBody = z.object({
  name: text(200),
  email: text(300),
  username: text(100),
  unitId: id,
  roles: z.array(text(50)).max(10),
});

const bodyFields = z.object({
  name: text(200),
  shortName: text(100).optional(),
  kind: z.enum(governanceBodyKinds),
  description: text(3000),
  coversPrincipalIds: z.array(id).max(100).optional(),
});

const ladder = async (
  request: { ctx: Parameters<typeof requireUser>[0] },
  kind: (typeof caseKinds)[number],
) => (await countyGovernance(ctxOf(request).db, ctxOf(request).user.county.code)).ladders[kind];

const levelBody = z.object({
  label: text(300),
  bodyIds: z.array(id).max(50),
  source: text(500).optional(),
  position: z.number().int().min(1).max(100).optional(),
});

export const adminApiRoutes: FastifyPluginAsyncZod = async (app) => {
  await unitRoutes(app, {});
  await accountRoutes(app, {});
  await governanceRoutes(app, {});
  await caseRuleRoutes(app, {});
  await logAndOutboxRoutes(app, {});
  await app.register(adminSettingsApiRoutes);
  await app.register(adminPrincipalApiRoutes);
};

/** The county's units: listing, creating, renaming, moving, HSA-ids and closing. */
const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/units',
    {
      config,
      schema: { tags, security, querystring: z.object({ principalId: id.optional(), ...pagingFields }) },
    },
    async (request, reply) => {
      const { principalId } = request.query;
      const units = await listCountyUnits(ctxOf(request).db, ctxOf(request).user.county.code, {
        principalId,
      });
      return sendSlice(request, reply, units, paging(request.query));
    },
  );
  app.post(
    '/api/admin/units',
    {
      config,
      schema: { tags, security, body: z.object({ principalId: id, name: text(200), kind: kind.optional() }) },
    },
    async (request, reply) => reply.status(201).send(await createUnit(ctxOf(request), request.body)),
  );
  app.get(
    '/api/admin/units/:id',
    { config, schema: { tags, security, params: z.object({ id }) } },
    async (request) => loadUnitForAdmin(ctxOf(request), request.params.id),
  );
  app.patch(
    '/api/admin/units/:id',
    {
      config,
      schema: {
        tags,
        security,
        params: z.object({ id }),
        // hsaId (issue 24): the unit's HSA-id; null or "" takes it away. One change at a time.
        body: z.object({
          name: text(200).optional(),
          principalId: id.optional(),
          hsaId: z.string().max(40).nullable().optional(),
          kind: kind.optional(),
        }),
      },
    },
    async (request) => changeUnit(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/admin/units/:id/closure',
    {
      config,
      schema: {
        tags,
        security,
        params: z.object({ id }),
        body: z.object({ successorUnitId: id.optional() }),
      },
    },
    async (request) => closeUnit(ctxOf(request), request.params.id, request.body),
  );
};

/** Accounts: listing, creating, importing, changing, deactivating and password links. */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/accounts',
    {
      config,
      schema: {
        tags,
        security,
        querystring: z.object({ q: text(200).optional(), unitId: id.optional(), ...pagingFields }),
      },
    },
    async (request, reply) => {
      const { q, unitId } = request.query;
      const p = paging(request.query);
      const found = await pageAccounts(ctxOf(request).db, ctxOf(request).user.county.code, { q, unitId }, p);
      return sendPage(request, reply, { ...found, paging: p });
    },
  );
  app.post(
    '/api/admin/accounts',
    { config, schema: { tags, security, body: accountBody } },
    async (request, reply) => reply.status(201).send(await createAccount(ctxOf(request), request.body)),
  );
  app.post(
    '/api/admin/accounts/import',
    { config, schema: { tags, security, body: z.object({ csv: z.string().max(1_000_000) }) } },
    async (request, reply) => reply.status(201).send(await importAccounts(ctxOf(request), request.body.csv)),
  );
  app.get(
    '/api/admin/accounts/:id',
    { config, schema: { tags, security, params: z.object({ id }) } },
    async (request) => presentAccount(await loadAccountForAdmin(ctxOf(request), request.params.id)),
  );
  app.patch(
    '/api/admin/accounts/:id',
    {
      config,
      schema: {
        tags,
        security,
        params: z.object({ id }),
        // hsaId and identityNumber (issue 24): what e-ID logins are matched by; null or "" takes either away.
        // The identity number is kept only as a keyed hash: the account shows identityNumberSet, never it.
        body: accountBody
          .omit({ username: true })
          .extend({ hsaId: z.string().max(40).nullable(), identityNumber: z.string().max(20).nullable() })
          .partial(),
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await changeAccount(ctx, request.params.id, request.body);
      return presentAccount(await loadAccountForAdmin(ctx, request.params.id));
    },
  );
  app.post(
    '/api/admin/accounts/:id/deactivation',
    { config, schema: { tags, security, params: z.object({ id }), body: z.object({}).optional() } },
    async (request) => deactivateAccount(ctxOf(request), request.params.id),
  );
  app.post(
    '/api/admin/accounts/:id/reactivation',
    { config, schema: { tags, security, params: z.object({ id }), body: z.object({}).optional() } },
    async (request) => reactivateAccount(ctxOf(request), request.params.id),
  );
  app.post(
    '/api/admin/accounts/:id/password-reset',
    { config, schema: { tags, security, params: z.object({ id }), body: z.object({}).optional() } },
    async (request, reply) =>
      reply.status(202).send(await sendPasswordReset(ctxOf(request), request.params.id)),
  );
};

/** Governance bodies, their members, and the ladders cases climb. */
const governanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/governance-bodies',
    { config, schema: { tags, security, querystring: z.object(pagingFields) } },
    async (request, reply) => {
      const { bodies } = await countyGovernance(ctxOf(request).db, ctxOf(request).user.county.code);
      return sendSlice(request, reply, bodies, paging(request.query));
    },
  );
  app.post(
    '/api/admin/governance-bodies',
    { config, schema: { tags, security, body: bodyFields } },
    async (request, reply) => reply.status(201).send(await createBody(ctxOf(request), request.body)),
  );
  app.patch(
    '/api/admin/governance-bodies/:id',
    { config, schema: { tags, security, params: z.object({ id }), body: bodyFields.partial() } },
    async (request) => changeBody(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/admin/governance-bodies/:id/members',
    { config, schema: { tags, security, params: z.object({ id }), body: z.object({ userId: id }) } },
    async (request, reply) => {
      await addBodyMember(ctxOf(request), request.params.id, request.body.userId);
      return reply.status(204).send();
    },
  );
  app.delete(
    '/api/admin/governance-bodies/:id/members/:userId',
    { config, schema: { tags, security, params: z.object({ id, userId: id }) } },
    async (request, reply) => {
      await removeBodyMember(ctxOf(request), request.params.id, request.params.userId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/admin/ladders/:caseKind',
    { config, schema: { tags, security, params: z.object({ caseKind }) } },
    async (request) => ladder(request, request.params.caseKind),
  );
  app.post(
    '/api/admin/ladders/:caseKind/levels',
    { config, schema: { tags, security, params: z.object({ caseKind }), body: levelBody } },
    async (request, reply) => {
      await addLadderLevel(ctxOf(request), request.params.caseKind, request.body);
      return reply.status(201).send(await ladder(request, request.params.caseKind));
    },
  );
  app.patch(
    '/api/admin/ladders/:caseKind/levels/:level',
    {
      config,
      schema: {
        tags,
        security,
        params: z.object({ caseKind, level }),
        body: levelBody.omit({ position: true }).partial(),
      },
    },
    async (request) => {
      await changeLadderLevel(ctxOf(request), request.params.caseKind, request.params.level, request.body);
      return ladder(request, request.params.caseKind);
    },
  );
  app.delete(
    '/api/admin/ladders/:caseKind/levels/:level',
    { config, schema: { tags, security, params: z.object({ caseKind, level }) } },
    async (request) => {
      await removeLadderLevel(ctxOf(request), request.params.caseKind, request.params.level);
      return ladder(request, request.params.caseKind);
    },
  );
};

/** Case categories and the county's rules. */
const caseRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/categories/:caseKind',
    {
      config,
      schema: { tags, security, params: z.object({ caseKind }), querystring: z.object(pagingFields) },
    },
    async (request, reply) => {
      const { db, user } = ctxOf(request);
      const categories = await listCountyCategories(db, user.county.code, request.params.caseKind);
      return sendSlice(request, reply, categories, paging(request.query));
    },
  );
  app.post(
    '/api/admin/categories/:caseKind',
    {
      config,
      schema: { tags, security, params: z.object({ caseKind }), body: z.object({ label: text(300) }) },
    },
    async (request, reply) =>
      reply.status(201).send(await addCategory(ctxOf(request), request.params.caseKind, request.body)),
  );
  app.patch(
    '/api/admin/categories/:caseKind/:key',
    {
      config,
      schema: {
        tags,
        security,
        params: z.object({ caseKind, key: id }),
        body: z.object({
          label: text(300).optional(),
          active: z.boolean().optional(),
          move: z.enum(['up', 'down']).optional(),
        }),
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await changeCategory(ctx, request.params.caseKind, request.params.key, request.body);
      return listCountyCategories(ctx.db, ctx.user.county.code, request.params.caseKind);
    },
  );

  app.get('/api/admin/rules', { config, schema: { tags, security } }, async (request) =>
    readCountyRules(ctxOf(request).db, ctxOf(request).user.county.code),
  );
  app.patch(
    '/api/admin/rules',
    {
      config,
      schema: {
        tags,
        security,
        body: z.object({
          invitationAnswerWorkingDays: z.number().int().optional(),
          deviationAnswerDays: z.number().int().optional(),
          targetGroupMinAge: z.number().int().nullable().optional(),
          targetGroupDescription: text(2000).optional(),
        }),
      },
    },
    async (request) => changeCountyRules(ctxOf(request), request.body),
  );
};

/** The administration log and the outbox. */
const logAndOutboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/log',
    { config, schema: { tags, security, querystring: z.object(pagingFields) } },
    async (request, reply) => {
      const p = paging(request.query);
      return sendPage(request, reply, { ...(await pageAdminLog(ctxOf(request), p)), paging: p });
    },
  );
  app.get(
    '/api/admin/outbox',
    { config, schema: { tags, security, querystring: z.object(pagingFields) } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const p = paging(request.query);
      const found = await pageOutbox(ctx.db, ctx.user.county.code, p, { publicUrl: ctx.publicUrl });
      return sendPage(request, reply, { ...found, paging: p });
    },
  );
};

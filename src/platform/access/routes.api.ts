import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleGrantChanges } from '../../modules/organisations/schema.ts';
import { type Paging, paging, pagingFields, sendPage } from '../http/api-paging.ts';
import { requireUser } from '../http/context.ts';
import { accessActions } from './schema.ts';
import { type AccessLogQuery, searchAccessLog } from './search-access-log.ts';
import { countRoleGrants, searchRoleGrants } from './search-role-grants.ts';

const entry = z.object({
  at: z.string(),
  userId: z.string(),
  username: z.string(),
  unitId: z.string(),
  principalId: z.string(),
  action: z.enum(accessActions),
  personId: z.string(),
  object: z.object({ type: z.string(), id: z.string() }),
});

const named = (id: string) => z.object({ [id]: z.string(), username: z.string(), name: z.string() });
const roleGrant = z.object({
  at: z.string(),
  change: z.enum(roleGrantChanges),
  roles: z.array(z.string()),
  principalId: z.string(),
  admin: named('userId'),
  account: named('userId'),
  unit: z.object({ id: z.string(), name: z.string() }),
  fromPrincipal: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const searchFields = {
  personalIdentityNumber: z.string().max(20).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
};
// Paging, and the bound the next-page link carries so that the search's own log rows do not shift the pages.
const pageQuery = { ...pagingFields, upTo: z.coerce.number().int().min(0).optional() };

/** One page of the search, with X-Total-Count and the next page's link. */
async function answerPage(
  request: FastifyRequest,
  reply: FastifyReply,
  query: AccessLogQuery,
  page: Paging & { upTo?: number | undefined },
) {
  const found = await searchAccessLog(requireUser(request.ctx), query, page);
  const extra = { upTo: String(found.upTo) };
  return sendPage(request, reply, { items: found.rows, total: found.total, paging: page, extra });
}

/**
 * API.md "Access log": log reviewers search the accesses made by their own principal's users. The GET takes the
 * identity number in its query (the contract); the POST takes it in the body, so it stays out of URLs.
 */
export const accessLogApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/access-log',
    {
      config: { access: ['logReviewer'] },
      schema: {
        tags: ['Åtkomstlogg'],
        security: [{ bearer: [] }],
        querystring: z.object({ ...searchFields, ...pageQuery }),
        response: { 200: z.array(entry) },
      },
    },
    async (request, reply) => {
      const { page, pageSize, upTo, ...query } = request.query;
      return answerPage(request, reply, query, { ...paging({ page, pageSize }), upTo });
    },
  );

  app.post(
    '/api/access-log/search',
    {
      config: { access: ['logReviewer'] },
      schema: {
        tags: ['Åtkomstlogg'],
        security: [{ bearer: [] }],
        querystring: z.object(pageQuery),
        body: z.object(searchFields),
        response: { 200: z.array(entry) },
      },
    },
    async (request, reply) => {
      const { page, pageSize, upTo } = request.query;
      return answerPage(request, reply, request.body, { ...paging({ page, pageSize }), upTo });
    },
  );
  // What administrators did that lets an account read this principal's person data (decision 0016).
  app.get(
    '/api/access-log/role-grants',
    {
      config: { access: ['logReviewer'] },
      schema: {
        tags: ['Åtkomstlogg'],
        security: [{ bearer: [] }],
        querystring: z.object({
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          ...pagingFields,
        }),
        response: { 200: z.array(roleGrant) },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const ctx = requireUser(request.ctx);
      const p = paging(request.query);
      const items = await searchRoleGrants(ctx, { from, to }, p);
      return sendPage(request, reply, { items, total: await countRoleGrants(ctx, { from, to }), paging: p });
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleGrantChanges } from '../../modules/organisations/schema.ts';
import { requireUser } from '../http/context.ts';
import { accessActions } from './schema.ts';
import { searchAccessLog } from './search-access-log.ts';
import { searchRoleGrants } from './search-role-grants.ts';

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

/** API.md "Access log": log reviewers search the accesses made by their own principal's users. */
export const accessLogApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/access-log',
    {
      config: { access: ['logReviewer'] },
      schema: {
        tags: ['Åtkomstlogg'],
        security: [{ bearer: [] }],
        querystring: z.object({
          personalIdentityNumber: z.string().max(20).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
        response: { 200: z.array(entry) },
      },
    },
    async (request) => searchAccessLog(requireUser(request.ctx), request.query),
  );
  // What administrators did that lets an account read this principal's person data (decision 0016).
  app.get(
    '/api/access-log/role-grants',
    {
      config: { access: ['logReviewer'] },
      schema: {
        tags: ['Åtkomstlogg'],
        security: [{ bearer: [] }],
        querystring: z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
        response: { 200: z.array(roleGrant) },
      },
    },
    async (request) => searchRoleGrants(requireUser(request.ctx), request.query),
  );
};

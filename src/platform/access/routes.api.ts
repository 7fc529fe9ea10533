import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../http/context.ts';
import { accessActions } from './schema.ts';
import { searchAccessLog } from './search-access-log.ts';

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
};

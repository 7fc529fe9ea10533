import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../../platform/http/context.ts';
import { adminAccess } from './policy.ts';
import { createPrivateProvider } from './principals.ts';

// A private care provider under contract, added as a principal of the administrator's county (API.md
// "Administration"). The contracting principal must be the county's region or one of its municipalities (422).

const tags = ['Administration'];
const security = [{ bearer: [] }];

export const adminPrincipalApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/admin/principals',
    {
      config: { access: adminAccess },
      schema: {
        tags,
        security,
        body: z.object({
          kind: z.literal('privateProvider'),
          name: z.string().max(200),
          contractedByPrincipalId: z.string().min(1).max(200),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createPrivateProvider(requireUser(request.ctx), {
          name: request.body.name,
          contractedByPrincipalId: request.body.contractedByPrincipalId,
        }),
      ),
  );
};

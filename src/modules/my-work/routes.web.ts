import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../platform/http/context.ts';
import { filters } from '../../platform/views/filters.ts';
import { renderPage } from '../../platform/views/render.ts';

/**
 * "Mitt arbete": the start page. It will gather the user's invitations, SIPs to follow up and deviations
 * to answer as those capabilities land; for now it greets the user and shows where they work.
 */
export const myWorkWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { config: { access: 'authenticated' } }, async (request, reply) => {
    const { user } = requireUser(request.ctx);
    return renderPage(request, reply, 'my-work/index.njk', {
      pageTitle: 'Mitt arbete',
      nav: 'mitt-arbete',
      me: user,
      roles: user.roles.map((r) => filters.role(r)).join(', '),
    });
  });
};

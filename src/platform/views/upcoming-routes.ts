import type { FastifyPluginAsync } from 'fastify';
import { type Navigation, renderPage } from './render.ts';

/**
 * The menu names every capability from the start; until a capability's module lands, its menu entry
 * leads here rather than to a 404. Remove an entry when the module that owns the path registers it.
 */
const upcoming: { path: string; nav: Navigation; title: string; what: string }[] = [];

export const upcomingRoutes: FastifyPluginAsync = async (app) => {
  for (const page of upcoming) {
    app.get(page.path, { config: { access: 'authenticated' } }, async (request, reply) =>
      renderPage(request, reply, 'upcoming.njk', { pageTitle: page.title, nav: page.nav, what: page.what }),
    );
  }
};

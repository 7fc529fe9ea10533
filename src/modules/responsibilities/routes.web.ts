import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/context.ts';
import { choices } from '../../platform/views/page-helpers.ts';
import { renderPage } from '../../platform/views/render.ts';
import { listCounties } from '../organisations/index.ts';
import { principalFromQuery, principalKindLabels, principalQueryLabels } from './labels.ts';
import { listResponsibilities } from './read.ts';

// The filters live in the address bar (the form is GET), so a narrowed list can be bookmarked and shared.
const listQuery = z.object({
  lan: z.string().max(20).optional(),
  huvudman: z.enum(['alla', 'kommun', 'region', 'gemensamt']).default('alla'),
  sok: z.string().max(200).default(''),
});

export const responsibilityWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ansvarsfordelning',
    { config: { access: 'authenticated' }, schema: { querystring: listQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { huvudman, sok } = request.query;
      const lan = request.query.lan ?? ctx.user.county.code;
      const counties = await listCounties(ctx.db);
      const county = counties.find((c) => c.code === lan);
      const view = {
        pageTitle: 'Ansvarsfördelning',
        nav: 'overenskommelser' as const,
        search: sok,
        countyItems: counties.map((c) => ({
          value: c.code,
          text: c.name,
          selected: c.code === county?.code,
        })),
        principalItems: choices(principalQueryLabels, huvudman),
        kindLabels: principalKindLabels,
      };
      // An address with a county that does not exist (an old bookmark, a typo) gets the form back, not a list.
      if (!county) {
        const text = 'Länet finns inte i Sömlös. Välj ett län i listan.';
        return renderPage(request, reply.status(400), 'responsibilities/list.njk', {
          ...view,
          countyItems: [{ value: '', text: 'Välj län', selected: true }, ...view.countyItems],
          errorSummary: [{ text, href: '#lan' }],
          fieldErrors: { lan: text },
        });
      }
      const rows = await listResponsibilities(ctx.db, {
        countyCode: county.code,
        principalKind: huvudman === 'alla' ? undefined : principalFromQuery[huvudman],
        search: sok,
      });
      const hasList =
        sok.trim() === '' && huvudman === 'alla'
          ? rows.length > 0
          : (await listResponsibilities(ctx.db, { countyCode: county.code })).length > 0;
      return renderPage(request, reply, 'responsibilities/list.njk', {
        ...view,
        county,
        rows,
        hasList,
        filtered: sok.trim() !== '' || huvudman !== 'alla',
      });
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { renderPage } from '../../platform/views/render.ts';
import { listCounties } from '../organisations/index.ts';
import { kindLabel } from './labels.ts';
import { loadAgreement, loadSections, sectionTree } from './load.ts';
import { adoptedCount, noticeLine, sectionViews, validityRows } from './page-model.ts';
import { presentAgreement } from './present.ts';
import { listAgreements } from './read-agreements.ts';

// An agreement in force is a public document: its current version and its parties can be read without
// logging in. Nothing else is shown here: no drafts, no versions on their way, no consultation comments and
// no names of people. Anything not in force is "not found", so the pages say nothing about drafts either.

const publicAccess = { access: 'public' as const };
const publicPath = (id: string) => `/offentligt/overenskommelser/${encodeURIComponent(id)}`;

export const agreementPublicWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/offentligt/overenskommelser',
    { config: publicAccess, schema: { querystring: z.object({ lan: z.string().max(10).optional() }) } },
    async (request, reply) => {
      const counties = await listCounties(request.ctx.db);
      const code = request.query.lan || request.ctx.user?.county.code || counties[0]?.code || '';
      const county = counties.find((c) => c.code === code);
      if (!county) throw notFound('Länet finns inte.');
      const all = (await listAgreements(request.ctx, code)).filter((a) => a.status === 'inForce');
      return renderPage(request, reply, 'agreements/public-list.njk', {
        pageTitle: `Gällande överenskommelser i ${county.name}`,
        county,
        countyItems: counties.map((c) => ({ value: c.code, text: c.name, selected: c.code === code })),
        agreements: all
          .filter((a) => a.kind !== 'related')
          .map((a) => ({
            ...a,
            href: publicPath(a.id),
            kind: kindLabel(a.kind),
            adopted: adoptedCount(a.parties),
          })),
        related: all.filter((a) => a.kind === 'related'),
      });
    },
  );

  app.get(
    '/offentligt/overenskommelser/:id',
    { config: publicAccess, schema: { params: z.object({ id: z.string().min(1).max(100) }) } },
    async (request, reply) => {
      const a = await loadAgreement(request.ctx.db, request.params.id, isoDate(request.ctx.now));
      if (a.status !== 'inForce' || a.kind === 'related' || !a.current || a.current.state !== 'inForce')
        throw notFound('Det finns ingen gällande överenskommelse på den här adressen.');
      const p = presentAgreement(a);
      const sections = sectionTree(await loadSections(request.ctx.db, a.current.id));
      return renderPage(request, reply, 'agreements/public-show.njk', {
        pageTitle: a.title,
        a: p,
        kind: kindLabel(a.kind),
        countyName: a.countyName,
        version: a.current.number,
        validityRows: validityRows(p.validity, noticeLine(a)),
        adopted: adoptedCount(p.parties),
        sections: sectionViews(sections),
        listHref: `/offentligt/overenskommelser?lan=${encodeURIComponent(a.countyCode)}`,
      });
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { requireUser } from '../../platform/http/context.ts';
import { renderPage } from '../../platform/views/render.ts';
import { annualReportPdf, readAnnualReport } from './annual-report.ts';

// The annual report is for every logged-in user of the county: it is suppressed as for an outsider whoever
// reads it (annual-report.ts), because it is meant to be passed on.
const query = z.object({ ar: z.coerce.number().int().min(2000).max(2100).optional() });

export const annualReportWebRoutes: FastifyPluginAsyncZod = async (app) => {
  const yearOf = (now: Date, ar: number | undefined) => ar ?? Number(isoDate(now).slice(0, 4));
  app.get(
    '/uppfoljning/arsrapport',
    { config: { access: 'authenticated' }, schema: { querystring: query } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const report = await readAnnualReport(ctx, yearOf(ctx.now, request.query.ar));
      return renderPage(request, reply, 'followup/annual-report.njk', {
        pageTitle: `Årlig uppföljning ${report.year}`,
        nav: 'uppfoljning',
        r: report,
        years: [0, 1, 2].map((i) => Number(isoDate(ctx.now).slice(0, 4)) - i),
      });
    },
  );
  app.get(
    '/uppfoljning/arsrapport.pdf',
    { config: { access: 'authenticated' }, schema: { querystring: query } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const report = await readAnnualReport(ctx, yearOf(ctx.now, request.query.ar));
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="arlig-uppfoljning-${ctx.user.county.code}-${report.year}.pdf"`,
        )
        .send(await annualReportPdf(report));
    },
  );
};

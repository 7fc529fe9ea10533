import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { sendCsv } from '../../platform/documents/csv.ts';
import { requireUser } from '../../platform/http/context.ts';
import { renderPage } from '../../platform/views/render.ts';
import { organisationNames } from '../organisations/index.ts';
import { demoAmountNote, invoiceBasisPdf, invoiceBasisRows, readInvoiceBasis } from './invoice-basis.ts';
import { listPayments } from './payments.ts';
import { access, kronor } from './routes.web.shared.ts';

// The monthly invoice basis per municipality (invoice-basis.ts): a page listing the month's municipalities with
// their days and amounts, and each municipality's basis as CSV and as PDF.

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const fileQuery = z.object({ manad: month, kommun: z.string().min(1).max(100) });

export const dischargeInvoiceWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/utskrivning/fakturaunderlag',
    { config: { access }, schema: { querystring: z.object({ manad: month.optional() }) } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const chosen = request.query.manad ?? isoDate(ctx.now).slice(0, 7);
      const payments = await listPayments(ctx, chosen);
      const own = ctx.user.principal.kind === 'municipality' ? ctx.user.principal.id : null;
      const rows = payments.municipalities.filter((m) => !own || m.municipalityPrincipalId === own);
      const names = await organisationNames(ctx.db, {
        unitIds: [],
        principalIds: rows.map((m) => m.municipalityPrincipalId),
      });
      const query = (kommun: string) => new URLSearchParams({ manad: chosen, kommun }).toString();
      return renderPage(request, reply, 'discharge/invoice.njk', {
        pageTitle: `Fakturaunderlag ${chosen}`,
        nav: 'utskrivning',
        month: chosen,
        demoNote: payments.patients.some((p) => p.days.some((d) => d.demoAmount)) ? demoAmountNote : null,
        rows: rows.map((m) => ({
          name: names.principal(m.municipalityPrincipalId),
          patients: m.patients,
          days: m.totalDays,
          amount: kronor(m.totalAmountSek),
          csv: `/utskrivning/fakturaunderlag.csv?${query(m.municipalityPrincipalId)}`,
          pdf: `/utskrivning/fakturaunderlag.pdf?${query(m.municipalityPrincipalId)}`,
        })),
      });
    },
  );
  app.get(
    '/utskrivning/fakturaunderlag.csv',
    { config: { access }, schema: { querystring: fileQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const basis = await readInvoiceBasis(ctx, request.query.manad, request.query.kommun);
      return sendCsv(reply, `fakturaunderlag-${basis.month}.csv`, invoiceBasisRows(basis));
    },
  );
  app.get(
    '/utskrivning/fakturaunderlag.pdf',
    { config: { access }, schema: { querystring: fileQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const basis = await readInvoiceBasis(ctx, request.query.manad, request.query.kommun);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="fakturaunderlag-${basis.month}.pdf"`)
        .send(await invoiceBasisPdf(basis));
    },
  );
};

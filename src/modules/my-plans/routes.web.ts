import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readOwnAccessLog } from '../../platform/access/person-self.ts';
import { requirePerson } from '../../platform/http/context.ts';
import { organisationNames } from '../organisations/index.ts';
import { collectMyData, extractEntry } from './my-data.ts';
import { myDataPdf } from './my-data-pdf.ts';
import { listMyStays } from './my-stays.ts';
import { momentText } from './present.ts';
import { printMyPlan } from './print-my-plan.ts';
import { listMyPlans, readMyPlan } from './read-my-plans.ts';
import { base, page, pageConfig, params, type Rep, type Req } from './routes.web.shared.ts';

// The person's own pages under /mina-planer (issue 26), a fixed address counties link to from 1177 and their own
// sites: their plans (and their stays in inpatient care), who has read about them, their data. Their consent is routes.web.consent.ts, signing in
// routes.web.sign-in.ts.

const extractPageSize = 50;
const extractQuery = z.object({
  sida: z.coerce.number().int().min(1).max(100000).default(1),
  upTo: z.coerce.number().int().min(0).optional(),
});

export const myPlansWebRoutes: FastifyPluginAsyncZod = async (app) => {
  // My plans: each SIP, open and closed; and their stays in inpatient care, when they have one.
  app.get(base, { config: pageConfig }, async (request, reply) => {
    const ctx = requirePerson(request.ctx);
    const plans = await listMyPlans(ctx);
    const stays = await listMyStays(ctx);
    return page(request, reply, 'list.njk', { pageTitle: 'Mina planer', ...plans, stays });
  });
  app.get(`${base}/:id`, { config: pageConfig, schema: { params } }, async (request, reply) => {
    const plan = await readMyPlan(requirePerson(request.ctx), request.params.id);
    return page(request, reply, 'plan.njk', { pageTitle: 'Din plan', plan });
  });
  app.get(`${base}/:id/versioner`, { config: pageConfig, schema: { params } }, async (request, reply) => {
    const plan = await readMyPlan(requirePerson(request.ctx), request.params.id);
    return page(request, reply, 'versions.njk', { pageTitle: 'Tidigare versioner av din plan', plan });
  });
  app.get(`${base}/:id/plan.pdf`, { config: pageConfig, schema: { params } }, async (request, reply) => {
    const pdf = await printMyPlan(requirePerson(request.ctx), request.params.id);
    return attachment(reply, 'application/pdf', 'min-plan.pdf', pdf);
  });

  // Who has read about me: the person's extract of the access log.
  app.get(`${base}/vem-har-last`, { config: pageConfig, schema: { querystring: extractQuery } }, showExtract);

  // My data (GDPR art. 15).
  app.get(`${base}/mina-uppgifter`, { config: pageConfig }, async (request, reply) =>
    page(request, reply, 'my-data.njk', { pageTitle: 'Dina uppgifter' }),
  );
  app.get(`${base}/mina-uppgifter.json`, { config: pageConfig }, async (request, reply) => {
    const data = await collectMyData(requirePerson(request.ctx));
    const json = JSON.stringify(data, null, 2);
    return attachment(reply, 'application/json; charset=utf-8', 'mina-uppgifter.json', json);
  });
  app.get(`${base}/mina-uppgifter.pdf`, { config: pageConfig }, async (request, reply) => {
    const pdf = await myDataPdf(await collectMyData(requirePerson(request.ctx)));
    return attachment(reply, 'application/pdf', 'mina-uppgifter.pdf', pdf);
  });
};

/** A file to download, never kept by the browser or a proxy. */
const attachment = (reply: Rep, type: string, filename: string, body: Buffer | string) =>
  reply
    .type(type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);

/** The extract, newest first, a page at a time, up to the row the first page saw (access/person-self.ts). */
async function showExtract(request: Req, reply: Rep) {
  const ctx = requirePerson(request.ctx);
  const { sida, upTo } = request.query as z.output<typeof extractQuery>;
  const found = await readOwnAccessLog(ctx, {
    offset: (sida - 1) * extractPageSize,
    limit: extractPageSize,
    upTo,
  });
  const names = await organisationNames(ctx.db, {
    unitIds: [],
    principalIds: [...new Set(found.rows.flatMap((r) => (r.principalId ? [r.principalId] : [])))],
  });
  const pages = Math.ceil(found.total / extractPageSize);
  const link = (n: number) => `${base}/vem-har-last?sida=${n}&upTo=${found.upTo}`;
  return page(request, reply, 'log.njk', {
    pageTitle: sida > 1 ? `Vem har läst om dig, sida ${sida}` : 'Vem har läst om dig',
    total: found.total,
    rows: found.rows.map((r) => ({
      ...extractEntry(r, names),
      when: momentText(r.at),
      self: r.actor === 'person',
    })),
    previous: sida > 1 && sida <= pages ? link(sida - 1) : null,
    next: sida < pages ? link(sida + 1) : null,
    pageNumber: sida,
    pages,
  });
}

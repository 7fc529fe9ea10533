import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../http/context.ts';
import { identityNumberMessage, parseIdentityNumber } from '../people/identity-number.ts';
import { formErrors } from '../views/form-errors.ts';
import { postForm, typedValues } from '../views/form-pages.ts';
import { listSummary } from '../views/page-helpers.ts';
import { renderPage } from '../views/render.ts';
import { searchAccessLog } from './search-access-log.ts';
import { searchRoleGrants } from './search-role-grants.ts';

const optionalDate = (label: string) =>
  z
    .string()
    .max(100)
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, `Ange ${label} som ÅÅÅÅ-MM-DD, till exempel 2026-11-01`)
    .optional()
    .transform((v) => v || undefined);

// The search form: everything optional, but what is given must be valid. The previous and next pages post the
// search again with the page and the first page's bound (pageFields).
const searchForm = z.object({
  personnummer: z
    .string()
    .max(100)
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || parseIdentityNumber(v) !== null, identityNumberMessage),
  fran: optionalDate('från-datumet'),
  till: optionalDate('till-datumet'),
  sida: z.string().max(100).optional(),
  upTo: z.string().max(100).optional(),
});

const actionLabels: Record<string, string> = {
  read: 'Läst',
  create: 'Skapat',
  update: 'Ändrat',
  print: 'Skrivit ut',
  export: 'Exporterat',
  disclose: 'Lämnat ut',
};

// The page shows this many accesses at a time, and says how many there are in all.
const pageSize = 100;

// The page's paging: which page, and the bound of the first page (see AccessLogPage), posted back hidden.
const pageFields = z.object({
  sida: z.coerce.number().int().min(1).catch(1),
  upTo: z.coerce.number().int().min(0).optional().catch(undefined),
});

/**
 * "Åtkomstlogg": log reviewers search the accesses made by their own principal's users (PDL 4 kap 3 §). The
 * search is posted, so the identity number is never in a URL (the browser's history, a proxy's log); the
 * previous and next pages are posted too, with the search and the page in hidden fields.
 */
export const accessLogWebRoutes: FastifyPluginAsyncZod = async (app) => {
  // The role grants are shown whether or not the reviewer searched: a reader made by an administrator is never
  // out of sight (decision 0016); the search's dates narrow them too.
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    model: Record<string, unknown>,
    dates: { from?: string | undefined; to?: string | undefined } = {},
  ) => {
    const ctx = requireUser(request.ctx);
    return renderPage(request, reply, 'access/log.njk', {
      pageTitle: 'Åtkomstlogg',
      principalName: ctx.user.principal.name,
      grants: await searchRoleGrants(ctx, dates),
      ...formErrors(),
      ...model,
    });
  };

  // The empty form; a search in the address (an old bookmark) is not run, so the number stays out of URLs.
  app.get('/atkomstlogg', { config: { access: ['logReviewer'] } }, async (request, reply) =>
    show(request, reply, { values: {} }),
  );

  // The result is the answer to the post: the search is not stored, and its terms stay out of the address.
  postForm(app, {
    path: '/atkomstlogg',
    access: ['logReviewer'],
    form: searchForm,
    show: (request, reply, state) =>
      show(request, reply, {
        values: state.values,
        ...formErrors(state.errors, state.problem, 'personnummer'),
      }),
    run: async (request, data, _prepared, reply) => {
      const ctx = requireUser(request.ctx);
      const values = typedValues(request) as Record<string, string | undefined>;
      const { sida, upTo } = pageFields.parse(values);
      const query = {
        personalIdentityNumber: data.personnummer,
        from: data.fran,
        to: data.till,
      };
      const found = await searchAccessLog(ctx, query, {
        offset: (sida - 1) * pageSize,
        limit: pageSize,
        upTo,
      });
      const list = { path: '/atkomstlogg', filters: {}, page: sida, size: pageSize };
      const pages = Math.ceil(found.total / pageSize);
      // What the previous and next buttons post: the search as typed, the page and the first page's bound.
      const pageForm = (page: number) => ({
        personnummer: values.personnummer ?? '',
        fran: values.fran ?? '',
        till: values.till ?? '',
        sida: String(page),
        upTo: String(found.upTo),
      });
      return show(
        request,
        reply,
        {
          values,
          searched: true,
          total: found.total,
          summary: listSummary(list, found.total, { one: 'åtkomst', many: 'åtkomster' }),
          previousPage: sida > 1 && sida <= pages ? pageForm(sida - 1) : null,
          nextPage: sida < pages ? pageForm(sida + 1) : null,
          rows: found.rows.map((r) => ({ ...r, actionLabel: actionLabels[r.action] ?? r.action })),
        },
        { from: query.from, to: query.to },
      );
    },
  });
};

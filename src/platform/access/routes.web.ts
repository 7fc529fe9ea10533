import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identityNumberMessage, parseIdentityNumber } from '../../modules/people/identity-number.ts';
import { requireUser } from '../http/context.ts';
import { formErrors } from '../views/form-errors.ts';
import { parseForm } from '../views/parse-form.ts';
import { renderPage } from '../views/render.ts';
import { searchAccessLog } from './search-access-log.ts';
import { searchRoleGrants } from './search-role-grants.ts';

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, `Ange ${label} som ÅÅÅÅ-MM-DD, till exempel 2026-11-01`)
    .optional()
    .transform((v) => v || undefined);

// The search form: everything optional, but what is given must be valid.
const searchForm = z.object({
  personnummer: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || parseIdentityNumber(v) !== null, identityNumberMessage),
  fran: optionalDate('från-datumet'),
  till: optionalDate('till-datumet'),
});

const actionLabels: Record<string, string> = {
  read: 'Läst',
  create: 'Skapat',
  update: 'Ändrat',
  print: 'Skrivit ut',
  export: 'Exporterat',
  disclose: 'Lämnat ut',
};

/** "Åtkomstlogg": log reviewers search the accesses made by their own principal's users (PDL 4 kap 3 §). */
export const accessLogWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/atkomstlogg',
    {
      config: { access: ['logReviewer'] },
      schema: { querystring: z.record(z.string(), z.string().max(100)) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const values = request.query;
      const searched = Object.values(values).some((v) => v.trim() !== '');
      const parsed = parseForm(searchForm, values);
      if ('errors' in parsed) {
        return renderPage(request, reply.status(400), 'access/log.njk', {
          pageTitle: 'Åtkomstlogg',
          values,
          ...formErrors(parsed.errors, undefined, 'personnummer'),
        });
      }
      const rows = searched
        ? await searchAccessLog(ctx, {
            personalIdentityNumber: parsed.data.personnummer,
            from: parsed.data.fran,
            to: parsed.data.till,
          })
        : [];
      // Shown whether or not the reviewer searched: a reader made by an administrator is never out of sight.
      const grants = await searchRoleGrants(ctx, { from: parsed.data.fran, to: parsed.data.till });
      return renderPage(request, reply, 'access/log.njk', {
        pageTitle: 'Åtkomstlogg',
        values,
        searched,
        principalName: ctx.user.principal.name,
        rows: rows.map((r) => ({
          ...r,
          actionLabel: actionLabels[r.action] ?? r.action,
        })),
        grants,
        ...formErrors(),
      });
    },
  );
};

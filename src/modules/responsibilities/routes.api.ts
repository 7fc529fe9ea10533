import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { paging, pagingFields, sendSlice } from '../../platform/http/api-paging.ts';
import { requireUser } from '../../platform/http/context.ts';
import { findCounty } from '../organisations/index.ts';
import { listResponsibilities } from './read.ts';
import { responsiblePrincipalKinds } from './schema.ts';

const tags = ['Ansvarsfördelning'];
const security = [{ bearer: [] }];

const rowSchema = z.object({
  id: z.string(),
  agreementId: z.string(),
  area: z.string(),
  principalKind: z.enum(responsiblePrincipalKinds),
  covers: z.string(),
  legalReference: z.string().nullable(),
  source: z.string(),
});

const query = z.object({
  countyCode: z.string().regex(/^\d{2}$/, 'Länskoden är två siffror, till exempel 17.'),
  principalKind: z.enum(responsiblePrincipalKinds).optional(),
  q: z.string().max(200).optional(),
  ...pagingFields,
});

export const responsibilityApiRoutes: FastifyPluginAsyncZod = async (app) => {
  // Anyone logged in reads every county's list: it is the agreement's text, not anyone's data.
  app.get(
    '/api/responsibilities',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Ansvarsfördelningen i ett läns överenskommelse',
        querystring: query,
        response: { 200: z.array(rowSchema) },
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { countyCode, principalKind, q } = request.query;
      if (!(await findCounty(ctx.db, countyCode)))
        throw notFound(`Det finns inget län med koden ${countyCode}.`);
      const found = await listResponsibilities(ctx.db, { countyCode, principalKind, search: q });
      return sendSlice(request, reply, found, paging(request.query));
    },
  );
};

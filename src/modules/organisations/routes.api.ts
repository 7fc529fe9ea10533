import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paging, pagingFields, sendSlice } from '../../platform/http/api-paging.ts';
import { listCounties, listUnits } from './queries.ts';
import { principalKinds } from './schema.ts';

const bearer = [{ bearer: [] }];

const countySchema = z.object({
  code: z.string(),
  name: z.string(),
  principals: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(principalKinds),
      municipalityCode: z.string().optional(),
      // A private provider's contracting principal (region or municipality).
      contractedByPrincipalId: z.string().optional(),
    }),
  ),
});
const unitSchema = z.object({ id: z.string(), name: z.string(), principalId: z.string() });

/** API.md "Who am I, where". Organisation structure is not personal data: every logged-in user may read it. */
export const organisationsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/counties',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Organisationer'],
        security: bearer,
        querystring: z.object(pagingFields),
        response: { 200: z.array(countySchema) },
      },
    },
    async (request, reply) => {
      const rows = await listCounties(request.ctx.db);
      const counties = rows.map((c) => ({
        code: c.code,
        name: c.name,
        principals: c.principals.map((p) => ({
          id: p.id,
          name: p.name,
          kind: p.kind,
          ...(p.municipalityCode ? { municipalityCode: p.municipalityCode } : {}),
          ...(p.contractedByPrincipalId ? { contractedByPrincipalId: p.contractedByPrincipalId } : {}),
        })),
      }));
      return sendSlice(request, reply, counties, paging(request.query));
    },
  );

  app.get(
    '/api/units',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Organisationer'],
        security: bearer,
        querystring: z.object({ principalId: z.string().min(1).max(200).optional(), ...pagingFields }),
        response: { 200: z.array(unitSchema) },
      },
    },
    async (request, reply) => {
      const units = await listUnits(request.ctx.db, { principalId: request.query.principalId });
      return sendSlice(request, reply, units, paging(request.query));
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { renderPage } from '../../platform/views/render.ts';
import {
  countyGovernance,
  countyWithPrincipals,
  findCounty,
  listCounties,
  principalWithUnits,
} from './queries.ts';

/** The principals, each private provider with the name of the principal that contracted it. */
const withContractors = <P extends { id: string; name: string; contractedByPrincipalId: string | null }>(
  principals: P[],
) =>
  principals.map((p) => ({
    ...p,
    contractedBy: principals.find((c) => c.id === p.contractedByPrincipalId)?.name ?? null,
  }));

/** "Organisationer": browse counties, principals with codes, units, governance bodies and ladders. Any logged-in user. */
export const organisationsWebRoutes: FastifyPluginAsyncZod = async (app) => {
  const access = { access: 'authenticated' as const };

  app.get('/organisationer', { config: access }, async (request, reply) => {
    const counties = await listCounties(request.ctx.db);
    return renderPage(request, reply, 'organisations/index.njk', {
      pageTitle: 'Organisationer',
      nav: 'organisationer',
      counties: counties.map((c) => ({
        ...c,
        municipalityCount: c.principals.filter((p) => p.kind === 'municipality').length,
      })),
    });
  });

  app.get(
    '/organisationer/lan/:code',
    { config: access, schema: { params: z.object({ code: z.string().max(10) }) } },
    async (request, reply) => {
      const county = await countyWithPrincipals(request.ctx.db, request.params.code);
      if (!county) throw notFound('Länet finns inte.');
      const governance = await countyGovernance(request.ctx.db, county.code);
      return renderPage(request, reply, 'organisations/county.njk', {
        pageTitle: county.name,
        nav: 'organisationer',
        county,
        principals: withContractors(county.principals),
        ...governance,
      });
    },
  );

  app.get(
    '/organisationer/huvudman/:id',
    { config: access, schema: { params: z.object({ id: z.string().max(200) }) } },
    async (request, reply) => {
      const found = await principalWithUnits(request.ctx.db, request.params.id);
      if (!found) throw notFound('Huvudmannen finns inte.');
      const county = await findCounty(request.ctx.db, found.principal.countyCode);
      return renderPage(request, reply, 'organisations/principal.njk', {
        pageTitle: found.principal.name,
        nav: 'organisationer',
        county,
        ...found,
      });
    },
  );
};

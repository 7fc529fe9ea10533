import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/context.ts';
import { renderErrorPage } from '../../platform/http/errors-plugin.ts';
import { renderPage } from '../../platform/views/render.ts';
import { organisationNames } from '../organisations/index.ts';
import { compareVersions, namedIn } from './compare-versions.ts';
import { meetingCalendarFile, printPlan } from './print-plan.ts';
import { readSipWithVersions } from './read-sips.ts';

// The SIP's documents: the printable plan, a meeting's calendar file and the plan's versions side by side.
// Staff and managers; the access rule decides per SIP and answers 404 to anyone it refuses.
const access = ['staff', 'manager'] as const;
const params = z.object({ id: z.string().min(1).max(100) });

export const sipDocumentWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/sip/:id/plan.pdf', { config: { access }, schema: { params } }, async (request, reply) => {
    const pdf = await printPlan(requireUser(request.ctx), request.params.id);
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="sip-plan.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.get(
    '/sip/:id/kallelser/:invitationId/mote.ics',
    { config: { access }, schema: { params: params.extend({ invitationId: z.string().min(1).max(100) }) } },
    async (request, reply) => {
      const { id, invitationId } = request.params;
      const baseUrl = `${request.protocol}://${request.host}`;
      const ics = await meetingCalendarFile(requireUser(request.ctx), id, invitationId, baseUrl);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="sip-mote.ics"')
        .header('cache-control', 'no-store')
        .send(ics);
    },
  );

  app.get(
    '/sip/:id/versioner',
    {
      config: { access },
      schema: {
        params,
        querystring: z.object({
          a: z.coerce.number().int().min(1).optional(),
          b: z.coerce.number().int().min(1).optional(),
        }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { sip, versions } = await readSipWithVersions(ctx, request.params.id);
      // The SIP exists and the user may see it: one version only is a state to explain, not a missing page.
      if (versions.length < 2)
        return renderErrorPage(
          request,
          reply,
          conflict('Planen har bara en version. Det finns inget att jämföra än.'),
        );
      const pick = (n: number | undefined, fallback: number) =>
        versions.find((v) => v.version === n) ?? versions[fallback]!;
      const [older, newer] = [
        pick(request.query.a, versions.length - 2),
        pick(request.query.b, versions.length - 1),
      ];
      const names = await organisationNames(ctx.db, namedIn([older, newer]));
      const rows = compareVersions(older, newer, names);
      const changed = rows.filter((r) => r.changed).length;
      const item = (chosen: number) => (v: { version: number; savedAt: string }) => ({
        value: String(v.version),
        text: `Version ${v.version} (${v.savedAt})`,
        selected: v.version === chosen,
      });
      return renderPage(request, reply, 'sip/versions.njk', {
        pageTitle: 'Jämför planens versioner',
        nav: 'sip',
        sip,
        older,
        newer,
        rows,
        summary:
          changed === 0 ? 'Versionerna är likadana.' : `${changed} av ${rows.length} delar är ändrade.`,
        olderItems: versions.map(item(older.version)),
        newerItems: versions.map(item(newer.version)),
      });
    },
  );
};

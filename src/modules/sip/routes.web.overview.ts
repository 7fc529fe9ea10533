import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/current-user.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/context.ts';
import { formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { choices } from '../../platform/views/page-helpers.ts';
import { renderPage } from '../../platform/views/render.ts';
import { organisationNames } from '../organisations/index.ts';
import { visibleSipId } from './access-rule.ts';
import { protectedIdentityForm } from './forms.ts';
import { type OverviewKind, overviewKinds, readOverview } from './overview.ts';
import { markProtectedIdentity } from './protected-identity.ts';
import { readSip } from './read-sips.ts';
import { access, backToSip, params, sipPath } from './routes.web.shared.ts';
import { unscopedConveningUnit } from './unscoped-reads.ts';

// The SIP overview (SIP-översikt) as a page, filtered in the address bar with a form that needs no script, and
// the convening unit's step that marks the person's protected identity.

const overviewChoices = {
  veckor: { '1': '1 vecka', '2': '2 veckor', '4': '4 veckor', '8': '8 veckor' },
  visa: { '': 'Allt', moten: 'Möten', planer: 'Planer som väntar på er del', uppfoljningar: 'Uppföljningar' },
  enheter: { '': 'Min enhet', huvudman: 'Alla enheter' },
};
const kindFromQuery: Record<string, OverviewKind> = {
  moten: 'meetings',
  planer: 'plansWaiting',
  uppfoljningar: 'followUpsDue',
};
const overviewQuery = z.object({
  veckor: z.enum(['1', '2', '4', '8']).default('4'),
  visa: z.enum(['', 'moten', 'planer', 'uppfoljningar']).default(''),
  enheter: z.enum(['', 'huvudman']).default(''),
});

const protectPage = formPage({
  path: '/sip/:id/skyddad-identitet',
  params,
  access,
  nav: 'sip',
  view: 'sip/protected-identity.njk',
  title: 'Skyddade personuppgifter',
  form: protectedIdentityForm,
  firstField: 'confirmed',
  back: backToSip,
  load: async (ctx, p) => {
    // Who may mark is asked before the person is read: a unit that sees the SIP but does not convene it gets
    // 403 without a read logged, one that does not see it 404.
    if (!(await visibleSipId(ctx.db, ctx.user, p.id!))) throw notFound();
    if ((await unscopedConveningUnit(ctx.db, p.id!)) !== ctx.user.unit.id)
      throw forbidden('Bara den sammankallande enheten får markera skyddade personuppgifter.');
    const sip = await readSip(ctx, p.id!);
    return { model: { sip, alreadyProtected: sip.person.protectedIdentity } };
  },
  run: async (ctx, p) => {
    await markProtectedIdentity(ctx, p.id!);
    return sipPath(p.id!);
  },
});

export const sipOverviewWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sip/oversikt',
    { config: { access }, schema: { querystring: overviewQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { veckor, visa, enheter } = request.query;
      const manager = hasRole(ctx.user, 'manager');
      if (enheter === 'huvudman' && !manager)
        throw forbidden('Bara chefer ser översikten för huvudmannens alla enheter.');
      const kind = kindFromQuery[visa];
      const o = await readOverview(ctx, {
        weeks: Number(veckor),
        kinds: kind ? [kind] : overviewKinds,
        principalUnits: enheter === 'huvudman',
      });
      const names = await organisationNames(ctx.db, {
        unitIds: [
          ...(o.meetings ?? []).flatMap((m) => [m.unitId, m.conveningUnitId]),
          ...(o.plansWaiting ?? []).map((p) => p.conveningUnitId),
        ],
        principalIds: [],
      });
      return renderPage(request, reply, 'sip/overview.njk', {
        pageTitle: 'SIP-översikt',
        nav: 'sip',
        unitName: ctx.user.unit.name,
        principalName: ctx.user.principal.name,
        o: {
          ...o,
          meetings: o.meetings?.map((m) => ({
            ...m,
            unitName: names.unitWithPrincipal(m.unitId),
            conveningName: names.unitWithPrincipal(m.conveningUnitId),
          })),
          plansWaiting: o.plansWaiting?.map((p) => ({
            ...p,
            conveningName: names.unitWithPrincipal(p.conveningUnitId),
          })),
        },
        weekItems: choices(overviewChoices.veckor, veckor),
        showItems: choices(overviewChoices.visa, visa),
        unitItems: manager ? choices(overviewChoices.enheter, enheter) : null,
      });
    },
  );

  registerFormPage(app, protectPage);
};

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { requireUser } from '../../platform/http/context.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { renderPage } from '../../platform/views/render.ts';
import { principals, units } from '../organisations/schema.ts';
import { readStay } from './change.ts';
import { admissionForm, swedishInstant } from './forms.ts';
import { listStays } from './list-stays.ts';
import { notifyAdmission } from './notify-admission.ts';
import {
  access,
  banners,
  kindLabels,
  kronor,
  namesFor,
  params,
  statusLabels,
  stayPath,
  viewerOf,
  when,
} from './routes.web.shared.ts';
import type { ConcernedKind } from './schema.ts';

// The discharge pages: the county's discharge board (the stays the user's unit takes part in), sending an
// admission notice, and a stay's own page with what the viewer may do next (routes.web.steps.ts has the forms).

const pageSize = 50;

export const dischargeWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/utskrivning',
    {
      config: { access },
      schema: {
        querystring: z.object({
          visa: z.enum(['', 'alla']).default(''),
          sida: z.coerce.number().int().min(1).max(100000).default(1),
        }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { visa, sida } = request.query;
      const found = await listStays(ctx, {
        show: visa === 'alla' ? 'all' : 'current',
        page: { number: sida, size: pageSize },
      });
      const names = await namesFor(ctx.db, found.stays);
      return renderPage(request, reply, 'discharge/board.njk', {
        pageTitle: 'Utskrivning från sluten vård',
        nav: 'utskrivning',
        mayNotify: ctx.user.principal.kind === 'region',
        all: visa === 'alla',
        stays: found.stays.map((s) => ({
          ...s,
          statusText: statusLabels[s.status],
          inpatientName: names.unit(s.inpatientUnitId),
          municipalityName: names.principal(s.municipalityPrincipalId),
          readySince: when(s.readySince),
          amount: kronor(s.paidAmountSek),
        })),
        demoAmount: found.stays.some((s) => s.demoAmount),
        total: found.total,
        previous: sida > 1 ? `/utskrivning?${new URLSearchParams({ visa, sida: String(sida - 1) })}` : null,
        next:
          sida * pageSize < found.total
            ? `/utskrivning?${new URLSearchParams({ visa, sida: String(sida + 1) })}`
            : null,
      });
    },
  );

  registerFormPage(app, admissionPage);

  await stayPage(app, {});
};

/** A stay's page: what happened so far and what the viewer may do next. */
const stayPage: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/utskrivning/:id',
    {
      config: { access },
      schema: { params, querystring: z.object({ klart: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const stay = await readStay(ctx, request.params.id);
      const names = await namesFor(ctx.db, [stay]);
      const viewer = viewerOf(ctx, stay);
      return renderPage(request, reply, 'discharge/stay.njk', {
        pageTitle: `Vårdtillfälle: ${stay.person.name}`,
        nav: 'utskrivning',
        banner: banners[request.query.klart ?? ''] ?? null,
        stay,
        viewer,
        path: stayPath(stay.id),
        statusText: statusLabels[stay.status],
        inpatientName: names.unitWithPrincipal(stay.inpatientUnitId),
        municipalityName: names.principal(stay.municipalityPrincipalId),
        admittedAt: when(stay.admittedAt),
        noticeSentAt: when(stay.noticeSentAt),
        units: stay.units.map((u) => ({
          ...u,
          name: names.unitWithPrincipal(u.unitId),
          kindText: kindLabels[u.kind],
          acknowledgedAt: when(u.acknowledgedAt),
        })),
        readiness: stay.readiness.map((r) => ({
          judgedAt: when(r.judgedAt),
          notifiedAt: when(r.notifiedAt),
          revokedAt: when(r.revokedAt),
        })),
        sipCalledAt: when(stay.sip.calledAt),
        paidDays: stay.payment.days.map((d) => ({ ...d, amount: kronor(d.amountSek) })),
        totalAmount: kronor(stay.payment.totalAmountSek),
        demoAmount: stay.payment.days.some((d) => d.demoAmount),
      });
    },
  );
};

/** The county's open units of municipalities and of the region, for the notice's choices. */
async function countyUnits(db: Db, user: CurrentUser) {
  return db
    .select({
      id: units.id,
      name: units.name,
      principalId: principals.id,
      principalName: principals.name,
      kind: principals.kind,
    })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(
      and(
        eq(principals.countyCode, user.county.code),
        eq(units.active, true),
        inArray(principals.kind, ['region', 'municipality']),
      ),
    )
    .orderBy(asc(principals.name), asc(units.name));
}

const unitItems = (
  rows: Awaited<ReturnType<typeof countyUnits>>,
  kind: 'region' | 'municipality',
  chosen: unknown,
) => [
  { value: '', text: 'Ingen' },
  ...rows
    .filter((u) => u.kind === kind)
    .map((u) => ({ value: u.id, text: `${u.name}, ${u.principalName}`, selected: u.id === chosen })),
];

const admissionPage = formPage({
  path: '/utskrivning/ny',
  access,
  nav: 'utskrivning',
  view: 'discharge/new.njk',
  title: 'Skicka inskrivningsmeddelande',
  form: admissionForm,
  firstField: 'personalIdentityNumber',
  fieldIds: { 'person.personalIdentityNumber': 'personalIdentityNumber', admittedAt: 'admittedOn' },
  back: () => ({ href: '/utskrivning', text: 'Tillbaka till utskrivningstavlan' }),
  load: async (ctx, _p, state) => {
    const rows = await countyUnits(ctx.db, ctx.user);
    const v = state.values ?? {};
    const municipalities = [
      ...new Map(rows.filter((u) => u.kind === 'municipality').map((u) => [u.principalId, u.principalName])),
    ];
    return {
      model: {
        municipalityItems: [
          { value: '', text: 'Välj kommun' },
          ...municipalities.map(([id, name]) => ({
            value: id,
            text: name,
            selected: id === v.municipalityPrincipalId,
          })),
        ],
        socialItems: unitItems(rows, 'municipality', v.socialServicesUnitId),
        healthItems: unitItems(rows, 'municipality', v.municipalHealthCareUnitId),
        outpatientItems: unitItems(rows, 'region', v.regionalOutpatientUnitId),
      },
    };
  },
  check: (_ctx, _p, posted) =>
    [posted.socialServicesUnitId, posted.municipalHealthCareUnitId, posted.regionalOutpatientUnitId].some(
      Boolean,
    )
      ? []
      : [{ field: 'socialServicesUnitId', text: 'Välj minst en enhet som ska underrättas' }],
  run: async (ctx, _p, f) => {
    const chosen: [string, ConcernedKind][] = [
      [f.socialServicesUnitId, 'socialServices'],
      [f.municipalHealthCareUnitId, 'municipalHealthCare'],
      [f.regionalOutpatientUnitId, 'regionalOutpatient'],
    ];
    const stay = await notifyAdmission(ctx, {
      person: { personalIdentityNumber: f.personalIdentityNumber, name: f.name },
      admittedAt: swedishInstant(f.admittedOn, f.admittedTime),
      expectedReadyOn: f.expectedReadyOn,
      municipalityPrincipalId: f.municipalityPrincipalId,
      units: chosen.filter(([id]) => id).map(([unitId, kind]) => ({ unitId, kind })),
    });
    return done(stayPath(stay.id), 'skickat');
  },
});

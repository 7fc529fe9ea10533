import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate, isoDateTime } from '../../platform/clock.ts';
import { sendCsv } from '../../platform/documents/csv.ts';
import { requireUser } from '../../platform/http/context.ts';
import { safeReturnPath } from '../../platform/http/return-path.ts';
import { formErrors } from '../../platform/views/form-errors.ts';
import { type FormState, postForm, registerButton } from '../../platform/views/form-pages.ts';
import { choices } from '../../platform/views/page-helpers.ts';
import { renderPage } from '../../platform/views/render.ts';
import { calendarOf } from './calendar.ts';
import { changeIndicatorTarget, enterIndicatorValue } from './enter-value.ts';
import { targetForm, valueForm } from './forms.ts';
import { readIndicatorFigures } from './indicator-figures.ts';
import { indicatorEditors, mayEditIndicators, mayRefreshFigures, refreshers } from './policy.ts';
import { dashboardCsvRows, dashboardPage, targetText } from './present.ts';
import { type Dashboard, readDashboard } from './read-dashboard.ts';
import { findCountyIndicator, loadCountyPlan } from './read-plan.ts';
import { refreshCountyFigures } from './refresh-figures.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// Who may do what on the follow-up pages (DOMAIN.md §7). Reading is for every logged-in user of the county:
// plans, indicators and figures are governance documents and aggregates, with small counts hidden from those
// outside the owning principal. Entering a national figure or changing a target is the agreement
// administrators' (they maintain indicators, DESIGN.md's roles); computing the figures again at once, which
// costs the database a moment, is theirs and the county administrators'.
const params = z.object({ id: z.string().min(1).max(100) });

const indicatorQuery = z.object({ ar: z.coerce.number().int().min(2000).max(2100).optional() });

export const dashboardQuery = z.object({
  ar: z.coerce.number().int().min(2000).max(2100).optional(),
  huvudman: z.string().max(100).default(''),
  enhet: z.string().max(100).default(''),
});

// The indicators' sections are the same for everyone a cached dashboard is for (read-dashboard.ts), and are most
// of the page: drawn once per cached dashboard, the page around them (user, CSRF token) every time.
const sections = new WeakMap<Dashboard, Promise<string>>();
function indicatorSections(app: FastifyInstance, d: Dashboard): Promise<string> {
  let html = sections.get(d);
  if (!html) {
    // Runs of template indentation collapse to one space: the same page, a third smaller on the wire.
    html = (app.view('followup/_indicators.njk', { indicators: dashboardPage(d) }) as Promise<string>).then(
      (h) => h.replace(/\s{2,}/g, ' '),
    );
    sections.set(d, html);
  }
  return html;
}

/** The county's figures for a year, the whole county's, one principal's or one unit's. */
const dashboardOf = (request: Req, query: z.infer<typeof dashboardQuery>) => {
  const ctx = requireUser(request.ctx);
  const year = query.ar ?? Number(isoDate(ctx.now).slice(0, 4));
  return readDashboard(ctx, {
    year,
    principalId: query.huvudman || undefined,
    unitId: query.enhet || undefined,
  });
};

/** The dashboard's query string for the figures shown. */
const queryString = (d: { year: number; scope: { kind: string; principalId?: string; unitId?: string } }) =>
  new URLSearchParams({
    ar: String(d.year),
    ...(d.scope.principalId ? { huvudman: d.scope.principalId } : {}),
    ...(d.scope.unitId ? { enhet: d.scope.unitId } : {}),
  }).toString();
const dashboard = '/uppfoljning/indikatorer';

// One manual indicator: its entered values, the form to enter one, and its target.
const showValues = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const id = (request.params as { id: string }).id;
  const indicator = await findCountyIndicator(ctx.db, ctx.user.county.code, id);
  const plan = (await loadCountyPlan(ctx.db, ctx.user.county.code))!;
  const withValues = plan.indicators.find((i) => i.id === indicator.id)!;
  const thisYear = Number(isoDate(ctx.now).slice(0, 4));
  const year = (request.query as { ar?: number }).ar ?? thisYear;
  return renderPage(request, reply, 'followup/indicator.njk', {
    pageTitle: indicator.name,
    nav: 'uppfoljning',
    indicator: withValues,
    figures: await readIndicatorFigures(ctx, indicator.id, year),
    yearItems: choices(
      Object.fromEntries(Array.from({ length: 6 }, (_, i) => [thisYear - i, String(thisYear - i)])),
      String(year),
    ),
    target: targetText({
      target:
        indicator.targetValue === null
          ? null
          : { value: indicator.targetValue, direction: indicator.targetDirection! },
      unit: indicator.unit,
    }),
    canEdit: mayEditIndicators(ctx.user),
    values: { source: indicator.sourceName ?? '', ...state.values },
    directionItems: [
      {
        value: 'atLeast',
        text: 'Minst',
        checked: (state.values?.targetDirection ?? indicator.targetDirection) === 'atLeast',
      },
      {
        value: 'atMost',
        text: 'Högst',
        checked: (state.values?.targetDirection ?? indicator.targetDirection) === 'atMost',
      },
    ],
    ...formErrors(state.errors, state.problem, 'period'),
  });
};
const indicatorPath = (request: Req) =>
  `/uppfoljning/indikatorer/${encodeURIComponent((request.params as { id: string }).id)}`;
const backToIndicator = (request: Req) => ({
  href: indicatorPath(request),
  text: 'Tillbaka till indikatorn',
});

export const followUpWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await planRoutes(app, {});
  await dashboardRoutes(app, {});
  await indicatorRoutes(app, {});
};

/** The county's follow-up plan. */
const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/uppfoljning', { config: { access: 'authenticated' } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const plan = await loadCountyPlan(ctx.db, ctx.user.county.code);
    const year = Number(isoDate(ctx.now).slice(0, 4));
    return renderPage(request, reply, 'followup/index.njk', {
      pageTitle: 'Uppföljning',
      nav: 'uppfoljning',
      countyName: ctx.user.county.name,
      plan,
      indicators: (plan?.indicators ?? []).map((i) => ({
        ...i,
        target: targetText({
          target: i.targetValue === null ? null : { value: i.targetValue, direction: i.targetDirection! },
          unit: i.unit,
        }),
        latest: i.values[0] ?? null,
      })),
      calendar: plan ? await calendarOf(ctx, plan) : [],
      year,
      canEdit: mayEditIndicators(ctx.user),
    });
  });
};

/** The indicators' dashboard, as a page and as a CSV file, and computing its figures again. */
const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/uppfoljning/indikatorer',
    { config: { access: 'authenticated' }, schema: { querystring: dashboardQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const d = await dashboardOf(request, request.query);
      const thisYear = Number(isoDate(ctx.now).slice(0, 4));
      const principalId = 'principalId' in d.scope ? d.scope.principalId : '';
      const unitId = 'unitId' in d.scope ? d.scope.unitId : '';
      const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
      return renderPage(request, reply, 'followup/dashboard.njk', {
        pageTitle: `Indikatorer ${d.scopeName} ${d.year}`,
        nav: 'uppfoljning',
        d,
        indicatorsHtml: await indicatorSections(app, d),
        refreshedAt: d.refreshedAt ? isoDateTime(d.refreshedAt) : null,
        yearItems: choices(Object.fromEntries(years.map((y) => [y, y])), String(d.year)),
        principalItems: [
          { value: '', text: `Hela ${ctx.user.county.name}`, selected: !principalId },
          ...d.principals.map((p) => ({ value: p.id, text: p.name, selected: p.id === principalId })),
        ],
        unitItems: d.units.length
          ? [
              { value: '', text: 'Alla enheter', selected: !unitId },
              ...d.units.map((u) => ({ value: u.id, text: u.name, selected: u.id === unitId })),
            ]
          : null,
        csvHref: `/uppfoljning/indikatorer.csv?${queryString(d)}`,
        here: `/uppfoljning/indikatorer?${queryString(d)}`,
        canRefresh: mayRefreshFigures(ctx.user),
      });
    },
  );

  app.get(
    '/uppfoljning/indikatorer.csv',
    { config: { access: 'authenticated' }, schema: { querystring: dashboardQuery } },
    async (request, reply) => {
      const d = await dashboardOf(request, request.query);
      const name = `indikatorer-${d.countyCode}-${d.year}${'principalId' in d.scope ? `-${d.scope.principalId}` : ''}.csv`;
      return sendCsv(reply, name, dashboardCsvRows(d));
    },
  );

  // A button on the dashboard; it returns to the dashboard as it was shown (tillbaka: its address).
  registerButton(app, {
    path: '/uppfoljning/indikatorer/uppdatera',
    access: refreshers,
    fields: z.object({ tillbaka: z.string().optional() }),
    back: () => ({ href: dashboard, text: 'Tillbaka till indikatorerna' }),
    run: async (ctx, _p, { tillbaka }) => {
      await inTransaction(ctx.db, (tx) => refreshCountyFigures(tx, ctx.user.county.code, ctx.now));
      const back = safeReturnPath(tillbaka, dashboard);
      return back.startsWith(dashboard) ? back : dashboard;
    },
  });
};

/** One indicator's page: its figures by month and by principal, or a manual one's values; its target. */
const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/uppfoljning/indikatorer/:id',
    { config: { access: 'authenticated' }, schema: { params, querystring: indicatorQuery } },
    async (request, reply) => showValues(request, reply),
  );
  postForm(app, {
    path: '/uppfoljning/indikatorer/:id/varden',
    access: indicatorEditors,
    params,
    form: valueForm,
    show: showValues,
    back: backToIndicator,
    run: async (request, data) => {
      await enterIndicatorValue(requireUser(request.ctx), (request.params as { id: string }).id, data);
      return indicatorPath(request);
    },
  });
  postForm(app, {
    path: '/uppfoljning/indikatorer/:id/mal',
    access: indicatorEditors,
    params,
    form: targetForm,
    show: showValues,
    back: backToIndicator,
    run: async (request, data) => {
      await changeIndicatorTarget(requireUser(request.ctx), (request.params as { id: string }).id, data);
      return indicatorPath(request);
    },
  });
};

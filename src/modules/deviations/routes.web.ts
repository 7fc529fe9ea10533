import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/current-user.ts';
import { isoDate } from '../../platform/clock.ts';
import { sendCsv } from '../../platform/documents/csv.ts';
import { badRequest, conflict, forbidden } from '../../platform/errors.ts';
import { requireUser, type UserContext } from '../../platform/http/context.ts';
import { formErrors } from '../../platform/views/form-errors.ts';
import { type FormState, postForm, registerFormPage } from '../../platform/views/form-pages.ts';
import {
  choices,
  groupPrincipals,
  labelItems,
  listSummary,
  pagination,
} from '../../platform/views/page-helpers.ts';
import { renderPage } from '../../platform/views/render.ts';
import { countyWithPrincipals, listCategories, managersHold } from '../organisations/index.ts';
import { answerDeviation } from './answer-deviation.ts';
import { closeDeviation } from './close-deviation.ts';
import { compilationCsvRows } from './compilation-csv.ts';
import { compileDeviations } from './compile.ts';
import { decideDeviation } from './decide-deviation.ts';
import { escalateDeviation } from './escalate-deviation.ts';
import { answerForm, closureForm, decisionForm, escalationForm, reportForm } from './forms.ts';
import { deviationOutcomeLabels } from './labels.ts';
import { deviationActions, mayReport, reporterRoles } from './policy.ts';
import type { DeviationView } from './present.ts';
import { type DeviationFilter, listDeviations, readDeviation } from './read-deviations.ts';
import { reportDeviation } from './report-deviation.ts';
import { findSuggestion } from './suggestions.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// Staff and managers report and follow deviations; governance members take those that reach their body. The
// access rule decides which deviation each sees (404 otherwise); the use cases decide what they may do (403).
const workers = ['staff', 'manager', 'governance'] as const;
const params = z.object({ id: z.string().min(1).max(100) });
const pageSize = 25;

const listChoices = {
  status: { oppna: 'Pågående', avslutade: 'Avslutade', alla: 'Alla' },
  visa: { '': 'Alla jag kan se', 'att-hantera': 'Väntar på mig' },
};
const statusFromQuery: Record<string, DeviationFilter['status']> = {
  oppna: 'open',
  avslutade: 'closed',
  alla: undefined,
};
const listQuery = z.object({
  status: z.enum(['oppna', 'avslutade', 'alla']).default('oppna'),
  visa: z.enum(['', 'att-hantera']).default(''),
  sida: z.coerce.number().int().min(1).max(100000).default(1),
});
const compilationQuery = z.object({
  fran: z.iso.date().optional(),
  till: z.iso.date().optional(),
  huvudman: z.string().max(100).default(''),
});

/** The county's deviations in a period, all principals' or one's: from New Year's Day to today unless given. */
const compilationFor = (request: Req, query: z.infer<typeof compilationQuery>) => {
  const ctx = requireUser(request.ctx);
  const today = isoDate(ctx.now);
  const from = query.fran ?? `${today.slice(0, 4)}-01-01`;
  const to = query.till ?? today;
  if (from > to)
    throw badRequest('Perioden slutar innan den börjar. Ange ett från-datum som ligger före till-datumet.');
  return compileDeviations(ctx, { from, to, principalId: query.huvudman || undefined });
};

/** The form to report a deviation, empty or filled from a suggestion. */
const showReport = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const county = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!;
  const values = state.values ?? {};
  const chosen = new Set([values.concernedPrincipalIds ?? []].flat().map(String));
  const categories = (await listCategories(ctx.db, ctx.user.county.code, 'deviation')).filter(
    (c) => c.active,
  );
  return renderPage(request, reply, 'deviations/report.njk', {
    pageTitle: 'Rapportera en avvikelse',
    nav: 'avvikelser',
    values,
    fromSuggestion: Boolean(values.suggestionKey),
    categoryItems: labelItems(Object.fromEntries(categories.map((c) => [c.key, c.label])), values.category),
    groups: groupPrincipals(
      county.principals.filter((p) => p.kind !== 'userOrganisation'),
      chosen,
    ),
    ...formErrors(state.errors, state.problem, 'title'),
  });
};

export const deviationWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await listRoutes(app, {});
  await compilationRoutes(app, {});
  await reportRoutes(app, {});
  await deviationRoutes(app, {});
};

/** The deviations the user sees, filtered and paged. */
const listRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/avvikelser',
    { config: { access: workers }, schema: { querystring: listQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { status, visa, sida } = request.query;
      const filter = {
        status: statusFromQuery[status],
        show: visa === 'att-hantera' ? ('toHandle' as const) : undefined,
      };
      const { deviations, total } = await listDeviations(ctx, {
        ...filter,
        page: { number: sida, size: pageSize },
      });
      const list = { path: '/avvikelser', filters: { status, visa }, page: sida, size: pageSize };
      return renderPage(request, reply, 'deviations/list.njk', {
        pageTitle: sida > 1 ? `Avvikelser, sida ${sida}` : 'Avvikelser',
        nav: 'avvikelser',
        rows: deviations,
        canReport: mayReport(ctx.user),
        statusItems: choices(listChoices.status, status),
        showItems: choices(listChoices.visa, visa),
        summary: listSummary(list, total, { one: 'avvikelse', many: 'avvikelser' }),
        pagination: pagination(list, total),
      });
    },
  );
};

/** The compilation of the county's deviations, as a page and as a CSV file. */
const compilationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/avvikelser/sammanstallning',
    { config: { access: 'authenticated' }, schema: { querystring: compilationQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const compilation = await compilationFor(request, request.query);
      const county = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!;
      const { from, to, principalId = '' } = compilation.filter;
      return renderPage(request, reply, 'deviations/compilation.njk', {
        pageTitle: 'Sammanställning av avvikelser',
        nav: 'avvikelser',
        compilation,
        countyName: county.name,
        values: { fran: from, till: to },
        principalItems: [
          { value: '', text: `Hela ${county.name}`, selected: principalId === '' },
          ...county.principals
            .filter((p) => p.kind !== 'userOrganisation')
            .map((p) => ({ value: p.id, text: p.name, selected: p.id === principalId })),
        ],
        csvHref: `/avvikelser/sammanstallning.csv?${new URLSearchParams({ fran: from, till: to, huvudman: principalId })}`,
      });
    },
  );
  app.get(
    '/avvikelser/sammanstallning.csv',
    { config: { access: 'authenticated' }, schema: { querystring: compilationQuery } },
    async (request, reply) => {
      const compilation = await compilationFor(request, request.query);
      return sendCsv(
        reply,
        'avvikelser-sammanstallning.csv',
        compilationCsvRows(compilation.tables, compilation.filter),
      );
    },
  );
};

/** Reporting a deviation. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/avvikelser/ny',
    {
      config: { access: reporterRoles },
      schema: { querystring: z.object({ forslag: z.string().max(200).optional() }) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const key = request.query.forslag;
      if (!key) return showReport(request, reply, { values: { occurredOn: isoDate(ctx.now) } });
      const s = await findSuggestion(ctx, key);
      return showReport(request, reply, {
        values: {
          title: s.title,
          description: s.description,
          category: s.category ?? '',
          concernedPrincipalIds: s.concernedPrincipalIds,
          occurredOn: s.occurredOn,
          suggestionKey: s.key,
        },
      });
    },
  );
  postForm(app, {
    path: '/avvikelser/ny',
    access: reporterRoles,
    form: reportForm,
    show: showReport,
    back: () => ({ href: '/avvikelser', text: 'Tillbaka till avvikelserna' }),
    run: async (request, { suggestionKey, ...input }) => {
      const ctx = requireUser(request.ctx);
      // A suggestion's key is only taken from the caller's own offered suggestions, never as typed.
      const key = suggestionKey ? (await findSuggestion(ctx, suggestionKey)).key : undefined;
      const deviation = await reportDeviation(ctx, { ...input, suggestionKey: key });
      return `/avvikelser/${deviation.id}`;
    },
  });
};

/** A deviation's page, and a page for each action on it. */
const deviationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/avvikelser/:id', { config: { access: workers }, schema: { params } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const d = await readDeviation(ctx, request.params.id);
    return renderPage(request, reply, 'deviations/show.njk', {
      pageTitle: d.title,
      nav: 'avvikelser',
      d,
      can: await permissions(request, d),
      history: [...d.history].reverse(),
    });
  });

  // Each action on a deviation is a page of its own, offered only to those who may take it now (the use case
  // checks the same again when the form is sent).
  for (const action of actionPages) {
    registerFormPage(app, {
      path: `/avvikelser/:id/${action.slug}`,
      params,
      access: workers,
      nav: 'avvikelser',
      view: action.view,
      title: action.title,
      form: action.form,
      firstField: action.firstField,
      back: (p) => ({ href: `/avvikelser/${p.id}`, text: 'Tillbaka till avvikelsen' }),
      load: async (ctx, p, state, request) => {
        const d = await readDeviation(ctx, p.id!);
        if (request.method === 'GET' && !(await permissions(request, d))[action.action])
          throw d.status === 'closed'
            ? conflict('Avvikelsen är avslutad.')
            : forbidden('Du kan inte göra detta med avvikelsen just nu.');
        return { model: { d, outcomeItems: labelItems(deviationOutcomeLabels, state.values?.outcome) } };
      },
      run: async (ctx, p, data) => {
        await action.run(ctx, p.id!, data as never);
        return `/avvikelser/${p.id}`;
      },
    });
  }
};

const actionPages: {
  slug: string;
  action: keyof Awaited<ReturnType<typeof permissions>>;
  view: string;
  title: string;
  form: typeof answerForm | typeof escalationForm | typeof decisionForm | typeof closureForm;
  firstField: string;
  run: (ctx: UserContext, id: string, data: never) => Promise<unknown>;
}[] = [
  {
    slug: 'svara',
    action: 'answer',
    view: 'deviations/answer.njk',
    title: 'Besvara avvikelsen',
    form: answerForm,
    firstField: 'investigation',
    run: answerDeviation,
  },
  {
    slug: 'eskalera',
    action: 'escalate',
    view: 'deviations/escalate.njk',
    title: 'För avvikelsen vidare',
    form: escalationForm,
    firstField: 'reason',
    run: escalateDeviation,
  },
  {
    slug: 'besluta',
    action: 'decide',
    view: 'deviations/decide.njk',
    title: 'Besluta om avvikelsen',
    form: decisionForm,
    firstField: 'decision',
    run: decideDeviation,
  },
  {
    slug: 'avsluta',
    action: 'close',
    view: 'deviations/close.njk',
    title: 'Avsluta avvikelsen',
    form: closureForm,
    firstField: 'outcome',
    run: closeDeviation,
  },
];

/** Which actions the page offers; the use cases check the same again when the form is sent. */
async function permissions(request: Req, d: DeviationView) {
  const { user } = requireUser(request.ctx);
  const mine = (p: { receivingUnitId: string }) => p.receivingUnitId === user.unit.id;
  return deviationActions({
    status: d.status,
    level: d.level,
    atManagers: managersHold(d.path, d.level),
    hasNextLevel: d.path.some((l) => l.level === d.level + 1),
    answerDueFromViewer: d.concernedPrincipals.some((p) => mine(p) && !p.answered),
    viewer: {
      reporter: d.reportedBy.unitId === user.unit.id,
      receiver: hasRole(user, 'manager') && d.concernedPrincipals.some(mine),
      atCurrentBody: d.assignees.some((a) => a.kind === 'governanceBody' && user.bodyIds.includes(a.id)),
    },
  });
}

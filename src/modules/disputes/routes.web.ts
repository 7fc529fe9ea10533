import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/current-user.ts';
import { conflict, forbidden } from '../../platform/errors.ts';
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
import { countyWithPrincipals, listCategories } from '../organisations/index.ts';
import { decisionForm, escalationForm, interimMissing, openForm, statementForm } from './forms.ts';
import { openDispute } from './open-dispute.ts';
import { disputeActions, mayOpen, openerRoles } from './policy.ts';
import type { DisputeView } from './present.ts';
import { addStatement, decideDispute, escalateDispute } from './proceed.ts';
import { listDisputes, listPrecedents, readDispute } from './read-disputes.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// Managers open disputes and hold the dialogue; governance members take those that reach their body; anyone
// in the county reads earlier decisions. The access rule decides which dispute each sees (404 otherwise).
const workers = ['staff', 'manager', 'governance'] as const;
const params = z.object({ id: z.string().min(1).max(100) });
const pageSize = 25;
const kindFromQuery = { tolkning: 'interpretation', enskilt: 'individualCase' } as const;

const listQuery = z.object({
  status: z.enum(['pagaende', 'avgjorda', 'alla']).default('pagaende'),
  sida: z.coerce.number().int().min(1).max(100000).default(1),
});
const statusChoices = { pagaende: 'Pågående', avgjorda: 'Avgjorda', alla: 'Alla' };

const shownPrecedents = 200;

const newQuery = z.object({
  typ: z.enum(['tolkning', 'enskilt']).default('tolkning'),
  sip: z.string().max(100).optional(),
});

/** The form to open a dispute, about interpreting the agreement or about one person's case (`typ`). */
const showOpen = async (request: Req, reply: Rep, state: FormState = {}) => {
  const ctx = requireUser(request.ctx);
  const query = newQuery.parse(request.query);
  const county = (await countyWithPrincipals(ctx.db, ctx.user.county.code))!;
  const principals = county.principals.filter((p) => p.kind !== 'userOrganisation');
  const values = state.values ?? { sipId: query.sip };
  const chosen = new Set([values.counterpartPrincipalIds ?? []].flat().map(String));
  const categories = (await listCategories(ctx.db, ctx.user.county.code, 'dispute')).filter((c) => c.active);
  return renderPage(request, reply, 'disputes/open.njk', {
    pageTitle:
      query.typ === 'enskilt' ? 'Tvist i ett enskilt ärende' : 'Tvist om tolkning av överenskommelsen',
    nav: 'tvister',
    typ: query.typ,
    action: `/tvister/ny?${new URLSearchParams({ typ: query.typ })}`,
    values,
    ownPrincipal: ctx.user.principal.name,
    categoryItems: labelItems(Object.fromEntries(categories.map((c) => [c.key, c.label])), values.category),
    groups: groupPrincipals(
      principals.filter((p) => p.id !== ctx.user.principal.id),
      chosen,
    ),
    interimItems: [
      { value: '', text: 'Välj huvudman' },
      ...principals.map((p) => ({
        value: p.id,
        text: p.name,
        selected: p.id === values.interimPrincipalId,
      })),
    ],
    ...formErrors(state.errors, state.problem, query.typ === 'enskilt' ? 'interimPrincipalId' : 'category', {
      'interimResponsibility.description': 'interimDescription',
      'interimResponsibility.principalId': 'interimPrincipalId',
    }),
  });
};
const kindOf = (request: Req) => kindFromQuery[(request.query as z.infer<typeof newQuery>).typ];

export const disputeWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await listRoutes(app, {});
  await openRoutes(app, {});
  await disputeRoutes(app, {});
};

/** The disputes the user sees, and the county's earlier decisions. */
const listRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tvister',
    { config: { access: workers }, schema: { querystring: listQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { status, sida } = request.query;
      const open = status === 'alla' ? undefined : status === 'pagaende';
      const { disputes, total } = await listDisputes(ctx, { open, page: { number: sida, size: pageSize } });
      const list = { path: '/tvister', filters: { status }, page: sida, size: pageSize };
      return renderPage(request, reply, 'disputes/list.njk', {
        pageTitle: 'Tvister',
        nav: 'tvister',
        rows: disputes,
        canOpen: mayOpen(ctx.user),
        statusItems: choices(statusChoices, status),
        summary: listSummary(list, total, { one: 'tvist', many: 'tvister' }),
        pagination: pagination(list, total),
      });
    },
  );

  app.get(
    '/tvister/tidigare-beslut',
    {
      config: { access: 'authenticated' },
      schema: {
        querystring: z.object({
          kategori: z.string().max(100).default(''),
          sok: z.string().max(200).default(''),
        }),
      },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { kategori, sok } = request.query;
      const categories = await listCategories(ctx.db, ctx.user.county.code, 'dispute');
      const precedents = await listPrecedents(ctx, {
        category: kategori || undefined,
        search: sok || undefined,
      });
      return renderPage(request, reply, 'disputes/precedents.njk', {
        pageTitle: 'Tidigare beslut i tvister',
        nav: 'tvister',
        // The newest shown, and the page says how many there are: nothing is cut without saying so.
        precedents: precedents.slice(0, shownPrecedents),
        precedentCount: precedents.length,
        search: sok,
        categoryItems: [
          { value: '', text: 'Alla kategorier', selected: kategori === '' },
          ...categories.map((c) => ({ value: c.key, text: c.label, selected: c.key === kategori })),
        ],
      });
    },
  );
};

/** Opening a dispute. */
const openRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tvister/ny',
    { config: { access: openerRoles }, schema: { querystring: newQuery } },
    async (request, reply) => showOpen(request, reply),
  );
  postForm(app, {
    path: '/tvister/ny',
    access: openerRoles,
    query: newQuery,
    form: openForm,
    show: showOpen,
    back: () => ({ href: '/tvister', text: 'Tillbaka till tvisterna' }),
    check: (request, posted) => (kindOf(request) === 'individualCase' ? interimMissing(posted) : []),
    run: async (request, data) => {
      const kind = kindOf(request);
      const dispute = await openDispute(requireUser(request.ctx), {
        kind,
        category: data.category,
        title: data.title,
        description: data.description,
        counterpartPrincipalIds: data.counterpartPrincipalIds,
        interimResponsibility:
          kind === 'individualCase'
            ? { principalId: data.interimPrincipalId!, description: data.interimDescription! }
            : null,
        sipId: (kind === 'individualCase' && data.sipId) || null,
      });
      return `/tvister/${dispute.id}`;
    },
  });
};

/** A dispute's page, and a page for each action on it. */
const disputeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/tvister/:id', { config: { access: workers }, schema: { params } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const d = await readDispute(ctx, request.params.id);
    return renderPage(request, reply, 'disputes/show.njk', {
      pageTitle: d.title,
      nav: 'tvister',
      d,
      can: permissions(request, d),
      entries: [...d.entries].reverse(),
    });
  });

  // Each action on a dispute is a page of its own, offered only to those who may take it now (the use case
  // checks the same again when the form is sent).
  for (const action of actionPages) {
    registerFormPage(app, {
      path: `/tvister/:id/${action.slug}`,
      params,
      access: workers,
      nav: 'tvister',
      view: action.view,
      title: action.title,
      form: action.form,
      firstField: action.firstField,
      back: (p) => ({ href: `/tvister/${p.id}`, text: 'Tillbaka till tvisten' }),
      load: async (ctx, p, _state, request) => {
        const d = await readDispute(ctx, p.id!);
        if (request.method === 'GET' && !permissions(request, d)[action.action])
          throw d.status === 'decided'
            ? conflict('Tvisten är avgjord.')
            : forbidden('Du kan inte göra detta med tvisten.');
        return { model: { d } };
      },
      run: async (ctx, p, data) => {
        await action.run(ctx, p.id!, data as never);
        return `/tvister/${p.id}`;
      },
    });
  }
};

const actionPages: {
  slug: string;
  action: keyof ReturnType<typeof permissions>;
  view: string;
  title: string;
  form: typeof statementForm | typeof escalationForm | typeof decisionForm;
  firstField: string;
  run: (ctx: UserContext, id: string, data: never) => Promise<unknown>;
}[] = [
  {
    slug: 'dialog',
    action: 'statement',
    view: 'disputes/statement.njk',
    title: 'Skriv i dialogen',
    form: statementForm,
    firstField: 'text',
    run: addStatement,
  },
  {
    slug: 'eskalera',
    action: 'escalate',
    view: 'disputes/escalate.njk',
    title: 'För tvisten vidare',
    form: escalationForm,
    firstField: 'reason',
    run: escalateDispute,
  },
  {
    slug: 'avgora',
    action: 'decide',
    view: 'disputes/decide.njk',
    title: 'Avgör tvisten',
    form: decisionForm,
    firstField: 'decision',
    run: decideDispute,
  },
];

/** Which actions the page offers; the use cases check the same again when the form is sent. */
function permissions(request: Req, d: DisputeView) {
  const { user } = requireUser(request.ctx);
  return disputeActions({
    status: d.status,
    level: d.level,
    hasNextLevel: d.path.some((l) => l.level === d.level + 1),
    viewer: {
      partyManager:
        hasRole(user, 'manager') &&
        (d.openedBy.unitId === user.unit.id || d.parties.some((p) => p.receivingUnitId === user.unit.id)),
      atCurrentBody:
        d.level > 1 && d.assignedTo.some((a) => a.kind === 'governanceBody' && user.bodyIds.includes(a.id)),
    },
  });
}

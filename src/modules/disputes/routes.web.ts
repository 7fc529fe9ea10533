import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/current-user.ts';
import { conflict, forbidden } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/context.ts';
import { registerActionPages } from '../../platform/views/action-pages.ts';
import { formErrors } from '../../platform/views/form-errors.ts';
import {
  choices,
  type FormState,
  formError,
  groupPrincipals,
  labelItems,
  listSummary,
  pagination,
} from '../../platform/views/page-helpers.ts';
import { parseForm } from '../../platform/views/parse-form.ts';
import { renderPage } from '../../platform/views/render.ts';
import { listCategories, listCounties } from '../organisations/index.ts';
import {
  decisionForm,
  escalationForm,
  individualCaseForm,
  interpretationForm,
  statementForm,
} from './forms.ts';
import { openDispute } from './open-dispute.ts';
import type { DisputeView } from './present.ts';
import { addStatement, decideDispute, escalateDispute } from './proceed.ts';
import { listDisputes, listPrecedents, readDispute } from './read-disputes.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

// Managers open disputes and hold the dialogue; governance members take those that reach their body; anyone
// in the county reads earlier decisions. The access rule decides which dispute each sees (404 otherwise).
const workers = ['staff', 'manager', 'governance'] as const;
const params = z.object({ id: z.string().min(1).max(100) });
const anyForm = z.record(z.string(), z.unknown());
const _idOf = (request: Req) => (request.params as { id: string }).id;
const pageSize = 25;
const kindFromQuery = { tolkning: 'interpretation', enskilt: 'individualCase' } as const;

const listQuery = z.object({
  status: z.enum(['pagaende', 'avgjorda', 'alla']).default('pagaende'),
  sida: z.coerce.number().int().min(1).max(100000).default(1),
});
const statusChoices = { pagaende: 'Pågående', avgjorda: 'Avgjorda', alla: 'Alla' };

const shownPrecedents = 200;

export const disputeWebRoutes: FastifyPluginAsyncZod = async (app) => {
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
        canOpen: hasRole(ctx.user, 'manager'),
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

  const newQuery = z.object({
    typ: z.enum(['tolkning', 'enskilt']).default('tolkning'),
    sip: z.string().max(100).optional(),
  });
  const showOpen = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const query = newQuery.parse(request.query);
    const county = (await listCounties(ctx.db)).find((c) => c.code === ctx.user.county.code)!;
    const principals = county.principals.filter((p) => p.kind !== 'userOrganisation');
    const values = state.values ?? { sipId: query.sip };
    const chosen = new Set([values.counterpartPrincipalIds ?? []].flat().map(String));
    const categories = (await listCategories(ctx.db, ctx.user.county.code, 'dispute')).filter(
      (c) => c.active,
    );
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
      ...formErrors(
        state.errors,
        state.problem,
        query.typ === 'enskilt' ? 'interimPrincipalId' : 'category',
        {
          'interimResponsibility.description': 'interimDescription',
          'interimResponsibility.principalId': 'interimPrincipalId',
        },
      ),
    });
  };
  app.get(
    '/tvister/ny',
    { config: { access: ['manager'] }, schema: { querystring: newQuery } },
    async (request, reply) => showOpen(request, reply),
  );
  app.post(
    '/tvister/ny',
    {
      config: { access: ['manager'], renderFormError: formError(showOpen) },
      schema: { querystring: newQuery, body: anyForm },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const kind = kindFromQuery[request.query.typ];
      const parsed = parseForm(
        kind === 'individualCase' ? individualCaseForm : interpretationForm,
        request.body,
      );
      if ('errors' in parsed)
        return showOpen(request, reply.status(400), { values: request.body, errors: parsed.errors });
      const data = parsed.data as z.infer<typeof individualCaseForm>;
      const dispute = await openDispute(ctx, {
        kind,
        category: data.category,
        title: data.title,
        description: data.description,
        counterpartPrincipalIds: data.counterpartPrincipalIds,
        interimResponsibility:
          kind === 'individualCase'
            ? { principalId: data.interimPrincipalId, description: data.interimDescription }
            : null,
        sipId: data.sipId || null,
      });
      return reply.redirect(`/tvister/${dispute.id}`, 303);
    },
  );

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

  registerActionPages(
    app,
    {
      base: '/tvister',
      nav: 'tvister',
      access: workers,
      read: (request, id) => readDispute(requireUser(request.ctx), id),
      refusal: async (request, d, action) => {
        if (permissions(request, d)[action as keyof ReturnType<typeof permissions>]) return null;
        return d.status === 'decided'
          ? conflict('Tvisten är avgjord.')
          : forbidden('Du kan inte göra detta med tvisten.');
      },
    },
    [
      {
        slug: 'dialog',
        action: 'statement',
        view: 'disputes/statement.njk',
        title: 'Skriv i dialogen',
        form: statementForm,
        firstField: 'text',
        run: (r, id, data) => addStatement(requireUser(r.ctx), id, data),
      },
      {
        slug: 'eskalera',
        action: 'escalate',
        view: 'disputes/escalate.njk',
        title: 'För tvisten vidare',
        form: escalationForm,
        firstField: 'reason',
        run: (r, id, data) => escalateDispute(requireUser(r.ctx), id, data),
      },
      {
        slug: 'avgora',
        action: 'decide',
        view: 'disputes/decide.njk',
        title: 'Avgör tvisten',
        form: decisionForm,
        firstField: 'decision',
        run: (r, id, data) => decideDispute(requireUser(r.ctx), id, data),
      },
    ],
  );
};

/** Which actions the page offers; the use cases check the same again when the form is sent. */
function permissions(request: Req, d: DisputeView) {
  const { user } = requireUser(request.ctx);
  const open = d.status !== 'decided';
  const partyManager =
    hasRole(user, 'manager') &&
    (d.openedBy.unitId === user.unit.id || d.parties.some((p) => p.receivingUnitId === user.unit.id));
  const atBody =
    d.level > 1 && d.assignedTo.some((a) => a.kind === 'governanceBody' && user.bodyIds.includes(a.id));
  const holds = d.level === 1 ? partyManager : atBody;
  return {
    statement: open && (partyManager || atBody),
    escalate: open && holds && d.path.some((l) => l.level === d.level + 1),
    decide: open && holds,
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/current-user.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/context.ts';
import { renderErrorPage } from '../../platform/http/errors-plugin.ts';
import { sipLabels } from '../../platform/views/filters.ts';
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
import { listCounties, organisationNames, unitsOfPrincipals } from '../organisations/index.ts';
import { responsibilityGroups } from '../responsibilities/index.ts';
import { unitsThatTakePart } from './access-rule.ts';
import { answerInvitation } from './answer-invitation.ts';
import { closeSip } from './close-sip.ts';
import {
  answerForm,
  closureForm,
  consentForm,
  followUpForm,
  interventionRows,
  inviteForm,
  meetingWithoutPlace,
  planForm,
  startForm,
  unassignedInterventions,
  withdrawalForm,
} from './forms.ts';
import { inviteUnits } from './invite-unit.ts';
import { planUnitIds, responsibleName } from './plan-units.ts';
import type { SipJson } from './present.ts';
import { listSips, readSip, type SipFilter } from './read-sips.ts';
import { recordConsent } from './record-consent.ts';
import { recordFollowUp } from './record-follow-up.ts';
import { assertTakesPart } from './rules.ts';
import { savePlan } from './save-plan.ts';
import { startSip } from './start-sip.ts';
import { withdrawConsent } from './withdraw-consent.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

const access = ['staff', 'manager'] as const;
const params = z.object({ id: z.string().min(1).max(100) });
// Pages post forms; the route checks nothing but size, the handler validates with the form's own schema.
const anyForm = z.record(z.string(), z.unknown());
const idOf = (request: Req) => (request.params as { id: string }).id;

// The list's filters in the address bar, in Swedish; unknown values are refused by the schema.
const listChoices = {
  status: { '': 'Alla', begard: 'Väntar på samtycke', pagaende: 'Pågående', avslutad: 'Avslutad' },
  visa: { '': 'Alla', uppfoljning: 'Dags för uppföljning', 'vantar-svar': 'Väntar på svar på kallelse' },
};
const statusFromQuery: Record<string, SipFilter['status']> = {
  begard: 'requested',
  pagaende: 'active',
  avslutad: 'closed',
};
const showFromQuery: Record<string, SipFilter['show']> = {
  uppfoljning: 'followUpDue',
  'vantar-svar': 'waitingForAnswer',
};
const pageSize = 25;
const listQuery = z.object({
  status: z.enum(['', 'begard', 'pagaende', 'avslutad']).default(''),
  visa: z.enum(['', 'uppfoljning', 'vantar-svar']).default(''),
  sida: z.coerce.number().int().min(1).max(100000).default(1),
});

export const sipWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/sip', { config: { access }, schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const { status, visa, sida } = request.query;
    const filter = { status: statusFromQuery[status], show: showFromQuery[visa] };
    const { sips, total } = await listSips(ctx, { ...filter, page: { number: sida, size: pageSize } });
    const list = { path: '/sip', filters: { status, visa }, page: sida, size: pageSize };
    const names = await namesFor(request, sips);
    const today = isoDate(ctx.now);
    return renderPage(request, reply, 'sip/list.njk', {
      pageTitle: sida > 1 ? `Mina SIP:ar, sida ${sida}` : 'Mina SIP:ar',
      nav: 'sip',
      rows: sips.map((s) => ({
        ...s,
        conveningName: names.unitWithPrincipal(s.convening.unitId),
        waiting: s.invitations.some((i) => i.status === 'pending'),
        followUpDue: s.followUpDueOn !== null && s.followUpDueOn <= today,
      })),
      statusItems: choices(listChoices.status, status),
      showItems: choices(listChoices.visa, visa),
      summary: listSummary(list, total, { one: 'SIP', many: 'SIP:ar' }),
      emptyText:
        status || visa
          ? 'Inga SIP:ar matchar filtret.'
          : 'Din enhet sammankallar inte och deltar inte i någon SIP.',
      pagination: pagination(list, total),
    });
  });

  const showStart = (request: Req, reply: Rep, state: FormState = {}) =>
    renderPage(request, reply, 'sip/start.njk', {
      pageTitle: 'Starta en SIP',
      nav: 'sip',
      values: state.values ?? {},
      requesterItems: labelItems(sipLabels.requester, state.values?.requestedBy),
      ...formErrors(state.errors, state.problem, 'personalIdentityNumber'),
    });

  app.get('/sip/ny', { config: { access } }, async (request, reply) => showStart(request, reply));
  app.post(
    '/sip/ny',
    { config: { access, renderFormError: formError(showStart) }, schema: { body: anyForm } },
    async (request, reply) => {
      const parsed = parseForm(startForm, request.body);
      if ('errors' in parsed)
        return showStart(request, reply.status(400), { values: request.body, errors: parsed.errors });
      const { personalIdentityNumber, name, reason, requestedBy, hasChildren } = parsed.data;
      const sip = await startSip(requireUser(request.ctx), {
        person: { personalIdentityNumber, name },
        reason,
        requestedBy,
        hasChildren: hasChildren === 'unknown' ? null : hasChildren === 'yes',
      });
      return reply.redirect(`/sip/${sip.id}`, 303);
    },
  );

  app.get('/sip/:id', { config: { access }, schema: { params } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const sip = await readSip(ctx, request.params.id);
    const names = await namesFor(request, [sip]);
    const convening = sip.convening.unitId === ctx.user.unit.id;
    const open = sip.status !== 'closed';
    const consentInForce = sip.consent !== null && sip.consent.withdrawnAt === null;
    // A unit whose invitation waits for its answer reads the SIP but does not write the plan.
    const takesPart = (await unitsThatTakePart(ctx.db, sip.id, [ctx.user.unit.id])).length > 0;
    return renderPage(request, reply, 'sip/show.njk', {
      pageTitle: `SIP för ${sip.person.name}`,
      nav: 'sip',
      sip,
      conveningName: names.unitWithPrincipal(sip.convening.unitId),
      consentPrincipals: (sip.consent?.principalIds ?? [])
        .map(names.principal)
        .sort((a, b) => a.localeCompare(b, 'sv')),
      decisionParticipants: (sip.consent?.decisionParticipants ?? []).map(
        (p) => sipLabels.decisionParticipant[p],
      ),
      invitations: sip.invitations.map((i) => ({
        ...i,
        unitName: names.unitWithPrincipal(i.unitId),
        overdue: i.status === 'pending' && i.answerBy < isoDate(ctx.now),
        externals: i.externalParticipants
          .map((e) =>
            e.note
              ? `${sipLabels.externalParticipant[e.kind]} (${e.note})`
              : sipLabels.externalParticipant[e.kind],
          )
          .join(', '),
      })),
      followUps: [...sip.followUps].reverse(),
      plan: sip.plan && {
        ...sip.plan,
        overallName: names.unitWithPrincipal(sip.plan.overallResponsibility.unitId),
        interventions: sip.plan.interventions.map((i) => ({
          description: i.description,
          who: responsibleName(i, names),
        })),
      },
      can: {
        consent: convening && open && !sip.consent,
        invite: convening && open && consentInForce,
        plan: open && consentInForce && takesPart,
        followUp: open && consentInForce && sip.plan !== null && takesPart,
        close: convening && open,
        withdraw: convening && open && consentInForce,
        dispute: open && consentInForce && hasRole(ctx.user, 'manager'),
      },
    });
  });

  const showConsent = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const sip = await readSip(ctx, idOf(request));
    const county = (await listCounties(ctx.db)).find((c) => c.code === sip.countyCode)!;
    const chosen = new Set<string>(
      state.values ? [state.values.principalIds ?? []].flat().map(String) : [sip.convening.principalId],
    );
    return renderPage(request, reply, 'sip/consent.njk', {
      pageTitle: 'Registrera samtycke',
      nav: 'sip',
      sip,
      values: state.values ?? {},
      groups: groupPrincipals(county.principals, chosen),
      participantItems: labelItems(sipLabels.decisionParticipant, state.values?.decisionParticipants),
      ...formErrors(state.errors, state.problem, 'givenAt'),
    });
  };
  app.get('/sip/:id/samtycke', { config: { access }, schema: { params } }, async (request, reply) =>
    showConsent(request, reply),
  );
  app.post(
    '/sip/:id/samtycke',
    { config: { access, renderFormError: formError(showConsent) }, schema: { params, body: anyForm } },
    async (request, reply) => {
      const parsed = parseForm(consentForm, request.body);
      if ('errors' in parsed)
        return showConsent(request, reply.status(400), { values: request.body, errors: parsed.errors });
      const { relativesMayTakePart, ...consent } = parsed.data;
      await recordConsent(requireUser(request.ctx), request.params.id, {
        ...consent,
        relativesMayTakePart: relativesMayTakePart === 'yes',
      });
      return reply.redirect(`/sip/${request.params.id}`, 303);
    },
  );

  const showInvite = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const sip = await readSip(ctx, idOf(request));
    const search = String((request.query as { sok?: string }).sok ?? '').trim();
    const units = (await unitsOfPrincipals(ctx.db, sip.consent?.principalIds ?? [])).filter(
      (u) => u.id !== ctx.user.unit.id && matches(`${u.name} ${u.principalName}`, search),
    );
    const [county] = (await listCounties(ctx.db)).filter((c) => c.code === sip.countyCode);
    return renderPage(request, reply, 'sip/invite.njk', {
      pageTitle: 'Kalla till SIP-möte',
      nav: 'sip',
      sip,
      search,
      answerDays: county?.invitationAnswerWorkingDays,
      values: state.values ?? {},
      unitGroups: groupUnits(units, new Set([state.values?.unitIds ?? []].flat().map(String))),
      externalItems: labelItems(sipLabels.externalParticipant, state.values?.external),
      ...formErrors(state.errors, state.problem, 'unitIds'),
    });
  };
  app.get(
    '/sip/:id/kallelse',
    {
      config: { access },
      schema: { params, querystring: z.object({ sok: z.string().max(100).optional() }) },
    },
    async (request, reply) => showInvite(request, reply),
  );
  app.post(
    '/sip/:id/kallelse',
    { config: { access, renderFormError: formError(showInvite) }, schema: { params, body: anyForm } },
    async (request, reply) => {
      const parsed = parseForm(inviteForm, request.body);
      const errors = [...('errors' in parsed ? parsed.errors : []), ...meetingWithoutPlace(request.body)];
      if ('errors' in parsed || errors.length)
        return showInvite(request, reply.status(400), { values: request.body, errors });
      await inviteUnits(requireUser(request.ctx), request.params.id, parsed.data);
      return reply.redirect(`/sip/${encodeURIComponent(request.params.id)}`, 303);
    },
  );

  const showAnswer = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const sipId = String(
      (request.query as { sip?: string }).sip ?? (request.body as { sip?: string } | undefined)?.sip ?? '',
    );
    const sip = await readSip(ctx, sipId);
    const invitation = sip.invitations.find((i) => i.id === idOf(request));
    if (!invitation) return renderErrorPage(request, reply, notFound());
    const names = await namesFor(request, [sip]);
    return renderPage(request, reply, 'sip/answer.njk', {
      pageTitle: 'Svara på kallelse',
      nav: 'mitt-arbete',
      sip,
      invitation,
      conveningName: names.unitWithPrincipal(sip.convening.unitId),
      values: state.values ?? {},
      ...formErrors(state.errors, state.problem, 'answer'),
    });
  };
  app.get(
    '/kallelser/:id',
    { config: { access }, schema: { params, querystring: z.object({ sip: z.string().max(100) }) } },
    async (request, reply) => showAnswer(request, reply),
  );
  app.post(
    '/kallelser/:id',
    { config: { access, renderFormError: formError(showAnswer) }, schema: { params, body: anyForm } },
    async (request, reply) => {
      const parsed = parseForm(answerForm, request.body);
      if ('errors' in parsed)
        return showAnswer(request, reply.status(400), { values: request.body, errors: parsed.errors });
      const accepted = parsed.data.answer === 'accept';
      await answerInvitation(requireUser(request.ctx), request.params.id, {
        accepted,
        reason: parsed.data.reason,
      });
      const sipId = encodeURIComponent(String((request.body as { sip?: string }).sip ?? ''));
      return reply.redirect(accepted ? `/sip/${sipId}` : '/', 303);
    },
  );

  const showPlan = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const sip = await readSip(ctx, idOf(request));
    await assertTakesPart(ctx.db, ctx, sip, 'ändra planen');
    // The plan may name only the units that take part (rules.ts), so only they are offered.
    const covered = await unitsOfPrincipals(ctx.db, sip.consent?.principalIds ?? []);
    const taking = new Set(
      await unitsThatTakePart(
        ctx.db,
        sip.id,
        covered.map((u) => u.id),
      ),
    );
    const units = covered.filter((u) => taking.has(u.id));
    const values = state.values ?? planValues(sip);
    const unitItems = (chosen: unknown, empty: string) => [
      { value: '', text: empty },
      ...units.map((u) => ({
        value: u.id,
        text: `${u.name} (${u.principalName})`,
        selected: u.id === chosen,
      })),
    ];
    return renderPage(request, reply, 'sip/plan.njk', {
      pageTitle: sip.plan ? 'Ändra planen' : 'Skriv planen',
      nav: 'sip',
      sip,
      values,
      overallItems: unitItems(values.overallUnitId, 'Välj enhet'),
      childrenItems: [
        { value: 'yes', text: 'Ja', checked: values.childrenConsidered === 'yes' },
        { value: 'no', text: 'Nej, inte ännu', checked: values.childrenConsidered === 'no' },
        ...(sip.hasChildren
          ? []
          : [
              {
                value: 'na',
                text: 'Personen har inte barn och bor inte med barn',
                checked: values.childrenConsidered === 'na',
              },
            ]),
      ],
      compulsoryItems: labelItems(
        { none: 'Nej', ...sipLabels.compulsoryCare },
        values.compulsoryCare ?? 'none',
      ),
      rows: Array.from({ length: interventionRows }, (_, i) => ({
        index: i,
        number: i + 1,
        description: values[`intervention${i}`] ?? '',
        actor: values[`intervention${i}Actor`] ?? '',
        unitItems: unitItems(values[`intervention${i}Unit`], 'Ingen enhet: en annan aktör'),
      })),
      // The county's responsibility list, to help choose who is responsible for each intervention.
      responsibilities: await responsibilityGroups(ctx.db, sip.countyCode),
      ...formErrors(state.errors, state.problem, 'personsOwnWords'),
    });
  };
  app.get('/sip/:id/plan', { config: { access }, schema: { params } }, async (request, reply) =>
    showPlan(request, reply),
  );
  app.post(
    '/sip/:id/plan',
    { config: { access, renderFormError: formError(showPlan) }, schema: { params, body: anyForm } },
    async (request, reply) => {
      const parsed = parseForm(planForm, request.body);
      const errors = [...('errors' in parsed ? parsed.errors : []), ...unassignedInterventions(request.body)];
      if ('errors' in parsed || errors.length)
        return showPlan(request, reply.status(400), { values: request.body, errors });
      await savePlan(requireUser(request.ctx), request.params.id, parsed.data);
      return reply.redirect(`/sip/${request.params.id}`, 303);
    },
  );

  const showFollowUp = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const sip = await readSip(ctx, idOf(request));
    if (!sip.plan) return renderErrorPage(request, reply, conflict('Det finns ingen plan att följa upp.'));
    await assertTakesPart(ctx.db, ctx, sip, 'registrera uppföljningen');
    const values = state.values ?? {};
    return renderPage(request, reply, 'sip/follow-up.njk', {
      pageTitle: 'Registrera uppföljning',
      nav: 'sip',
      sip,
      values,
      rows: sip.plan.interventions.map((intervention, index) => ({
        index,
        number: index + 1,
        description: intervention.description,
        comment: values[`comment${index}`] ?? '',
        items: labelItems(sipLabels.outcome, values[`outcome${index}`]),
      })),
      ...formErrors(state.errors, state.problem, 'heldOn'),
    });
  };
  app.get('/sip/:id/uppfoljning', { config: { access }, schema: { params } }, async (request, reply) =>
    showFollowUp(request, reply),
  );
  app.post(
    '/sip/:id/uppfoljning',
    { config: { access, renderFormError: formError(showFollowUp) }, schema: { params, body: anyForm } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      // The form has one row per intervention of the plan as it is now; the use case checks it again.
      const sip = await readSip(ctx, request.params.id);
      const parsed = parseForm(followUpForm(sip.plan?.interventions.length ?? 0), request.body);
      if ('errors' in parsed)
        return showFollowUp(request, reply.status(400), { values: request.body, errors: parsed.errors });
      await recordFollowUp(ctx, request.params.id, parsed.data);
      return reply.redirect(`/sip/${encodeURIComponent(request.params.id)}`, 303);
    },
  );

  const showClose = async (request: Req, reply: Rep, state: FormState = {}) => {
    const sip = await readSip(requireUser(request.ctx), idOf(request));
    return renderPage(request, reply, 'sip/close.njk', {
      pageTitle: 'Avsluta SIP:en',
      nav: 'sip',
      sip,
      values: state.values ?? {},
      ...formErrors(state.errors, state.problem, 'reason'),
    });
  };
  app.get('/sip/:id/avsluta', { config: { access }, schema: { params } }, async (request, reply) =>
    showClose(request, reply),
  );
  app.post(
    '/sip/:id/avsluta',
    { config: { access, renderFormError: formError(showClose) }, schema: { params, body: anyForm } },
    async (request, reply) => {
      const parsed = parseForm(closureForm, request.body);
      if ('errors' in parsed)
        return showClose(request, reply.status(400), { values: request.body, errors: parsed.errors });
      await closeSip(requireUser(request.ctx), request.params.id, parsed.data);
      return reply.redirect(`/sip/${request.params.id}`, 303);
    },
  );

  const showWithdraw = async (request: Req, reply: Rep, state: FormState = {}) => {
    const sip = await readSip(requireUser(request.ctx), idOf(request));
    return renderPage(request, reply, 'sip/withdraw.njk', {
      pageTitle: 'Samtycket återkallas',
      nav: 'sip',
      sip,
      values: state.values ?? {},
      ...formErrors(state.errors, state.problem, 'withdrawnAt'),
    });
  };
  app.get('/sip/:id/aterkalla', { config: { access }, schema: { params } }, async (request, reply) =>
    showWithdraw(request, reply),
  );
  app.post(
    '/sip/:id/aterkalla',
    { config: { access, renderFormError: formError(showWithdraw) }, schema: { params, body: anyForm } },
    async (request, reply) => {
      const parsed = parseForm(withdrawalForm, request.body);
      if ('errors' in parsed)
        return showWithdraw(request, reply.status(400), { values: request.body, errors: parsed.errors });
      await withdrawConsent(requireUser(request.ctx), request.params.id, parsed.data);
      return reply.redirect(`/sip/${request.params.id}`, 303);
    },
  );
};

/** The saved plan as the form's fields, so "Ändra planen" starts from what is there. */
function planValues(sip: SipJson): Record<string, unknown> {
  const plan = sip.plan;
  if (!plan) return {};
  const values: Record<string, unknown> = {
    personsOwnWords: plan.personsOwnWords,
    goals: plan.goals.join('\n'),
    overallUnitId: plan.overallResponsibility.unitId,
    followUpOn: plan.followUpOn,
    childrenConsidered: plan.childrenConsidered === null ? 'na' : plan.childrenConsidered ? 'yes' : 'no',
    childrenNote: plan.childrenNote ?? '',
    compulsoryCare: plan.compulsoryCare?.law ?? 'none',
  };
  plan.interventions.forEach((intervention, i) => {
    values[`intervention${i}`] = intervention.description;
    if ('responsibleUnitId' in intervention) values[`intervention${i}Unit`] = intervention.responsibleUnitId;
    else values[`intervention${i}Actor`] = intervention.externalActor;
  });
  return values;
}

async function namesFor(request: Req, sips: SipJson[]) {
  const unique = (ids: string[]) => [...new Set(ids)];
  return organisationNames(request.ctx.db, {
    unitIds: unique(
      sips.flatMap((s) => [
        s.convening.unitId,
        ...s.invitations.map((i) => i.unitId),
        ...(s.plan ? planUnitIds(s.plan) : []),
      ]),
    ),
    principalIds: unique(sips.flatMap((s) => s.consent?.principalIds ?? [])),
  });
}

/** Radio or checkbox items from a label table; chosen is what was posted (one value or several). */
const matches = (text: string, search: string) =>
  search === '' || text.toLocaleLowerCase('sv').includes(search.toLocaleLowerCase('sv'));

/** Units as checkbox groups, one per principal, in the order the query gives them. */
function groupUnits(units: { id: string; name: string; principalName: string }[], chosen: Set<string>) {
  const groups = new Map<string, { value: string; text: string; checked: boolean }[]>();
  for (const u of units) {
    const items = groups.get(u.principalName) ?? [];
    items.push({ value: u.id, text: u.name, checked: chosen.has(u.id) });
    groups.set(u.principalName, items);
  }
  return [...groups].map(([legend, items]) => ({ legend, items }));
}

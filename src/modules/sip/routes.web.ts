import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { requireUser } from '../../platform/http/context.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { choices, labelItems, listSummary, pagination } from '../../platform/views/page-helpers.ts';
import { renderPage } from '../../platform/views/render.ts';
import { organisationNames } from '../organisations/index.ts';
import { unitsThatTakePart } from './access-rule.ts';
import { startForm } from './forms.ts';
import { sipLabels } from './labels.ts';
import { placementLines } from './placement.ts';
import { responsibleName } from './plan-units.ts';
import { convenes, sipActions } from './policy.ts';
import type { SipJson } from './present.ts';
import { listSipSummaries, readSip, type SipFilter } from './read-sips.ts';
import { access, namesFor, params, sipPath } from './routes.web.shared.ts';
import { sipBanner, sipContentModel } from './routes.web.show-content.ts';
import { otherOpenSipsOf, startSip } from './start-sip.ts';

// The SIP pages: the list, starting a SIP and the SIP's own page. Its forms are in routes.web.consent.ts,
// routes.web.invitations.ts, routes.web.plan.ts and routes.web.closure.ts (each a page of its own,
// platform/views/form-pages.ts).

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

/** The SIP page's address may carry the code of the step just done, for its banner (?klart=plan). */
const showQuery = z.object({ klart: z.string().max(40).optional() });

const startPage = formPage({
  path: '/sip/ny',
  access,
  nav: 'sip',
  view: 'sip/start.njk',
  title: 'Starta en SIP',
  form: startForm,
  firstField: 'personalIdentityNumber',
  back: () => ({ href: '/sip', text: 'Tillbaka till SIP:arna' }),
  load: async (_ctx, _p, state) => ({
    model: {
      requesterItems: labelItems(sipLabels.requester, state.values?.requestedBy),
      planKindItems: labelItems(sipLabels.planKind, state.values?.planKind ?? 'SIP'),
    },
  }),
  run: async (ctx, _p, { personalIdentityNumber, name, reason, requestedBy, hasChildren, planKind }) => {
    const sip = await startSip(ctx, {
      person: { personalIdentityNumber, name },
      reason,
      requestedBy,
      hasChildren: hasChildren === 'unknown' ? null : hasChildren === 'yes',
      planKind,
    });
    return done(sipPath(sip.id), 'startad');
  },
});

export const sipWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/sip', { config: { access }, schema: { querystring: listQuery } }, async (request, reply) => {
    const ctx = requireUser(request.ctx);
    const { status, visa, sida } = request.query;
    const filter = { status: statusFromQuery[status], show: showFromQuery[visa] };
    const { sips, total } = await listSipSummaries(ctx, {
      ...filter,
      page: { number: sida, size: pageSize },
    });
    const list = { path: '/sip', filters: { status, visa }, page: sida, size: pageSize };
    const names = await organisationNames(ctx.db, {
      unitIds: [...new Set(sips.map((s) => s.conveningUnitId))],
      principalIds: [],
    });
    const today = isoDate(ctx.now);
    return renderPage(request, reply, 'sip/list.njk', {
      pageTitle: sida > 1 ? `Mina SIP:ar, sida ${sida}` : 'Mina SIP:ar',
      nav: 'sip',
      rows: sips.map((s) => ({
        ...s,
        conveningName: names.unitWithPrincipal(s.conveningUnitId),
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

  registerFormPage(app, startPage);

  app.get('/sip/:id', { config: { access }, schema: { params, querystring: showQuery } }, showSip);
};

/** The SIP's own page: what is recorded, and the actions the caller's unit may take now. */
async function showSip(
  request: FastifyRequest<{ Params: { id: string }; Querystring: { klart?: string } }>,
  reply: FastifyReply,
) {
  const ctx = requireUser(request.ctx);
  const sip = await readSip(ctx, request.params.id);
  const names = await namesFor(ctx.db, [sip]);
  // A unit whose invitation waits for its answer reads the SIP but does not write the plan.
  const takesPart = (await unitsThatTakePart(ctx.db, sip.id, [ctx.user.unit.id])).length > 0;
  // While the request waits for consent, the convener is shown the person's other open SIPs it already sees.
  const existingSips =
    sip.status === 'requested' && convenes(ctx, sip.convening.unitId)
      ? await otherOpenSipsOf(ctx.db, ctx.user, sip.person.id, sip.id)
      : [];
  return renderPage(request, reply, 'sip/show.njk', {
    pageTitle: `SIP för ${sip.person.name}`,
    nav: 'sip',
    banner: sipBanner(request.query.klart),
    sip,
    ...sipContentModel(sip, names),
    existingSips,
    guardianNames: (sip.consent?.guardians ?? []).map((g) => g.name).join(', '),
    // A child's guardians are named in their own row below.
    consentGivenBy:
      sip.consent &&
      giverText(sip.consent.guardians.length ? { capacity: 'guardian', name: null } : sip.consent.givenBy),
    conveningName: names.unitWithPrincipal(sip.convening.unitId),
    consentPrincipals: (sip.consent?.principalIds ?? [])
      .map(names.principal)
      .sort((a, b) => a.localeCompare(b, 'sv')),
    consentChanges: consentChangeRows(sip, names),
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
        ...i,
        who: responsibleName(i, names),
      })),
      placement: sip.plan.placement && placementLines(sip.plan.placement, names),
    },
    can: {
      ...sipActions(ctx, {
        conveningUnitId: sip.convening.unitId,
        open: sip.status !== 'closed',
        hasConsent: Boolean(sip.consent),
        consentInForce: sip.consent !== null && sip.consent.withdrawnAt === null,
        hasPlan: sip.plan !== null,
        takesPart,
      }),
      protect: convenes(ctx, sip.convening.unitId) && !sip.person.protectedIdentity,
    },
  });
}

/** Who gave a consent or a change: "Personen själv", "Vårdnadshavare: Anna Andersson" (in a sentence, lower case). */
const giverText = (g: { capacity: string; name: string | null }, inSentence = false) => {
  const label = sipLabels.consentCapacity[g.capacity] ?? g.capacity;
  const who = inSentence ? label.toLocaleLowerCase('sv') : label;
  return g.capacity === 'person' || !g.name ? who : `${who}: ${g.name}`;
};

const consentChangeLabels: Record<string, (principal: string) => string> = {
  principalAdded: (principal) => `Utökat med ${principal}`,
  principalWithdrawn: (principal) => `Återkallat för ${principal}`,
  withdrawn: () => 'Hela samtycket återkallat',
  relativesAllowed: () => 'Närstående får delta',
  relativesRefused: () => 'Närstående får inte delta',
};

/**
 * The consent's changes after it was given, each a new version: by the convening unit, with who gave it, or by the
 * person with e-ID (issue 26).
 */
function consentChangeRows(sip: SipJson, names: { principal: (id: string) => string }) {
  return (sip.consent?.changes ?? []).map((c) => ({
    on: c.changedOn,
    version: c.version,
    text: consentChangeLabels[c.kind]!(names.principal(c.principalId ?? '')),
    by:
      c.recordedBy === 'person'
        ? 'av personen själv med e-legitimation'
        : `${c.givenBy ? `lämnat av ${giverText(c.givenBy, true)}, ` : ''}registrerat av sammankallande enhet`,
  }));
}

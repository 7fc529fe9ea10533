import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { labelItems } from '../../platform/views/page-helpers.ts';
import { careUnitsOfPrincipals, countyWithPrincipals } from '../organisations/index.ts';
import { answerInvitation } from './answer-invitation.ts';
import { answerForm, inviteForm, meetingWithoutPlace } from './forms.ts';
import { inviteUnits } from './invite-unit.ts';
import { sipLabels } from './labels.ts';
import { readSip } from './read-sips.ts';
import { access, backToSip, namesFor, params, sipPath } from './routes.web.shared.ts';

// Calling units to the SIP meeting (the convening unit), and a called unit's answer, which it reaches from
// "Mitt arbete".

const invitePage = formPage({
  path: '/sip/:id/kallelse',
  params,
  query: z.object({ sok: z.string().max(100).optional() }),
  access,
  nav: 'sip',
  view: 'sip/invite.njk',
  title: 'Kalla till SIP-möte',
  form: inviteForm,
  firstField: 'unitIds',
  fieldIds: { meetingAt: 'meetingDate' },
  back: backToSip,
  load: async (ctx, p, state, request) => {
    const sip = await readSip(ctx, p.id!);
    const search = String((request.query as { sok?: string }).sok ?? '').trim();
    const units = (await careUnitsOfPrincipals(ctx.db, sip.consent?.principalIds ?? [])).filter(
      (u) => u.id !== ctx.user.unit.id && matches(`${u.name} ${u.principalName}`, search),
    );
    const county = await countyWithPrincipals(ctx.db, sip.countyCode);
    return {
      model: {
        sip,
        search,
        answerDays: county?.invitationAnswerWorkingDays,
        unitGroups: groupUnits(units, new Set([state.values?.unitIds ?? []].flat().map(String))),
        externalItems: labelItems(sipLabels.externalParticipant, state.values?.external),
      },
    };
  },
  check: (_ctx, _p, posted) => meetingWithoutPlace(posted),
  run: async (ctx, p, data) => {
    await inviteUnits(ctx, p.id!, data);
    return done(sipPath(p.id!), 'kallelse');
  },
});

const answerPage = formPage({
  path: '/kallelser/:id',
  params,
  query: z.object({ sip: z.string().max(100) }),
  access,
  nav: 'mitt-arbete',
  view: 'sip/answer.njk',
  title: 'Svara på kallelse',
  form: answerForm,
  firstField: 'answer',
  back: () => ({ href: '/', text: 'Tillbaka till Mitt arbete' }),
  load: async (ctx, p, state, request) => {
    // The SIP is in the address when the page is opened, and in a hidden field when the answer is sent.
    const sipId = String((request.query as { sip?: string }).sip ?? state.values?.sip ?? '');
    const sip = await readSip(ctx, sipId);
    const invitation = sip.invitations.find((i) => i.id === p.id);
    if (!invitation) throw notFound();
    const names = await namesFor(ctx.db, [sip]);
    return {
      model: { sip, invitation, conveningName: names.unitWithPrincipal(sip.convening.unitId) },
    };
  },
  run: async (ctx, p, { answer, reason, sip }) => {
    const accepted = answer === 'accept';
    await answerInvitation(ctx, p.id!, { accepted, reason });
    return accepted ? done(sipPath(sip), 'svar') : '/';
  },
});

export const sipInvitationWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, invitePage);
  registerFormPage(app, answerPage);
};

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

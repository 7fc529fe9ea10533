import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { countyWithPrincipals } from '../organisations/index.ts';
import { versionOf } from './change.ts';
import { answerComment, commentOnSection, openConsultation } from './consultation.ts';
import { answerForm, commentForm, consultationForm } from './forms.ts';
import { type AgreementAggregate, loadConsultation, loadSections, sectionTree } from './load.ts';
import { sectionViews, versionPath } from './page-model.ts';
import {
  administered,
  admins,
  at,
  backTo,
  commentParams,
  draftOf,
  load,
  today,
  versionParams,
} from './routes.web.shared.ts';

// The consultation (remiss): an administrator sends a draft to chosen organisations, who comment section by
// section until the closing date; the administrators answer each comment.

const common = { nav: 'overenskommelser', back: backTo } as const;

/** The county's organisations a consultation can go to: user organisations first, then region and municipalities. */
async function consultationGroups(ctx: UserContext, a: AgreementAggregate, chosen: unknown) {
  const county = (await countyWithPrincipals(ctx.db, a.countyCode))!;
  const picked = new Set([chosen ?? []].flat().map(String));
  const group = (legend: string, kind: string) => ({
    legend,
    items: county.principals
      .filter((p) => p.kind === kind)
      .map((p) => ({ value: p.id, text: p.name, checked: picked.has(p.id) })),
  });
  return [
    group('Brukar- och närståendeorganisationer', 'userOrganisation'),
    group('Region', 'region'),
    group('Kommuner', 'municipality'),
  ].filter((g) => g.items.length > 0);
}

const consultationPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/remiss',
  params: versionParams,
  access: admins,
  view: 'agreements/consultation.njk',
  title: 'Skicka på remiss',
  form: consultationForm,
  firstField: 'closesOn',
  load: async (ctx, p, state) => {
    const { a, caption } = await draftOf(ctx, at(p));
    return {
      caption,
      model: { groups: await consultationGroups(ctx, a, state.values?.inviteePrincipalIds) },
    };
  },
  run: async (ctx, p, data) => {
    const { id, number } = at(p);
    await openConsultation(ctx, id, number, data);
    return done(versionPath(id, number), 'remiss');
  },
});

const commentPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/synpunkt',
  params: versionParams,
  access: 'authenticated',
  view: 'agreements/comment.njk',
  title: 'Lämna synpunkt',
  form: commentForm,
  firstField: 'sectionKey',
  load: async (ctx, p, state, request) => {
    const a = await load(ctx, at(p));
    const v = versionOf(a, at(p).number);
    const consultation = await loadConsultation(ctx.db, v.id);
    if (!consultation) throw conflict('Versionen är inte ute på remiss.');
    if (!consultation.invitees.some((i) => i.principalId === ctx.user.principal.id))
      throw forbidden('Din organisation är inte inbjuden att lämna synpunkter på den här remissen.');
    if (v.stage !== 'consultation' || today(ctx) > consultation.closesOn)
      throw conflict(`Remisstiden gick ut ${consultation.closesOn}. Synpunkter kan inte längre lämnas.`);
    const query = request.query as { avsnitt?: string };
    const chosen = String(state.values?.sectionKey ?? query.avsnitt ?? '');
    const sections = sectionViews(sectionTree(await loadSections(ctx.db, v.id)));
    return {
      caption: `${a.title} · version ${v.number}`,
      model: {
        closesOn: consultation.closesOn,
        organisation: ctx.user.principal.name,
        sectionItems: [
          { value: '', text: 'Välj avsnitt', selected: chosen === '' },
          ...sections.map((s) => ({
            value: s.key,
            text: `${'– '.repeat(s.depth)}${s.heading}`,
            selected: s.key === chosen,
          })),
        ],
      },
    };
  },
  run: async (ctx, p, data) => {
    const { id, number } = at(p);
    await commentOnSection(ctx, id, number, data);
    return `${done(versionPath(id, number), 'synpunkt')}#avsnitt-${encodeURIComponent(data.sectionKey)}`;
  },
});

const answerPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/synpunkter/:commentId/svar',
  params: commentParams,
  access: admins,
  view: 'agreements/answer.njk',
  title: 'Besvara synpunkten',
  form: answerForm,
  firstField: 'answer',
  load: async (ctx, p) => {
    const a = await administered(ctx, at(p));
    const v = versionOf(a, at(p).number);
    const consultation = await loadConsultation(ctx.db, v.id);
    const comment = consultation?.comments.find((c) => c.id === at(p).commentId);
    if (!comment) throw notFound('Synpunkten finns inte.');
    if (comment.answer !== null) throw conflict('Synpunkten är redan besvarad.');
    const section = (await loadSections(ctx.db, v.id)).find((s) => s.key === comment.sectionKey);
    return {
      caption: `${a.title} · version ${v.number}`,
      model: { comment, sectionHeading: section?.heading ?? '' },
    };
  },
  run: async (ctx, p, data) => {
    const { id, number, commentId } = at(p);
    await answerComment(ctx, id, number, commentId, data.answer);
    return done(versionPath(id, number), 'svar');
  },
});

export const agreementConsultationWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, consultationPage);
  registerFormPage(app, commentPage);
  registerFormPage(app, answerPage);
};

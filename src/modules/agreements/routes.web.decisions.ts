import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict } from '../../platform/errors.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { versionOf } from './change.ts';
import { giveNotice, recordAdoption } from './decide.ts';
import { adoptionForm, noticeForm } from './forms.ts';
import { agreementPath, versionPath } from './page-model.ts';
import {
  administered,
  admins,
  agreementParams,
  at,
  backTo,
  today,
  versionParams,
} from './routes.web.shared.ts';

// The parties' decisions: each party's adoption of a version sent for decision, and a party's notice.

const common = { access: admins, nav: 'overenskommelser', back: backTo } as const;

const adoptionPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/antagande',
  params: versionParams,
  view: 'agreements/adoption.njk',
  title: 'Registrera en parts beslut',
  form: adoptionForm,
  firstField: 'principalId',
  load: async (ctx, p, state, request) => {
    const a = await administered(ctx, at(p));
    const v = versionOf(a, at(p).number);
    if (v.stage !== 'decision') throw conflict('Versionen är inte skickad till parterna för beslut än.');
    const waiting = a.parties.filter((x) => !v.adoptions.some((d) => d.principalId === x.principalId));
    const query = request.query as { part?: string };
    const chosen = String(state.values?.principalId ?? query.part ?? '');
    return {
      caption: `${a.title} · version ${v.number}`,
      model: {
        publishedOn: v.publishedOn,
        partyItems: [
          { value: '', text: 'Välj part', selected: chosen === '' },
          ...waiting.map((x) => ({
            value: x.principalId,
            text: x.name,
            selected: x.principalId === chosen,
          })),
        ],
      },
    };
  },
  run: async (ctx, p, data) => {
    const { id, number } = at(p);
    await recordAdoption(ctx, id, number, data);
    return `${done(versionPath(id, number), 'antagande')}#beslut`;
  },
});

const noticePage = formPage({
  ...common,
  path: '/overenskommelser/:id/uppsagning',
  params: agreementParams,
  view: 'agreements/notice.njk',
  title: 'Registrera uppsägning',
  form: noticeForm,
  firstField: 'principalId',
  load: async (ctx, p, state) => {
    const a = await administered(ctx, at(p));
    if (a.status !== 'inForce') throw conflict('Bara en gällande överenskommelse kan sägas upp.');
    if (a.noticeGivenOn) throw conflict(`Överenskommelsen är redan uppsagd (${a.noticeGivenOn}).`);
    const chosen = String(state.values?.principalId ?? ctx.user.principal.id);
    return {
      caption: a.title,
      values: { givenOn: today(ctx) },
      model: {
        validity: a.validity,
        recipient: a.current?.noticeRecipient ?? null,
        partyItems: a.parties.map((x) => ({
          value: x.principalId,
          text: x.name,
          selected: x.principalId === chosen,
        })),
      },
    };
  },
  run: async (ctx, p, data) => {
    await giveNotice(ctx, at(p).id, data);
    return done(agreementPath(at(p).id), 'uppsagd');
  },
});

export const agreementDecisionWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, adoptionPage);
  registerFormPage(app, noticePage);
};

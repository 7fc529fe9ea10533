import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict } from '../../platform/errors.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { followUpForm, localAgreementForm } from './forms.ts';
import { countyTemplate, createLocalAgreement, recordFollowUp } from './local-agreements.ts';
import { agreementPath } from './page-model.ts';
import { administered, admins, agreementParams, at, backTo, today } from './routes.web.shared.ts';

// Local agreements: made from a county agreement's template for chosen municipalities, and followed up.

const common = { access: admins, nav: 'overenskommelser', back: backTo, params: agreementParams } as const;

const followUpPage = formPage({
  ...common,
  path: '/overenskommelser/:id/uppfoljning',
  view: 'agreements/follow-up.njk',
  title: 'Registrera uppföljning',
  form: followUpForm,
  firstField: 'on',
  load: async (ctx, p) => {
    const a = await administered(ctx, at(p));
    if (a.kind !== 'local') throw conflict('Bara lokala överenskommelser följs upp här.');
    return { caption: a.title, values: { on: today(ctx) }, model: { last: a.lastFollowedUpOn } };
  },
  run: async (ctx, p, data) => {
    await recordFollowUp(ctx, at(p).id, data);
    return done(agreementPath(at(p).id), 'uppfoljning');
  },
});

const localAgreementPage = formPage({
  ...common,
  path: '/overenskommelser/:id/lokal',
  view: 'agreements/local.njk',
  title: 'Skapa lokal överenskommelse',
  form: localAgreementForm,
  firstField: 'title',
  load: async (ctx, p, state) => {
    const a = await administered(ctx, at(p));
    if (a.kind !== 'county')
      throw conflict('En lokal överenskommelse hör till en länsövergripande överenskommelse.');
    const picked = new Set([state.values?.principalIds ?? []].flat().map(String));
    return {
      caption: a.title,
      model: {
        template: await countyTemplate(ctx.db, a.countyCode),
        groups: [
          {
            legend: 'Kommuner',
            items: a.parties
              .filter((x) => x.kind === 'municipality')
              .map((x) => ({ value: x.principalId, text: x.name, checked: picked.has(x.principalId) })),
          },
        ],
      },
    };
  },
  run: async (ctx, p, data) => {
    const created = await createLocalAgreement(ctx, at(p).id, data);
    return done(agreementPath(created.id), 'lokal');
  },
});

export const agreementLocalWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, followUpPage);
  registerFormPage(app, localAgreementPage);
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { labelItems } from '../../platform/views/page-helpers.ts';
import { visibleSipId } from './access-rule.ts';
import { closeSip } from './close-sip.ts';
import { changeClosure, closureForm, closureFormProblems } from './forms.content.ts';
import { giverFieldIds, statedGiver, withdrawalForm } from './forms.ts';
import { sipLabels } from './labels.ts';
import { readSip } from './read-sips.ts';
import { giverModel } from './routes.web.consent.ts';
import { access, backToSip, params, sipPath } from './routes.web.shared.ts';
import { unscopedConveningUnit } from './unscoped-reads.ts';
import { withdrawConsent } from './withdraw-consent.ts';

// The end of a SIP's work: the convening unit closes it, or records that the person withdrew the consent.

const closePage = formPage({
  path: '/sip/:id/avsluta',
  params,
  access,
  nav: 'sip',
  view: 'sip/close.njk',
  title: 'Avsluta SIP:en',
  form: closureForm,
  firstField: 'reason',
  back: backToSip,
  load: async (ctx, p, state) => {
    const sip = await readSip(ctx, p.id!);
    return {
      model: {
        sip,
        goalsMetItems: labelItems(sipLabels.goalsMet, state.values?.goalsMet),
        reasonLabels: {
          goalsMet: 'Målen är uppnådda',
          noConsent: 'Samtycke saknas',
          moved: 'Personen har flyttat',
          deceased: 'Personen har avlidit',
          other: 'Annat skäl',
        },
      },
    };
  },
  // Only the convening unit closes an open SIP: refused before the confirmation page is shown. With a plan,
  // closing evaluates its goals (issue 22); a request without one (no consent) has none to evaluate.
  // (Who convenes is asked without reading the SIP, so a refused unit leaves no read in the access log.)
  prepare: async (ctx, p) => {
    if (!(await visibleSipId(ctx.db, ctx.user, p.id!))) throw notFound();
    if ((await unscopedConveningUnit(ctx.db, p.id!)) !== ctx.user.unit.id)
      throw forbidden('Bara den sammankallande enheten får avsluta SIP:en.');
    const sip = await readSip(ctx, p.id!);
    if (sip.status === 'closed') throw conflict('SIP:en är avslutad och kan inte ändras.');
    return sip.plan !== null;
  },
  check: (_ctx, _p, posted, hasPlan) => closureFormProblems(posted, hasPlan),
  step: changeClosure,
  // Closing cannot be undone: the first send shows what will be recorded, and asks.
  confirm: { view: 'sip/close-confirm.njk', title: 'Vill du avsluta SIP:en?', field: 'confirmed' },
  run: async (ctx, p, data) => {
    await closeSip(ctx, p.id!, data);
    return done(sipPath(p.id!), 'avslutad');
  },
});

const withdrawPage = formPage({
  path: '/sip/:id/aterkalla',
  params,
  access,
  nav: 'sip',
  view: 'sip/withdraw.njk',
  title: 'Samtycket återkallas',
  form: withdrawalForm,
  firstField: 'withdrawnAt',
  back: backToSip,
  load: async (ctx, p, state) => {
    const sip = await readSip(ctx, p.id!);
    return { model: { sip, ...giverModel(ctx, sip, state.values) } };
  },
  fieldIds: giverFieldIds,
  run: async (ctx, p, { withdrawnAt, givenBy, givenByName }) => {
    await withdrawConsent(ctx, p.id!, { withdrawnAt, givenBy: statedGiver({ givenBy, givenByName }) });
    return done(sipPath(p.id!), 'aterkallat');
  },
});

export const sipClosureWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, closePage);
  registerFormPage(app, withdrawPage);
};

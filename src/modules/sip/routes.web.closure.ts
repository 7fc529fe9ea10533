import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { closeSip } from './close-sip.ts';
import { closureForm, withdrawalForm } from './forms.ts';
import { readSip } from './read-sips.ts';
import { access, backToSip, params, sipPath } from './routes.web.shared.ts';
import { withdrawConsent } from './withdraw-consent.ts';

// The end of a SIP's work: the convening unit closes it, or records that the person withdrew the consent.

/** What both pages show: the SIP. */
const sipOf = async (ctx: Parameters<typeof readSip>[0], p: Record<string, string>) => ({
  model: { sip: await readSip(ctx, p.id!) },
});

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
  load: sipOf,
  run: async (ctx, p, data) => {
    await closeSip(ctx, p.id!, data);
    return sipPath(p.id!);
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
  load: sipOf,
  run: async (ctx, p, data) => {
    await withdrawConsent(ctx, p.id!, data);
    return sipPath(p.id!);
  },
});

export const sipClosureWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, closePage);
  registerFormPage(app, withdrawPage);
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePerson } from '../../platform/http/context.ts';
import { formErrors } from '../../platform/views/form-errors.ts';
import { done, type FormState, postForm } from '../../platform/views/form-pages.ts';
import { changeOwnConsent } from '../sip/index.ts';
import { relativesForm, withdrawForm } from './forms.ts';
import { mayChangeConsent, withdrawablePrincipals } from './policy.ts';
import { readMyPlan } from './read-my-plans.ts';
import {
  access,
  banners,
  base,
  errorPage,
  idOf,
  notInForce,
  page,
  pageConfig,
  params,
  planPath,
  type Rep,
  type Req,
} from './routes.web.shared.ts';

// My consent (issue 26 item 3): which principals may share information, its history, and the person's own acts,
// each a form posted through postForm (platform/views/form-pages.ts, decision 0021) and done by the SIP module
// (sip/change-own-consent.ts), on the person's own pages and error page.

const consentPath = (id: string) => `${planPath(id)}/samtycke`;

export const myConsentWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${base}/:id/samtycke`,
    {
      config: pageConfig,
      schema: { params, querystring: z.object({ klart: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const plan = await readMyPlan(requirePerson(request.ctx), request.params.id);
      return page(request, reply, 'consent.njk', {
        pageTitle: 'Ditt samtycke',
        plan,
        mayChange: mayChangeConsent(plan),
        banner: banners[request.query.klart ?? ''] ?? null,
      });
    },
  );

  const withdrawPath = `${base}/:id/samtycke/ta-tillbaka`;
  app.get(withdrawPath, { config: pageConfig, schema: { params } }, (request, reply) =>
    showWithdraw(request, reply),
  );
  postForm(app, {
    path: withdrawPath,
    access,
    params,
    form: withdrawForm,
    show: showWithdraw,
    problemPage: errorPage,
    run: async (request, { vem }) => {
      const all = vem === 'alla';
      await changeOwnConsent(
        requirePerson(request.ctx),
        idOf(request),
        all ? { act: 'withdrawAll' } : { act: 'withdrawPrincipal', principalId: vem },
      );
      return done(consentPath(idOf(request)), all ? 'tagit-tillbaka-alla' : 'tagit-tillbaka');
    },
  });

  const relativesPath = `${base}/:id/samtycke/narstaende`;
  app.get(relativesPath, { config: pageConfig, schema: { params } }, (request, reply) =>
    showRelatives(request, reply),
  );
  postForm(app, {
    path: relativesPath,
    access,
    params,
    form: relativesForm,
    show: showRelatives,
    problemPage: errorPage,
    run: async (request, { narstaende }) => {
      const changed = await changeOwnConsent(requirePerson(request.ctx), idOf(request), {
        act: 'relatives',
        allowed: narstaende === 'ja',
      });
      return done(consentPath(idOf(request)), changed ? 'narstaende' : 'oforandrat');
    },
  });
};

/** Withdraw the consent: for one principal (never the convening one alone) or for all. */
async function showWithdraw(request: Req, reply: Rep, state: FormState = {}) {
  const plan = await readMyPlan(requirePerson(request.ctx), idOf(request));
  if (!mayChangeConsent(plan)) return errorPage(request, reply, notInForce());
  const chosen = String(state.values?.vem ?? '');
  return page(request, reply, 'withdraw.njk', {
    pageTitle: 'Ta tillbaka samtycket',
    plan,
    items: [
      ...withdrawablePrincipals(plan).map((p) => ({ value: p.id, text: p.name, checked: chosen === p.id })),
      {
        value: 'alla',
        text: 'Alla',
        hint: { text: 'Då avslutas planen. Ingen får dela information om dig längre.' },
        checked: chosen === 'alla',
      },
    ],
    ...formErrors(state.errors, state.problem, 'vem', { principalId: 'vem' }),
  });
}

/** Whether relatives may take part. */
async function showRelatives(request: Req, reply: Rep, state: FormState = {}) {
  const plan = await readMyPlan(requirePerson(request.ctx), idOf(request));
  if (!mayChangeConsent(plan)) return errorPage(request, reply, notInForce());
  const chosen = String(state.values?.narstaende ?? (plan.consent?.relatives ? 'ja' : 'nej'));
  return page(request, reply, 'relatives.njk', {
    pageTitle: 'Får dina närstående vara med?',
    plan,
    items: [
      { value: 'ja', text: 'Ja', checked: chosen === 'ja' },
      { value: 'nej', text: 'Nej', checked: chosen === 'nej' },
    ],
    ...formErrors(state.errors, state.problem, 'narstaende'),
  });
}

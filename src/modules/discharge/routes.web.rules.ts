import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/context.ts';
import { mayCall } from '../../platform/http/guard.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { renderPage } from '../../platform/views/render.ts';
import { paymentRuleForm } from './forms.ts';
import { addPaymentRule, listPaymentRules } from './payment-rule-admin.ts';
import { mayAddPaymentRule, paymentRuleAdminRoles } from './policy.ts';
import { access, kronor } from './routes.web.shared.ts';
import type { DayKind } from './schema.ts';

// "Betalningsansvar": the county's payment rules with their history (the law's own rule where the county has
// none), for everyone who works with discharges, and the county administrator's form for a new rule.

const rulesPath = '/utskrivning/betalningsansvar';
const dayKindLabels: Record<DayKind, string> = { calendar: 'kalenderdagar', working: 'vardagar' };

const newRulePage = formPage({
  path: `${rulesPath}/ny-regel`,
  params: z.object({}),
  access: paymentRuleAdminRoles,
  nav: 'utskrivning',
  view: 'discharge/step.njk',
  title: 'Ny regel för betalningsansvar',
  form: paymentRuleForm,
  firstField: 'validFrom',
  back: () => ({ href: rulesPath, text: 'Tillbaka till betalningsansvar' }),
  load: async (ctx) => ({
    caption: ctx.user.county.name,
    values: { dayKind: 'calendar' },
    model: {
      intro:
        'Regeln gäller från en dag efter i dag. Redan räknade dagar behåller den regel som gällde då. En regel kan inte ändras eller tas bort; lägg till en ny i stället.',
      button: 'Spara regeln',
      fields: [
        { kind: 'date', id: 'validFrom', label: 'Gäller från', hint: 'ÅÅÅÅ-MM-DD' },
        {
          kind: 'text',
          id: 'daysAfterNotice',
          label: 'Betalningsansvaret börjar efter så många dagar',
          hint: 'Räknat från dagen då de berörda enheterna fick beskedet att patienten är utskrivningsklar',
        },
        {
          kind: 'select',
          id: 'dayKind',
          label: 'Dagarna räknas som',
          items: [
            { value: 'calendar', text: 'Kalenderdagar' },
            { value: 'working', text: 'Vardagar (helgdagar räknas inte)' },
          ],
        },
        { kind: 'text', id: 'dailyAmountSek', label: 'Belopp per vårddygn, kronor' },
        {
          kind: 'textarea',
          id: 'source',
          label: 'Vad regeln bygger på',
          hint: 'Till exempel avsnittet i länets överenskommelse och beslutet',
        },
      ],
    },
  }),
  run: async (ctx, _p, data) => {
    await addPaymentRule(ctx, data);
    return done(rulesPath, 'regel');
  },
});

export const dischargeRulesWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    rulesPath,
    {
      config: { access: [...access, ...paymentRuleAdminRoles] },
      schema: { querystring: z.object({ klart: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const rules = await listPaymentRules(ctx);
      return renderPage(request, reply, 'discharge/payment-rules.njk', {
        pageTitle: 'Betalningsansvar efter utskrivningsklar',
        nav: 'utskrivning',
        banner: request.query.klart === 'regel' ? 'Regeln är sparad.' : null,
        mayAdd: mayAddPaymentRule(ctx.user),
        // An administrator comes from the administration's start page and has no discharge board.
        back: mayCall(access, ctx.user)
          ? { text: 'Tillbaka till utskrivningstavlan', href: '/utskrivning' }
          : { text: 'Tillbaka till administrationen', href: '/administration' },
        newRulePath: `${rulesPath}/ny-regel`,
        rules: rules.map((r) => ({
          ...r,
          whose: r.countyCode ? ctx.user.county.name : 'Lagens regel',
          days: `${r.daysAfterNotice} ${dayKindLabels[r.dayKind]}`,
          amount: kronor(r.dailyAmountSek),
        })),
      });
    },
  );
  registerFormPage(app, newRulePage);
};

import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { requireUser } from '../../../platform/http/context.ts';
import { countFailedMail, listOutbox } from '../../../platform/mail/outbox.ts';
import { done, registerFormPage } from '../../../platform/views/form-pages.ts';
import { listSummary, pagination } from '../../../platform/views/page-helpers.ts';
import { renderPage } from '../../../platform/views/render.ts';
import { counties } from '../schema.ts';
import { listAdminLog } from './admin-log.ts';
import { changeCountyRules, readCountyRules, ruleLimits, setLoginMethods } from './county-rules.ts';
import { loginMethodsForm, rulesForm } from './forms.ts';
import { adminAccess as access } from './policy.ts';
import { adminAccountWebRoutes } from './routes.web.accounts.ts';
import { adminGovernanceWebRoutes } from './routes.web.governance.ts';
import { adminOutboxWebRoutes } from './routes.web.outbox.ts';
import { adminSettingsWebRoutes } from './routes.web.settings.ts';
import { banner } from './routes.web.shared.ts';
import { adminUnitWebRoutes } from './routes.web.units.ts';
import { listSettingsToConfirm } from './settings-to-confirm.ts';

// "Administration": a county administrator's pages for the county's organisation, accounts and rules, the
// administration log and the outbox. Every route is for countyAdmin, in their own county.

const nav = 'administration' as const;
const paged = z.object({ sida: z.coerce.number().int().min(1).max(10000).default(1) });
const outboxQuery = paged.extend({ visa: z.enum(['alla', 'ej-skickade']).optional() });

/**
 * The ways into Sömlös a county's accounts have: its e-ID providers, what an e-ID login is matched to an
 * account by, and, if it allows them, passwords.
 */
async function countyLoginMethods(
  db: Db,
  providers: readonly { county: string; name: string; demo: boolean }[],
  countyCode: string,
) {
  const [county] = await db
    .select({ passwordLogin: counties.passwordLogin, eidMatch: counties.eidMatch })
    .from(counties)
    .where(eq(counties.code, countyCode));
  return {
    eid: providers.filter((p) => p.county === countyCode).map((p) => `${p.name}${p.demo ? ' (demo)' : ''}`),
    eidMatch: county?.eidMatch ?? 'hsaId',
    password: county?.passwordLogin === true,
  };
}

export const adminWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await countyRoutes(app, {});
  await logAndOutboxRoutes(app, {});
  // One message as its recipient sees it (routes.web.outbox.ts).
  await app.register(adminOutboxWebRoutes);
  await app.register(adminUnitWebRoutes);
  await app.register(adminAccountWebRoutes);
  await app.register(adminGovernanceWebRoutes);
  await app.register(adminSettingsWebRoutes);
};

/** The administration's start page, the county's login methods, and its deadlines and target group. */
const countyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration',
    { config: { access }, schema: { querystring: z.object({ klart: z.string().max(40).optional() }) } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const { user, db } = ctx;
      return renderPage(request, reply, 'administration/index.njk', {
        settingsToConfirm: await listSettingsToConfirm(ctx),
        pageTitle: 'Administration',
        nav,
        countyName: user.county.name,
        banner: banner(request.query.klart),
        loginMethods: await countyLoginMethods(db, app.eidProviderNames, user.county.code),
        failedMail: await countFailedMail(db, user.county.code),
      });
    },
  );

  // The county's choice of passwords beside e-ID, and of what e-ID logins are matched by (issue 24); its e-ID
  // providers are the operator's.
  registerFormPage(app, {
    path: '/administration/inloggning',
    access,
    nav,
    view: 'administration/login-methods.njk',
    title: 'Inloggningssätt',
    form: loginMethodsForm,
    firstField: 'passwordLogin',
    load: async (ctx) => {
      const methods = await countyLoginMethods(ctx.db, app.eidProviderNames, ctx.user.county.code);
      return {
        back: { href: '/administration', text: 'Tillbaka till administrationen' },
        values: { passwordLogin: methods.password ? 'ja' : 'nej', eidMatch: methods.eidMatch },
        model: { eid: methods.eid },
      };
    },
    run: async (ctx, _p, data: z.infer<typeof loginMethodsForm>) => {
      const providers = app.eidProviderNames.filter((p) => p.county === ctx.user.county.code);
      await setLoginMethods(
        ctx,
        { passwordLogin: data.passwordLogin === 'ja', eidMatch: data.eidMatch },
        providers,
      );
      return done('/administration', 'inloggning');
    },
  });

  registerFormPage(app, {
    path: '/administration/regler',
    access,
    nav,
    view: 'administration/rules.njk',
    title: 'Tidsfrister och målgrupp',
    form: rulesForm,
    firstField: 'invitationAnswerWorkingDays',
    banner,
    load: async (ctx) => {
      const rules = await readCountyRules(ctx.db, ctx.user.county.code);
      return {
        back: { href: '/administration', text: 'Tillbaka till administrationen' },
        values: { ...rules, targetGroupMinAge: rules.targetGroupMinAge ?? '' },
        model: { limits: ruleLimits },
      };
    },
    run: async (ctx, _p, data: z.infer<typeof rulesForm>) => {
      await changeCountyRules(ctx, data);
      return done('/administration/regler', 'regler');
    },
  });
};

/** The administration log and the outbox. */
const logAndOutboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/logg',
    { config: { access }, schema: { querystring: paged } },
    async (request, reply) => {
      const log = await listAdminLog(requireUser(request.ctx), request.query.sida);
      const list = { path: '/administration/logg', filters: {}, page: request.query.sida, size: log.size };
      return renderPage(request, reply, 'administration/log.njk', {
        pageTitle: 'Administrationslogg',
        nav,
        entries: log.entries.map((e) => ({ ...e, changes: describeChange(e.before, e.after) })),
        summary: listSummary(list, log.total, { one: 'ändring', many: 'ändringar' }),
        pagination: pagination(list, log.total),
      });
    },
  );

  app.get(
    '/administration/utkorg',
    { config: { access }, schema: { querystring: outboxQuery } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const failed = request.query.visa === 'ej-skickade';
      const box = await listOutbox(ctx.db, ctx.user.county.code, request.query.sida, {
        publicUrl: ctx.publicUrl,
        filter: failed ? 'failed' : 'all',
      });
      const filters: Record<string, string> = failed ? { visa: 'ej-skickade' } : {};
      const list = { path: '/administration/utkorg', filters, page: request.query.sida, size: box.size };
      return renderPage(request, reply, 'administration/outbox.njk', {
        pageTitle: 'Utkorg',
        nav,
        messages: box.messages,
        failed: box.failed,
        showingFailed: failed,
        summary: listSummary(list, box.total, { one: 'brev', many: 'brev' }),
        pagination: pagination(list, box.total),
      });
    },
  );
};

const fieldNames: Record<string, string> = {
  name: 'Namn',
  shortName: 'Kortnamn',
  principal: 'Huvudman',
  status: 'Status',
  successor: 'Efterträdare',
  username: 'Användarnamn',
  email: 'E-post',
  hsaId: 'HSA-id',
  identityNumber: 'Personnummer för e-legitimation',
  passwordLogin: 'Lösenord tillåtet',
  eidMatch: 'E-legitimation känns igen på',
  unit: 'Enhet',
  roles: 'Roller',
  active: 'Aktivt',
  kind: 'Sort',
  description: 'Beskrivning',
  covers: 'Omfattar',
  body: 'Organ',
  member: 'Ledamot',
  ladder: 'Eskaleringsordning',
  levels: 'Nivåer',
  label: 'Namn',
  position: 'Plats',
  count: 'Antal',
  accounts: 'Konton',
  to: 'Till',
  subject: 'Ämne',
  mailbox: 'Funktionsbrevlåda',
  categories: 'Kategorier',
  mode: 'E-post',
  digestHour: 'Sammanfattningens timme',
  validUntil: 'Giltig till',
  invitationAnswerWorkingDays: 'Arbetsdagar att svara på kallelse',
  deviationAnswerDays: 'Dagar att besvara avvikelse',
  targetGroupMinAge: 'Målgruppens lägsta ålder',
  targetGroupDescription: 'Målgrupp',
  sips: 'SIP som fördes över',
  deviations: 'Avvikelser som fördes över',
  disputes: 'Tvister som fördes över',
  movedAccounts: 'Konton som flyttades',
  deactivatedAccounts: 'Konton som inaktiverades',
  endedSessions: 'Inloggningar som avslutades',
  setting: 'Inställning',
  contractedBy: 'På uppdrag av',
  confirmed: 'Bekräftad',
};

/** A value as lines of text: a list one item a line, a yes/no in Swedish, nothing as a dash. */
const shown = (v: unknown): string[] =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
    ? ['–']
    : Array.isArray(v)
      ? v.flatMap(shown)
      : typeof v === 'boolean'
        ? [v ? 'ja' : 'nej']
        : [String(v)];

// Fields whose values are codes, with the words the log shows for them.
const valueNames: Record<string, Record<string, string>> = {
  eidMatch: { hsaId: 'HSA-id', identityNumber: 'personnummer' },
};
const named = (k: string, v: unknown) => (typeof v === 'string' ? (valueNames[k]?.[v] ?? v) : v);

// Fields that name what changed: shown even where the change left them as they were.
const alwaysShown = new Set(['name', 'ladder', 'setting']);

/** The log's rows: each field that changed, with its value before and after. */
function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]) || alwaysShown.has(k))
    .map((k) => ({
      field: fieldNames[k] ?? k,
      before: before ? shown(named(k, before[k])) : ['–'],
      after: after ? shown(named(k, after[k])) : ['–'],
    }));
}

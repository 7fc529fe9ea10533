import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { done, registerFormPage } from '../../platform/views/form-pages.ts';
import { asArray } from '../../platform/views/parse-form.ts';
import { renderPage } from '../../platform/views/render.ts';
import { adminAccess } from '../organisations/index.ts';
import { categoryLabels, categoryNouns, modeLabels } from './kinds.ts';
import {
  accountsOnDefault,
  describeUnsubscriber,
  readCountyDefault,
  readOwnPreferences,
  readUnitMailbox,
  saveCountyDefault,
  saveOwnPreferences,
  saveUnitMailbox,
  unsubscribe,
} from './preferences.ts';
import { type NotificationCategory, notificationCategories, notificationModes } from './schema.ts';
import { findUnsubscribeSecret, readUnsubscribeToken } from './unsubscribe-token.ts';

// E-mail about work: a user's own choice (Mitt konto), the county's default and a unit's functional mailbox (the
// county administrator), and the unsubscribe link every mail carries, which works without logging in (its
// signed key is the permission) and takes RFC 8058's one-click POST from a mail program.

const hours = Array.from({ length: 24 }, (_, h) => h);
const hourField = z
  .string({ error: 'Välj en tid' })
  .regex(/^\d{1,2}$/, 'Välj en tid')
  .transform(Number)
  .refine((h) => h >= 0 && h <= 23, 'Välj en tid mellan 00 och 23');
const modeField = z.enum(notificationModes, { error: 'Välj hur du vill få e-post' });
// Unticking every box posts no field at all: that is a choice too (no category).
const categoriesField = z
  .unknown()
  .optional()
  .transform(asArray)
  .pipe(z.array(z.enum(notificationCategories, { error: 'Välj bland kategorierna' })));

const preferencesForm = z.object({ mode: modeField, digestHour: hourField, categories: categoriesField });
const countyDefaultForm = z.object({ mode: modeField, digestHour: hourField });
const mailboxForm = z.object({
  mailbox: z.string().max(200, 'Adressen får vara högst 200 tecken').default(''),
  categories: categoriesField,
});

const modeItems = (chosen: string) =>
  notificationModes.map((m) => ({ value: m, text: modeLabels[m], checked: m === chosen }));
const hourItems = (chosen: number | string) =>
  hours.map((h) => ({
    value: String(h),
    text: `${String(h).padStart(2, '0')}.00`,
    selected: String(h) === String(chosen),
  }));
const categoryItems = (chosen: string[]) =>
  notificationCategories.map((c) => ({ value: c, text: categoryLabels[c], checked: chosen.includes(c) }));
const chosenList = (v: unknown, fallback: string[]) => (v === undefined ? fallback : asArray(v));

const tokenParams = z.object({ token: z.string().min(10).max(100) });
const unitParams = z.object({ id: z.string().min(1).max(100) });

// The unsubscribe link: GET shows what it ends and a button (a link checker following it changes nothing);
// POST ends it, from the button or as a mail program's one-click (RFC 8058, body List-Unsubscribe=One-Click).
const readKey = async (request: { ctx: { db: Db } }, token: string) => {
  const secret = await findUnsubscribeSecret(request.ctx.db);
  const key = secret ? readUnsubscribeToken(secret, token) : null;
  return key ? { key, who: await describeUnsubscriber(request.ctx.db, key) } : null;
};

const what = (scope: NotificationCategory | 'all') =>
  scope === 'all' ? 'all e-post om nytt arbete' : `e-post om ${categoryNouns[scope]}`;

export const notificationWebRoutes: FastifyPluginAsyncZod = async (app) => {
  await choiceRoutes(app, {});
  await mailboxAndUnsubscribePageRoutes(app, {});
  await unsubscribeRoutes(app, {});
};

/** A user's own choice of mail about work, and the county's default. */
const choiceRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, {
    path: '/konto/aviseringar',
    access: 'authenticated',
    nav: 'mitt-arbete',
    view: 'notifications/preferences.njk',
    title: 'E-post om nytt arbete',
    form: preferencesForm,
    firstField: 'mode',
    banner: (code) => (code === 'sparat' ? 'Dina val för e-post är sparade.' : null),
    load: async (ctx, _p, state) => {
      const own = await readOwnPreferences(ctx);
      const values = state.values ?? {};
      return {
        back: { href: '/konto', text: 'Tillbaka till Mitt konto' },
        values: { mode: own.choice.mode, digestHour: own.choice.digestHour },
        model: {
          own,
          countyDefaultText: `${modeLabels[own.countyDefault.mode]}${own.countyDefault.mode === 'digest' ? ` klockan ${String(own.countyDefault.digestHour).padStart(2, '0')}.00` : ''}`,
          modeItems: modeItems(String(values.mode ?? own.choice.mode)),
          hourItems: hourItems(String(values.digestHour ?? own.choice.digestHour)),
          categoryItems: categoryItems(
            chosenList(state.values ? values.categories : undefined, own.categories),
          ),
        },
      };
    },
    run: async (ctx, _p, data: z.infer<typeof preferencesForm>) => {
      await saveOwnPreferences(ctx, data);
      return done('/konto/aviseringar', 'sparat');
    },
  });

  registerFormPage(app, {
    path: '/administration/aviseringar',
    access: adminAccess,
    nav: 'administration',
    view: 'notifications/county-default.njk',
    title: 'E-post om nytt arbete',
    form: countyDefaultForm,
    firstField: 'mode',
    banner: (code) => (code === 'sparat' ? 'Länets förval är sparat.' : null),
    load: async (ctx, _p, state) => {
      const current = await readCountyDefault(ctx);
      const values = state.values ?? {};
      return {
        back: { href: '/administration', text: 'Tillbaka till administrationen' },
        model: {
          accounts: await accountsOnDefault(ctx),
          modeItems: modeItems(String(values.mode ?? current.mode)),
          hourItems: hourItems(String(values.digestHour ?? current.digestHour)),
        },
      };
    },
    run: async (ctx, _p, data: z.infer<typeof countyDefaultForm>) => {
      await saveCountyDefault(ctx, data);
      return done('/administration/aviseringar', 'sparat');
    },
  });
};

/** A unit's functional mailbox, and the page that asks before unsubscribing. */
const mailboxAndUnsubscribePageRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, {
    path: '/administration/enheter/:id/funktionsbrevlada',
    params: unitParams,
    access: adminAccess,
    nav: 'administration',
    view: 'notifications/unit-mailbox.njk',
    title: 'Enhetens funktionsbrevlåda',
    form: mailboxForm,
    firstField: 'mailbox',
    load: async (ctx, p, state) => {
      const unit = await readUnitMailbox(ctx, p.id!);
      return {
        back: {
          href: `/administration/enheter/${encodeURIComponent(unit.id)}`,
          text: 'Tillbaka till enheten',
        },
        caption: `${unit.name}, ${unit.principalName}`,
        values: { mailbox: unit.mailbox ?? '' },
        model: {
          unit,
          categoryItems: categoryItems(
            chosenList(state.values ? (state.values.categories ?? []) : undefined, unit.categories),
          ),
        },
      };
    },
    run: async (ctx, p, data: z.infer<typeof mailboxForm>) => {
      await saveUnitMailbox(ctx, p.id!, data);
      return done(`/administration/enheter/${encodeURIComponent(p.id!)}`, 'funktionsbrevlada');
    },
  });

  app.get(
    '/avregistrera/:token',
    { config: { access: 'public' }, schema: { params: tokenParams } },
    async (request, reply) => {
      const found = await readKey(request, request.params.token);
      if (!found?.who)
        return renderPage(request, reply.status(404), 'notifications/unsubscribe.njk', {
          pageTitle: 'Länken fungerar inte',
          invalid: true,
        });
      return renderPage(request, reply, 'notifications/unsubscribe.njk', {
        pageTitle: 'Sluta få e-post',
        action: `/avregistrera/${request.params.token}`,
        what: what(found.key.scope),
        who: found.who.who,
        isUser: found.key.type === 'user',
      });
    },
  );
};

/** Unsubscribing, also by one click from the mail program (RFC 8058). */
const unsubscribeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/avregistrera/:token',
    {
      config: { access: 'public', signedPath: true },
      schema: {
        params: tokenParams,
        body: z.object({
          'List-Unsubscribe': z.string().max(40).optional(),
          _csrf: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const found = await readKey(request, request.params.token);
      if (!found?.who)
        return renderPage(request, reply.status(404), 'notifications/unsubscribe.njk', {
          pageTitle: 'Länken fungerar inte',
          invalid: true,
        });
      await unsubscribe(request.ctx.db, found.key, request.ctx.now);
      return renderPage(request, reply, 'notifications/unsubscribe.njk', {
        pageTitle: 'Du får inte längre den här e-posten',
        done: true,
        what: what(found.key.scope),
        who: found.who.who,
        isUser: found.key.type === 'user',
      });
    },
  );
};

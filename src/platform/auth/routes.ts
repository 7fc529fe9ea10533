import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { counties } from '../../modules/organisations/schema.ts';
import type { Problem } from '../errors.ts';
import { requireUser } from '../http/context.ts';
import { sessionCookie } from '../http/guard.ts';
import { safeReturnPath } from '../http/return-path.ts';
import { type FieldMessage, formErrors } from '../views/form-errors.ts';
import { postForm, registerButton } from '../views/form-pages.ts';
import { renderPage } from '../views/render.ts';
import { changeOwnPassword } from './change-password.ts';
import { loadCurrentUser } from './current-user.ts';
import { login } from './login.ts';
import { unknownClient } from './login-throttle.ts';
import { type EidProviders, providerLogoutUrl } from './oidc.ts';
import { choosePasswordWithLink } from './password-links.ts';
import { meSchema, presentMe } from './present-me.ts';
import { eidButtons } from './routes.eid.ts';
import { sessions } from './schema.ts';
import { endSession } from './sessions.ts';

const credentials = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

// Only paths of Sömlös are followed after login, so a crafted link cannot send the user elsewhere.
const safeNext = (next: unknown) => safeReturnPath(next, '/');

// The username is passed on as typed (the login matches it as it is); a blank one is not sent.
const loginForm = z.object({
  username: z
    .string()
    .max(200)
    .default('')
    .refine((v) => v.trim() !== '', 'Ange ditt användarnamn'),
  password: z
    .string()
    .max(1000)
    .default('')
    .refine((v) => v !== '', 'Ange ditt lösenord'),
  next: z.string().max(2000).optional(),
});

/** The login page: the e-ID buttons, and the password form while any county allows passwords. */
const showLogin = async (
  eid: EidProviders,
  request: Parameters<typeof renderPage>[0],
  reply: Parameters<typeof renderPage>[1],
  model: {
    username?: string | undefined;
    next?: string;
    problem?: Problem | undefined;
    errors?: FieldMessage[] | undefined;
    notice?: string | undefined;
  },
) => {
  const { db } = request.ctx;
  // The password form is offered while any county allows passwords (the login refuses the others' accounts).
  const [passwordCounty] = await db
    .select({ code: counties.code })
    .from(counties)
    .where(eq(counties.passwordLogin, true))
    .limit(1);
  return renderPage(request, reply, 'auth/login.njk', {
    pageTitle: 'Logga in',
    username: model.username,
    next: model.next,
    notice: model.notice,
    eidButtons: await eidButtons(db, eid, model.next ?? '/'),
    passwordForm: passwordCounty !== undefined || eid.list.length === 0,
    ...formErrors(model.errors, model.problem, 'username'),
  });
};

export const authRoutes: FastifyPluginAsyncZod<{ eid: EidProviders }> = async (app, { eid }) => {
  await sessionApiRoutes(app, {});
  await passwordApiRoutes(app, {});
  await loginPageRoutes(app, { eid });
  await logoutRoutes(app, { eid });
};

/** The API's login and logout, and the caller's own account. */
const sessionApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/session',
    {
      config: { access: 'public' },
      schema: { tags: ['Inloggning'], body: credentials, security: [] },
    },
    async (request) => {
      const { ctx } = request;
      const session = await login(ctx.db, request.body, 'api', ctx.now, ctx.clientAddress ?? unknownClient);
      const user = await loadCurrentUser(ctx.db, session.userId);
      return { token: session.token, user: presentMe(user!) };
    },
  );

  app.delete(
    '/api/session',
    { config: { access: 'authenticated' }, schema: { tags: ['Inloggning'], security: [{ bearer: [] }] } },
    async (request, reply) => {
      const { ctx } = request;
      await endSession(ctx.db, ctx.session!.id, ctx.now);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['Organisationer'], security: [{ bearer: [] }], response: { 200: meSchema } },
    },
    async (request) => presentMe(requireUser(request.ctx).user),
  );
};

/** The API's password changes: one's own, and with the link in a password mail. */
const passwordApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['Inloggning'],
        security: [{ bearer: [] }],
        body: z.object({ currentPassword: z.string().max(1000), newPassword: z.string().max(1000) }),
      },
    },
    async (request, reply) => {
      await changeOwnPassword(requireUser(request.ctx), request.body);
      return reply.status(204).send();
    },
  );

  // The link in a password mail: anyone holding it may choose the account's password, once, within 24 hours.
  app.post(
    '/api/password-links/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Inloggning'],
        security: [],
        params: z.object({ token: z.string().min(20).max(100) }),
        body: z.object({ password: z.string().max(1000) }),
      },
    },
    async (request, reply) => {
      await choosePasswordWithLink(
        request.ctx.db,
        request.ctx.now,
        request.params.token,
        request.body.password,
      );
      return reply.status(204).send();
    },
  );
};

/** The login page and its form. */
const loginPageRoutes: FastifyPluginAsyncZod<{ eid: EidProviders }> = async (app, { eid }) => {
  app.get(
    '/logga-in',
    {
      config: { access: 'public' },
      schema: {
        querystring: z.object({
          next: z.string().max(2000).optional(),
          losenord: z.string().max(20).optional(),
          utloggad: z.string().max(20).optional(),
        }),
      },
    },
    async (request, reply) => {
      if (request.ctx.user) return reply.redirect(safeNext(request.query.next), 303);
      return showLogin(eid, request, reply, {
        next: safeNext(request.query.next),
        notice:
          request.query.losenord === 'valt'
            ? 'Ditt lösenord är sparat. Logga in med det.'
            : request.query.utloggad
              ? 'Du är utloggad.'
              : undefined,
      });
    },
  );

  // A wrong password, a throttled username or an expired form shows the form again, the username kept.
  postForm(app, {
    path: '/logga-in',
    access: 'public',
    form: loginForm,
    everyProblemInForm: true,
    show: (request, reply, { values = {}, errors, problem }) =>
      showLogin(eid, request, reply, {
        username: values.username as string | undefined,
        next: safeNext(values.next),
        errors,
        problem,
      }),
    run: async (request, { username, password, next }, _prepared, reply) => {
      const { ctx } = request;
      const session = await login(
        ctx.db,
        { username, password },
        'web',
        ctx.now,
        ctx.clientAddress ?? unknownClient,
      );
      reply.setCookie(sessionCookie, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
      });
      return safeNext(next);
    },
  });
};

/** Logging out, at the provider too after an e-ID login. */
const logoutRoutes: FastifyPluginAsyncZod<{ eid: EidProviders }> = async (app, { eid }) => {
  registerButton(app, {
    path: '/logga-ut',
    access: 'authenticated',
    back: () => ({ href: '/', text: 'Till startsidan' }),
    run: async (ctx, _p, _data, reply) => {
      const [session] = await ctx.db
        .select({ loginMethod: sessions.loginMethod })
        .from(sessions)
        .where(eq(sessions.id, ctx.session!.id));
      await endSession(ctx.db, ctx.session!.id, ctx.now);
      reply.clearCookie(sessionCookie, { path: '/' });
      // An e-ID login ends at the provider too, where it offers that (RP-initiated logout).
      return (await providerLogoutUrl(eid, session?.loginMethod ?? 'password')) ?? '/logga-in';
    },
  });
};

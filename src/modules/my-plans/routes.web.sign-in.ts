import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beginEidLogin, type EidProviders, EidRefused, providerLogoutUrl } from '../../platform/auth/oidc.ts';
import type { PersonEidProvider } from '../../platform/auth/person-eid.ts';
import {
  endPersonSession,
  personSessionCookie,
  resolvePersonSession,
} from '../../platform/auth/person-sessions.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { requirePerson } from '../../platform/http/context.ts';
import { postForm } from '../../platform/views/form-pages.ts';
import { access, base, errorPage, ownPath, page, type Rep, type Req } from './routes.web.shared.ts';
import { completePersonSignIn } from './sign-in.ts';

// Signing in to the person's own pages with e-ID (sign-in.ts), and out again. These routes need the person's
// e-ID providers, which buildApp makes when it starts: the module's manifest gives them through its
// webRoutesWithSetup (platform/modules/manifest.ts AppSetup).

export type SignInOptions = {
  eid: EidProviders<PersonEidProvider>;
  /** ALLOW_CLOCK_OVERRIDE: a test's X-Somlos-Now also moves the ID token's clock. */
  clockOverride: boolean;
  /** In demo mode: the demo persons, listed on the sign-in page with what each shows. */
  demoPersons: readonly { login: string; shows: string }[];
};

const providerParams = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const answer = z
  .object({
    code: z.string().max(2000).optional(),
    state: z.string().max(500).optional(),
    iss: z.string().max(500).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
    session_state: z.string().max(500).optional(),
  })
  .strip();
const signInQuery = z.object({
  next: z.string().max(2000).optional(),
  utloggad: z.string().max(20).optional(),
});
const nextQuery = z.object({ next: z.string().max(2000).optional() });

export const myPlansSignInRoutes =
  (options: SignInOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const { eid } = options;
    app.get(
      `${base}/logga-in`,
      { config: { access: 'public' }, schema: { querystring: signInQuery } },
      (request, reply) => showSignIn(request, reply, options),
    );
    app.get(
      `${base}/logga-in/:provider`,
      { config: { access: 'public' }, schema: { params: providerParams, querystring: nextQuery } },
      async (request, reply) => {
        const provider = eid.byId(request.params.provider);
        if (!provider) return errorPage(request, reply, notFound('Inloggningssättet finns inte.'));
        const { db, now } = request.ctx;
        try {
          const url = await beginEidLogin(db, eid, provider, ownPath(request.query.next), now);
          return reply.redirect(url.toString(), 303);
        } catch (err) {
          return refused(request, reply, err);
        }
      },
    );
    app.get(
      `${base}/logga-in/:provider/klar`,
      { config: { access: 'public' }, schema: { params: providerParams, querystring: answer } },
      (request, reply) => completeSignIn(request, reply, options),
    );
    postForm(app, {
      path: `${base}/logga-ut`,
      access,
      form: z.object({}),
      show: (request, reply, state) =>
        errorPage(request, reply, state.problem ?? badRequest('Formuläret kunde inte läsas.')),
      problemPage: errorPage,
      run: async (request, _data, _prepared, reply) => {
        const ctx = requirePerson(request.ctx);
        await endPersonSession(ctx.db, ctx.person.sessionId, ctx.now);
        reply.clearCookie(personSessionCookie, { path: base });
        return (await providerLogoutUrl(eid, ctx.person.loginMethod)) ?? `${base}/logga-in?utloggad=1`;
      },
    });
  };

/** The person's e-ID providers, one button each; someone signed in already goes on. */
async function showSignIn(request: Req, reply: Rep, { eid, demoPersons }: SignInOptions) {
  const query = request.query as z.output<typeof signInQuery>;
  const next = ownPath(query.next);
  const token = request.cookies[personSessionCookie];
  if (token && (await resolvePersonSession(request.ctx.db, token, request.ctx.now)))
    return reply.redirect(next, 303);
  return page(request, reply, 'sign-in.njk', {
    pageTitle: 'Logga in till Mina planer',
    signedOut: Boolean(query.utloggad),
    buttons: eid.list.map((p) => ({
      href: `${base}/logga-in/${p.id}?next=${encodeURIComponent(next)}`,
      text: `Logga in med ${p.name}`,
      demo: p.demo === true,
    })),
    demoPersons: request.server.viewSettings.demo
      ? demoPersons.map((p) => [{ text: p.login }, { text: p.shows }])
      : [],
  });
}

/** The provider's answer: a session for an adult with a SIP; anyone else a plain page, and nothing stored. */
async function completeSignIn(request: Req, reply: Rep, { eid, clockOverride }: SignInOptions) {
  const provider = eid.byId((request.params as z.output<typeof providerParams>).provider);
  if (!provider) return errorPage(request, reply, notFound('Inloggningssättet finns inte.'));
  const { ctx } = request;
  try {
    const tokenNow = clockOverride && request.headers['x-somlos-now'] ? ctx.now : undefined;
    const query = request.query as z.output<typeof answer>;
    const outcome = await completePersonSignIn(ctx.db, eid, provider, query, ctx.now, tokenNow);
    // Nothing is stored for someone with no plan, or for a child; the page says so plainly.
    if (outcome.kind !== 'session') {
      request.log.info({ provider: provider.id, outcome: outcome.kind }, 'person e-ID sign-in without plans');
      return page(request, reply, outcome.kind === 'child' ? 'child.njk' : 'no-plan.njk', {
        pageTitle: outcome.kind === 'child' ? 'Planer för barn visas inte här' : 'Du har ingen plan i Sömlös',
      });
    }
    reply.setCookie(personSessionCookie, outcome.token, {
      path: base,
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
    });
    request.log.info({ provider: provider.id }, 'person e-ID sign-in');
    return reply.redirect(ownPath(outcome.next), 303);
  } catch (err) {
    return refused(request, reply, err);
  }
}

function refused(request: Req, reply: Rep, err: unknown) {
  if (!(err instanceof EidRefused)) throw err;
  // The reason, the library's code and the failed check only: never a claim's value or the identity number.
  request.log.warn({ reason: err.reason, code: err.detail, check: err.check }, 'person e-ID sign-in refused');
  return page(request, reply.status(400), 'refused.njk', { pageTitle: 'Inloggningen misslyckades' });
}

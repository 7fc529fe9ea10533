import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { counties } from '../../modules/organisations/schema.ts';
import { notFound } from '../errors.ts';
import { sessionCookie } from '../http/guard.ts';
import { safeReturnPath } from '../http/return-path.ts';
import { renderPage } from '../views/render.ts';
import { beginEidLogin, completeEidLogin, type EidProviders, EidRefused } from './oidc.ts';
import { createSession } from './sessions.ts';

// Logging in with e-ID (oidc.ts): a button on the login page per provider leads to the first route, the
// provider sends the user back to the second. Both are public: the user has no session yet.

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

/** One button per provider on the login page, named with its county, since the user's county is not known yet. */
export async function eidButtons(db: Db, eid: EidProviders, next: string) {
  if (eid.list.length === 0) return [];
  const names = new Map(
    (
      await db
        .select({ code: counties.code, name: counties.name })
        .from(counties)
        .where(
          inArray(
            counties.code,
            eid.list.map((p) => p.county),
          ),
        )
    ).map((c) => [c.code, c.name]),
  );
  return eid.list.map((p) => ({
    href: `/logga-in/eid/${p.id}?next=${encodeURIComponent(next)}`,
    text: `Logga in med ${p.name}`,
    county: names.get(p.county) ?? p.county,
    demo: p.demo === true,
  }));
}

export const eidRoutes: FastifyPluginAsyncZod<{ eid: EidProviders; clockOverride: boolean }> = async (
  app,
  { eid, clockOverride },
) => {
  const refused = (
    request: Parameters<typeof renderPage>[0],
    reply: Parameters<typeof renderPage>[1],
    err: unknown,
  ) => {
    if (!(err instanceof EidRefused)) throw err;
    // Only the reason, the library's error code and the failed check's name are logged: no claim's value, no
    // token, no HSA-id or identity number.
    request.log.warn({ reason: err.reason, code: err.detail, check: err.check }, 'e-ID login refused');
    const noAccount = err.reason === 'no-account';
    return renderPage(request, reply.status(noAccount ? 403 : 400), 'auth/eid-refused.njk', {
      pageTitle: noAccount ? 'Du har inget konto i Sömlös' : 'Inloggningen misslyckades',
      noAccount,
    });
  };

  app.get(
    '/logga-in/eid/:provider',
    {
      config: { access: 'public' },
      schema: { params: providerParams, querystring: z.object({ next: z.string().max(2000).optional() }) },
    },
    async (request, reply) => {
      const provider = eid.byId(request.params.provider);
      if (!provider) throw notFound('Inloggningssättet finns inte.');
      const next = safeReturnPath(request.query.next, '/');
      try {
        const url = await beginEidLogin(request.ctx.db, eid, provider, next, request.ctx.now);
        return reply.redirect(url.toString(), 303);
      } catch (err) {
        return refused(request, reply, err);
      }
    },
  );

  app.get(
    '/logga-in/eid/:provider/klar',
    { config: { access: 'public' }, schema: { params: providerParams, querystring: answer } },
    async (request, reply) => {
      const provider = eid.byId(request.params.provider);
      if (!provider) throw notFound('Inloggningssättet finns inte.');
      const { ctx } = request;
      try {
        // Tests that move the clock have the tokens checked at that moment too (oidc.ts, configuration).
        const tokenNow = clockOverride && request.headers['x-somlos-now'] ? ctx.now : undefined;
        const { userId, next } = await completeEidLogin(
          ctx.db,
          eid,
          provider,
          request.query,
          ctx.now,
          tokenNow,
        );
        const session = await createSession(ctx.db, userId, 'web', ctx.now, `eid:${provider.id}`);
        reply.setCookie(sessionCookie, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
        });
        request.log.info({ provider: provider.id }, 'e-ID login');
        return reply.redirect(safeReturnPath(next, '/'), 303);
      } catch (err) {
        return refused(request, reply, err);
      }
    },
  );
};

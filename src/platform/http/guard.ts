import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { CurrentUser } from '../auth/current-user.ts';
import { personSessionCookie, personSignInPath, resolvePersonSession } from '../auth/person-sessions.ts';
import { resolveSession } from '../auth/sessions.ts';
import { forbidden, forbiddenForRoles, unauthorized } from '../errors.ts';
import { namedFields } from './body-fields.ts';
import { isApiRequest, type RouteAccess } from './context.ts';
import { checkCsrf } from './csrf.ts';

/** One row of the app's route table (`app.routeTable`): a method and path, who may call it, its schema. */
export type RouteEntry = {
  method: string;
  url: string;
  access: RouteAccess;
  schema: RouteOptions['schema'];
};

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

export const sessionCookie = 'somlos_session';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses at start-up a route that does not say who may call it, that takes a body without a schema, or a page
 * form whose body schema is a catch-all that names no fields (z.record, z.any, z.unknown, a passthrough object):
 * a forgotten check becomes a failed start, not an open door.
 */
export function assertRouteDeclared(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!route.config?.access) {
    throw new Error(`Route ${methods.join(',')} ${route.url} must declare config.access`);
  }
  // The person's routes are pages with a cookie of their own; the API is for staff and integrations only.
  if (route.config.access === 'person' && isApiRequest(route.url)) {
    throw new Error(`Route ${methods.join(',')} ${route.url}: the API has no person routes`);
  }
  const takesBody = methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m));
  if (takesBody && !route.schema?.body) {
    throw new Error(`Route ${methods.join(',')} ${route.url} takes a body but declares no schema`);
  }
  if (takesBody && !isApiRequest(route.url) && namedFields(route.schema?.body) === null) {
    throw new Error(
      `Route ${methods.join(',')} ${route.url} takes a form whose body schema is a catch-all: ` +
        "declare the form's own fields (platform/views/form-pages.ts postForm)",
    );
  }
}

/**
 * Authenticates (Bearer for /api, cookie for pages), checks the route's access and, for forms, CSRF. Two kinds of
 * session never meet: the person's own routes ('person') read only the person's cookie, every other route only
 * staff's cookie or token, so neither kind can stand in for the other.
 */
export function registerGuard(app: FastifyInstance, csrfKey: () => string): void {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access as RouteAccess | undefined;
    if (access === 'person' && !request.is404) return guardPersonRoute(request, reply, csrfKey);
    const api = isApiRequest(request.url);
    await authenticate(request, api, access === 'public');
    const signedPath = access === 'public' && request.routeOptions.config.signedPath === true;
    if (!api && unsafeMethods.has(request.method) && !signedPath) checkCsrf(request, csrfKey());
    // Unknown paths fall through to the 404 handler; a route without a declaration (which the start-up
    // check forbids) is refused rather than treated as public.
    if (access === 'public' || request.is404) return;
    if (access === undefined) throw forbidden('Sidan saknar behörighetsregel.');
    const user = request.ctx.user;
    if (!user) {
      if (api) throw unauthorized();
      const next = encodeURIComponent(request.url);
      return reply.redirect(`/logga-in?next=${next}`, 303);
    }
    if (access === 'person') throw forbidden();
    if (!mayCall(access, user)) throw forbiddenForRoles(access as readonly string[]);
  });
}

/**
 * Whether a logged-in user passes a route's role check: the guard's own test, and the menu's, so that no menu
 * entry leads to a 403 (render.ts). A user never passes a route of the person's own pages ('person').
 */
export function mayCall(access: RouteAccess, user: CurrentUser): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  if (access === 'person') return false;
  return access.some((role) => user.roles.includes(role));
}

/** A route of the person's own pages: their session or none, then CSRF for forms; without one, to sign in. */
async function guardPersonRoute(request: FastifyRequest, reply: FastifyReply, csrfKey: () => string) {
  const { ctx } = request;
  const token = request.cookies[personSessionCookie];
  const session = token ? await resolvePersonSession(ctx.db, token, ctx.now) : null;
  if (session) {
    ctx.person = session.self;
    ctx.session = { id: session.self.sessionId, csrfSecret: session.csrfSecret };
  }
  if (unsafeMethods.has(request.method)) checkCsrf(request, csrfKey());
  if (!ctx.person) return reply.redirect(`${personSignInPath}?next=${encodeURIComponent(request.url)}`, 303);
}

async function authenticate(request: FastifyRequest, api: boolean, isPublic: boolean): Promise<void> {
  const token = api ? bearerToken(request.headers.authorization) : request.cookies[sessionCookie];
  if (!token) return;
  const session = await resolveSession(request.ctx.db, token, api ? 'api' : 'web', request.ctx.now);
  if (session) {
    request.ctx.user = session.user;
    request.ctx.session = { id: session.id, csrfSecret: session.csrfSecret };
  } else if (api && !isPublic) {
    // An ended, expired or unknown token is refused outright rather than treated as anonymous; a public route
    // (logging in again, say) ignores it.
    throw unauthorized('Inloggningen har upphört eller är ogiltig. Logga in igen.');
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

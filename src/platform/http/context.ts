import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Role } from '../../modules/organisations/schema.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { unauthorized } from '../errors.ts';

/**
 * Who may call a route. Every route states one; the app refuses to start otherwise. 'person' is the person's own
 * pages (issue 26, /mina-planer): only a person's session reaches them, and it reaches nothing else.
 */
export type RouteAccess = 'public' | 'authenticated' | 'person' | readonly Role[];

/** The person signed in to their own pages (a person's session, platform/auth/person-sessions.ts). */
export type PersonSelf = { personId: string; sessionId: string; loginMethod: string };

/** What a use case needs from the request: the database, the clock and the user. */
export type RequestContext = {
  db: Db;
  now: Date;
  user: CurrentUser | null;
  session: { id: string; csrfSecret: string } | null;
  /** Set on the person's own routes only ('person'), where `user` is always null. */
  person?: PersonSelf | null;
  requestId: string;
  /** The client's address as the login limits count it (login-throttle.ts clientAddress); a request has one. */
  clientAddress?: string;
  /** Where users reach Sömlös (config PUBLIC_URL), for links in mail. */
  publicUrl: string;
};

export type UserContext = RequestContext & { user: CurrentUser };

export function requireUser(ctx: RequestContext): UserContext {
  if (!ctx.user) throw unauthorized();
  return ctx as UserContext;
}

export type PersonContext = RequestContext & { user: null; person: PersonSelf };

export function requirePerson(ctx: RequestContext): PersonContext {
  if (!ctx.person || ctx.user) throw unauthorized();
  return ctx as PersonContext;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * A public form whose path holds a key signed for one recipient (an unsubscribe link in a mail): the key
     * stands in for the CSRF token, so a mail program's one-click POST (RFC 8058), which has none, is taken.
     */
    signedPath?: true;
    /** Re-renders a form with the posted values and the problem instead of a bare error page. */
    renderFormError?: (
      request: FastifyRequest,
      reply: FastifyReply,
      problem: import('../errors.ts').Problem,
    ) => unknown;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export const isApiRequest = (url: string) => url === '/api' || url.startsWith('/api/');

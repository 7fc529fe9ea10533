import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../errors.ts';

export const anonymousCsrfCookie = 'somlos_csrf';

/**
 * Synchroniser tokens for forms: HMAC(app key, binding), where the binding is the session's secret when
 * logged in and a random cookie before (so the login form is protected too).
 */
export function csrfToken(key: string, binding: string): string {
  return createHmac('sha256', key).update(binding).digest('base64url');
}

export function csrfBinding(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  if (request.ctx.session) return request.ctx.session.csrfSecret;
  let seed = request.cookies[anonymousCsrfCookie];
  if (!seed) {
    seed = randomBytes(24).toString('base64url');
    reply.setCookie(anonymousCsrfCookie, seed, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    request.cookies[anonymousCsrfCookie] = seed;
  }
  return seed;
}

export function checkCsrf(request: FastifyRequest, key: string): void {
  const binding = request.ctx.session?.csrfSecret ?? request.cookies[anonymousCsrfCookie];
  const sent = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  const expected = binding ? Buffer.from(csrfToken(key, binding)) : undefined;
  const given = typeof sent === 'string' ? Buffer.from(sent) : undefined;
  if (!expected || !given || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new Problem(
      403,
      'Formuläret kunde inte skickas',
      'Formuläret har gått ut eller kom inte från Sömlös. Försök igen.',
    );
  }
}

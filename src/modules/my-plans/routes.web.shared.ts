import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { conflict, type Problem } from '../../platform/errors.ts';
import { safeReturnPath } from '../../platform/http/return-path.ts';
import { renderPage } from '../../platform/views/render.ts';

// What the person's pages share (routes.web.ts, routes.web.consent.ts, routes.web.sign-in.ts): the fixed address
// /mina-planer, their layout and menu, their error page. Every route but signing in is 'person': only a person's
// session reaches it, and a person's session reaches nothing else (platform/http/guard.ts). Another person's SIP,
// like a SIP that does not exist, is 404.

export type Req = FastifyRequest;
export type Rep = FastifyReply;

export const base = '/mina-planer';
export const access = 'person' as const;
export const params = z.object({ id: z.string().min(1).max(100) });
export const idOf = (request: Req) => (request.params as { id: string }).id;
export const planPath = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Only a path of the person's own pages is followed after signing in. */
export const ownPath = (next: unknown) => {
  const path = safeReturnPath(next, base);
  return path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`) ? path : base;
};

/** Which entry of the person's menu a page belongs to. */
const menuOf: Record<string, string> = { 'log.njk': 'logg', 'my-data.njk': 'uppgifter' };

/** A page of the person's: their layout and menu, told whether they are signed in. */
export function page(
  request: Req,
  reply: Rep,
  template: string,
  model: Record<string, unknown> & { pageTitle: string },
) {
  return renderPage(request, reply, `my-plans/${template}`, {
    ...model,
    signedIn: Boolean(request.ctx.person),
    myNav: menuOf[template] ?? 'planer',
  });
}

/** Problems on the person's pages are shown on their own error page, which leads back to their plans. */
export function errorPage(request: Req, reply: Rep, problem: Problem) {
  return page(request, reply.status(problem.status), 'error.njk', { pageTitle: problem.title, problem });
}

/** A page's route config: the person's own, with problems on their error page. */
export const pageConfig = { access, renderFormError: errorPage };

/** The consent can be changed only while it is in force and the plan is open. */
export const notInForce = () =>
  conflict('Samtycket gäller inte längre, eller så är planen avslutad. Därför går det inte att ändra.');

/** What a change of the consent says when the person is back on the consent page (?klart=...). */
export const banners: Record<string, string> = {
  'tagit-tillbaka': 'Klart. Samtycket är ändrat. Enheten som sammankallar har fått veta det.',
  'tagit-tillbaka-alla': 'Klart. Du har tagit tillbaka hela samtycket. Planen är avslutad.',
  narstaende: 'Klart. Ditt val om närstående är sparat.',
  oforandrat: 'Ingenting ändrades. Det var redan så.',
};

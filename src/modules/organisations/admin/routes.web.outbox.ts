import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction.ts';
import { notFound } from '../../../platform/errors.ts';
import { requireUser } from '../../../platform/http/context.ts';
import { readOutboxMessage, retryOutboxMessage } from '../../../platform/mail/outbox.ts';
import { done, registerButton } from '../../../platform/views/form-pages.ts';
import { renderPage } from '../../../platform/views/render.ts';
import { recordAdminChange } from './admin-log.ts';
import { adminAccess as access } from './policy.ts';

// The outbox's messages one at a time, as the recipient sees them: the header lines, the plain-text part, the
// HTML part (in a frame of its own: a mail's styles are its own, and it runs nothing) and the attachments. A
// recipient's own key (an unsubscribe link) is masked, as a password link is. County administrators only, their
// own county's mail only (another county's is 404).

const nav = 'administration' as const;
const params = z.object({ id: z.string().min(1).max(100) });
const messagePath = (id: string) => `/administration/utkorg/${encodeURIComponent(id)}`;

export const adminOutboxWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/administration/utkorg/:id',
    {
      config: { access },
      schema: { params, querystring: z.object({ klart: z.string().max(40).optional() }) },
    },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const message = await readOutboxMessage(ctx.db, ctx.user.county.code, request.params.id, ctx.publicUrl);
      if (!message) throw notFound();
      return renderPage(request, reply, 'administration/outbox-message.njk', {
        pageTitle: message.subject,
        nav,
        back: { href: '/administration/utkorg', text: 'Tillbaka till utkorgen' },
        message,
        headerRows: Object.entries(message.headers).map(([name, value]) => ({ name, value })),
        banner: request.query.klart === 'skickas-igen' ? 'Brevet skickas igen vid nästa utskick.' : null,
      });
    },
  );

  // The HTML part alone, for the frame above: no script, no other origin, framed by Sömlös only.
  app.get(
    '/administration/utkorg/:id/brev.html',
    { config: { access }, schema: { params } },
    async (request, reply) => {
      const ctx = requireUser(request.ctx);
      const message = await readOutboxMessage(ctx.db, ctx.user.county.code, request.params.id, ctx.publicUrl);
      if (!message?.html) throw notFound();
      return reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox",
        )
        .header('x-frame-options', 'SAMEORIGIN')
        .send(message.html);
    },
  );

  // A message given up on (a permanent refusal, or too many attempts) is tried again once the problem is fixed.
  registerButton(app, {
    path: '/administration/utkorg/:id/skicka-igen',
    params,
    access,
    back: (p) => ({ href: messagePath(p.id!), text: 'Tillbaka till brevet' }),
    run: async (ctx, p) => {
      await inTransaction(ctx.db, async (tx) => {
        const mail = await retryOutboxMessage(tx, ctx.user.county.code, p.id!);
        await recordAdminChange(tx, ctx, 'mailRetried', { type: 'outbox', id: p.id! }, null, {
          to: mail.toAddress,
          subject: mail.subject,
        });
      });
      return done(messagePath(p.id!), 'skickas-igen');
    },
  });
};

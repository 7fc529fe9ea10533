import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/context.ts';
import './access-rule.ts';
import { printInvitationLetter } from './print-letter.ts';

// The invitation letter (kallelse) in easy Swedish, to the person or to a relative, for the convener to print or
// send (issue 23 item 5). Staff and managers; the SIP's access rule decides and answers 404 to anyone it refuses.
const access = ['staff', 'manager'] as const;

export const sipLetterWebRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sip/:id/kallelser/:invitationId/brev.pdf',
    {
      config: { access },
      schema: {
        params: z.object({ id: z.string().min(1).max(100), invitationId: z.string().min(1).max(100) }),
        querystring: z.object({ till: z.enum(['personen', 'narstaende']).default('personen') }),
      },
    },
    async (request, reply) => {
      const { id, invitationId } = request.params;
      const to = request.query.till === 'narstaende' ? 'relative' : 'person';
      const pdf = await printInvitationLetter(requireUser(request.ctx), id, invitationId, to);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${to === 'person' ? 'kallelse-sip.pdf' : 'kallelse-sip-narstaende.pdf'}"`,
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/http/context.ts';
import { consultationPdf } from './consultation-pdf.ts';

const params = z.object({
  id: z.string().min(1).max(100),
  number: z.coerce.number().int().min(1).max(10000),
});

// The consultation's compilation of comments and answers, for anyone logged in (agreements are public
// documents; the compilation names organisations, not people).
export const agreementDocumentWebRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const path of [
    '/overenskommelser/:id/versioner/:number/remiss.pdf',
    '/api/agreements/:id/versions/:number/consultation.pdf',
  ]) {
    app.get(
      path,
      {
        config: { access: 'authenticated' },
        schema: { params, tags: ['Överenskommelser'], hide: !path.startsWith('/api') },
      },
      async (request, reply) => {
        const pdf = await consultationPdf(requireUser(request.ctx), request.params.id, request.params.number);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="remissammanstallning-version-${request.params.number}.pdf"`,
          )
          .send(pdf);
      },
    );
  }
};

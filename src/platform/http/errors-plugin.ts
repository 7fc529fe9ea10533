import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type FieldError, Problem, problemBody, titles } from '../errors.ts';
import { renderPage } from '../views/render.ts';
import { isApiRequest } from './context.ts';

/** Every error leaves as problem+json (API) or a Swedish error page (web), never as a stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(request, reply, new Problem(404, titles[404]!, 'Sidan eller resursen finns inte.')),
  );
}

export async function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer');
  if (isApiRequest(request.url)) {
    return reply
      .status(problem.status)
      .type('application/problem+json; charset=utf-8')
      .send(problemBody(problem));
  }
  const renderForm = request.routeOptions?.config?.renderFormError;
  reply.status(problem.status);
  if (renderForm && problem.status < 500) return renderForm(request, reply, problem);
  return renderErrorPage(request, reply, problem);
}

/** The Swedish error page; form renderers hand over problems that are not about the form (404, 403). */
export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  return renderPage(request, reply.status(problem.status), 'error.njk', {
    pageTitle: problem.title,
    problem,
  });
}

function toProblem(error: FastifyError): Problem {
  if (error instanceof Problem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      path: [error.validationContext === 'body' ? '' : error.validationContext, ...v.instancePath.split('/')]
        .filter(Boolean)
        .join('.'),
      message: v.message ?? 'Ogiltigt värde',
    }));
    return new Problem(400, titles[400]!, 'Uppgifterna stämmer inte med det förväntade formatet.', errors);
  }
  if (
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (error instanceof SyntaxError && error.statusCode === 400)
  ) {
    return new Problem(400, titles[400]!, 'Innehållet är inte giltig JSON.');
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return new Problem(400, titles[400]!, 'Innehållet saknas.');
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return new Problem(status, titles[status] ?? titles[400]!, titles[status] ?? error.message);
  if (isDatabaseUnavailable(error))
    return new Problem(503, titles[503]!, 'Databasen svarar inte. Försök igen om en stund.');
  return new Problem(500, titles[500]!, 'Felet är loggat. Försök igen om en stund.');
}

function isDatabaseUnavailable(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  return ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001', '08003'].includes(code ?? '');
}

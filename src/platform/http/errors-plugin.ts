import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type FieldError, Problem, problemBody, titles } from '../errors.ts';
import { renderPage } from '../views/render.ts';
import { isApiRequest } from './context.ts';

/** Every error leaves as problem+json (API) or a Swedish error page (web), never as a stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(request, reply, new Problem(404, titles[404]!, 'Sidan eller resursen finns inte.')),
  );
}

export async function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer');
  if (problem.retryAfter !== undefined) reply.header('Retry-After', String(problem.retryAfter));
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

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof Problem) return error;
  const unstorable = unstorableValue(error);
  if (unstorable) return new Problem(400, titles[400]!, unstorable);
  // @fastify/multipart passes busboy's parse errors on without a status: a broken form is the sender's fault.
  if (request.isMultipart?.() && error.statusCode === undefined && /multipart/i.test(error.message))
    return new Problem(400, titles[400]!, 'Formuläret kunde inte läsas.');
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

/** PostgreSQL errors about a value the request carried that the schemas let through: the sender's, so a 400. */
const unstorableCodes: Record<string, string> = {
  // U+0000 in text, and in jsonb
  '22021': 'Uppgifterna innehåller ett tecken som inte kan sparas (NUL-tecknet).',
  '22P05': 'Uppgifterna innehåller ett tecken som inte kan sparas (NUL-tecknet).',
  // a date or time PostgreSQL cannot hold, such as the year 0000
  '22008': 'Ett datum ligger utanför det som kan sparas.',
};
// A lone surrogate (\ud800) is valid in JSON but not in jsonb: 22P02 "invalid input syntax for type json".
const loneSurrogate = 'Uppgifterna innehåller ett ogiltigt Unicode-tecken (ett ensamt surrogattecken).';

function unstorableValue(error: unknown): string | undefined {
  const { cause } = error as { cause?: { code?: string; message?: string } };
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code === '22P02' && /type json\b/.test(cause?.message ?? '')) return loneSurrogate;
  return code === undefined ? undefined : unstorableCodes[code];
}

const unavailableCodes = ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001', '08003'];
// node-postgres gives no code to a connection lost in the middle of a query, nor to the rollback tried on it after.
const unavailableMessages = /^Connection terminated|connection error and is not queryable/;

/** The database is gone (down, restarting, the connection lost), at any depth of Drizzle's error causes. */
function isDatabaseUnavailable(error: unknown): boolean {
  type Cause = { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  // A few levels only: a cause chain could be circular.
  for (let e = error as Cause, depth = 0; e && depth < 5; e = e.cause as Cause, depth++) {
    if (unavailableCodes.includes(String(e.code))) return true;
    if (typeof e.message === 'string' && unavailableMessages.test(e.message)) return true;
  }
  return false;
}

import type { FastifyRequest, FastifyServerOptions } from 'fastify';

// The application log goes to files and log services that more people can read than the database, and it is
// kept outside the access log's control: it must hold no person data and no secret. Requests are logged by
// method and path only (query strings and token segments hidden), errors through an allow-list (never the
// query's parameters, PostgreSQL's detail, or a value quoted in a message), bodies and headers never; and every
// line passes a last filter that hides anything shaped like an identity number or a token.

/** Where log lines are written: one JSON line per call. */
export type LogDestination = { write(line: string): unknown };

const hidden = '[redacted]';

// 10 or 12 digits, the last four after an optional "-", "+" or space (or their URL encodings), not glued to a
// word, a number, or a "-" before (a UUID's last group of digits is not a person).
const identityNumberLike = /(?<![\w.-])(?:\d{8}|\d{6})(?:[-+ ]|%2[bBdD]|%20)?\d{4}(?!\w)/g;
// A random token (session, API, password link, CSRF): 20 or more base64url characters mixing upper case,
// lower case and digits. UUIDs (lower case) and slugs (lower case words) are not taken for one.
const tokenLike = /(?<![\w-])[\w-]{20,}(?![\w-])/g;
const isRandom = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);
// A URL's query string in free text, such as a Fastify warning naming the route.
const queryInText = /(\/[^\s"'?]*)\?[^\s"']+/g;

/** Hides identity numbers, tokens and query strings in any text. */
export function scrubText(text: string): string {
  return text
    .replace(queryInText, `$1?${hidden}`)
    .replace(identityNumberLike, hidden)
    .replace(tokenLike, (t) => (isRandom(t) ? hidden : t));
}

// Route parameters that are secrets whatever they look like.
const secretParam = /token|secret|key/i;
// A path segment shown as it is: lower case letters, digits and "._~-", as route words, UUIDs, codes and slugs
// are. Anything else (a name, a percent-encoded text, a token with upper case, a long value) is hidden, and so
// is a number shaped like an identity number.
const plainSegment = /^[a-z0-9._~-]{0,64}$/;
const identityNumberSegment = new RegExp(identityNumberLike.source);

/**
 * The request's path as it may be logged: the query string replaced by `?[redacted]`, a route's secret
 * parameters (`/losenord/:token`) and every segment that is not plainly an id or a route's word replaced by
 * `[redacted]`.
 */
export function redactUrl(url: string, route?: string): string {
  const q = url.indexOf('?');
  const segments = (q === -1 ? url : url.slice(0, q)).split('/');
  const pattern = route?.split('/');
  const params = pattern?.length === segments.length ? pattern : [];
  const shown = segments.map((segment, i) => {
    const secret = params[i]?.startsWith(':') && secretParam.test(params[i]!);
    const plain = plainSegment.test(segment) && !identityNumberSegment.test(segment);
    return secret || !plain ? hidden : segment;
  });
  return shown.join('/') + (q === -1 ? '' : `?${hidden}`);
}

// The fields of an error worth logging that never hold a value the request carried: PostgreSQL's code,
// severity and the names of what failed, never its detail, hint, where or internal query; never Drizzle's or
// PGlite's query parameters.
const errorFields = ['code', 'statusCode', 'severity', 'routine', 'schema', 'table', 'column', 'constraint'];
// A quoted value in a PostgreSQL message (`invalid input syntax for type integer: "Tolvan"`); quoted names
// after these words are kept (`unique constraint "persons_pkey"`).
const quoted =
  /(\b(?:constraint|relation|column|table|index|type|schema|sequence|function|trigger|database|role) )?"[^"]*"/g;

/**
 * An error's message without values. Drizzle's "Failed query: <SQL>\nparams: <values>" keeps its SQL (the app's
 * queries are parameterised, so the text is the code's) without the values; any other message (PostgreSQL's)
 * has its quoted values hidden.
 */
export function errorMessage(message: string): string {
  const failedQuery = /^Failed query: ([\s\S]*?)(?:\nparams:[\s\S]*)?$/.exec(message);
  if (failedQuery) return scrubText(`Failed query: ${failedQuery[1]}`);
  return scrubText(
    message.replace(quoted, (whole, name: string | undefined) => (name ? whole : `"${hidden}"`)),
  );
}

type ErrorLike = {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  cause?: unknown;
  constructor?: unknown;
};

/** An error as the log holds it: type, message, the allow-listed fields, the stack's frames and the causes. */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { type: typeof error, message: scrubText(String(error)) };
  const e = error as ErrorLike & Record<string, unknown>;
  const type = (e.constructor as { name?: string } | undefined)?.name ?? 'Error';
  const message = errorMessage(typeof e.message === 'string' ? e.message : '');
  const out: Record<string, unknown> = { type, message };
  for (const field of errorFields) {
    const value = e[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = scrubText(String(value));
  }
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${type}: ${message}`, ...frames.map(scrubText)].join('\n');
  }
  // A few levels only: a chain of causes could be circular.
  if (e.cause !== undefined && depth < 4) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** A request in the log: method and redacted path; never headers, cookies or body. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url, request.routeOptions?.url),
    remoteAddress: request.ip,
  };
}

/**
 * A log call's arguments with its message scrubbed. Given an error and no message, pino would take the error's
 * raw message (with Drizzle's parameters) as the line's message: give it the redacted one instead.
 */
function safeArguments(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
  const merged = first instanceof Error ? { err: first } : first;
  if (err instanceof Error && typeof rest[0] !== 'string') return [merged, errorMessage(err.message)];
  return [merged, ...rest].map((a) => (typeof a === 'string' ? scrubText(a) : a));
}

/** The logger: the serializers above, messages scrubbed, and every line through the last filter. */
export function loggerOptions(
  level: string,
  destination: LogDestination = process.stdout,
): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    stream: { write: (line: string) => destination.write(scrubText(line)) },
    serializers: {
      req: serializeRequest,
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: (error: Error) => serializeError(error) as { type: string; message: string; stack: string },
    },
    hooks: {
      logMethod(args, method) {
        return method.apply(this, safeArguments(args) as Parameters<typeof method>);
      },
    },
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

// API.md "Lists are paged": a list route returns at most `pageSize` items (query `page` from 1 and `pageSize`,
// default 100, at most 500) with `X-Total-Count` and, when there is a next page, `Link: <...>; rel="next"`.
// Nothing is ever cut without saying so. A list route spreads `pagingFields` into its query schema (a value
// out of range is then a 400 problem+json like any other), reads `paging(request.query)` and answers with
// `sendPage` (paged in SQL) or `sendSlice` (a list already read whole). `documentPaging` gives every such route's
// OpenAPI answer the two headers, so the document says what the answers carry.

export const maxPageSize = 500;

/** The query fields of a paged list, to spread into the route's querystring schema. */
export const pagingFields = {
  page: z.coerce.number().int().min(1).default(1).meta({ description: 'Which page, from 1.' }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxPageSize)
    .default(100)
    .meta({ description: `Items a page: 1–${maxPageSize}, 100 unless given; out of range is 400.` }),
};

/** The headers of a paged list's answer, as the OpenAPI document declares them. */
export const pagingHeaders = {
  'X-Total-Count': { type: 'integer', minimum: 0, description: 'The number of items on all pages.' },
  Link: {
    type: 'string',
    description:
      'While items remain after this page: `<path?query>; rel="next"`, the same request with `page` moved on ' +
      '(relative to the server). Absent on the last page.',
  },
} as const;

type OpenApiRoute = { schema: { querystring?: unknown; response?: unknown }; url: string };

/**
 * For the OpenAPI document (app.ts's swagger transform): a route whose query takes `pageSize` is a paged list,
 * so its 200 answer gets `X-Total-Count` and `Link`. Other routes pass unchanged.
 */
export function documentPaging<T extends OpenApiRoute>(route: T): T {
  const query = route.schema.querystring as { properties?: Record<string, unknown> } | undefined;
  if (!query?.properties || !('pageSize' in query.properties)) return route;
  // A route without a response schema still answers a JSON array: say so, with the headers.
  const responses = (route.schema.response ?? {}) as Record<string, unknown>;
  const ok = (responses['200'] as Record<string, unknown> | undefined) ?? {
    type: 'array',
    items: {},
    description: 'A page of the list.',
  };
  return {
    ...route,
    schema: {
      ...route.schema,
      response: { ...responses, 200: { ...ok, headers: pagingHeaders } },
    },
  };
}

export type Paging = { page: number; pageSize: number; offset: number; limit: number };

export function paging(query: { page: number; pageSize: number }): Paging {
  return { ...query, offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
}

/**
 * Sets `X-Total-Count` and, when items remain after this page, a `Link` to the next one: the request's own path
 * and query with `page` moved on (and `extra`, such as a snapshot bound that keeps later pages stable).
 * Returns the items, for the handler to answer with.
 */
export function sendPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  {
    items,
    total,
    paging: p,
    extra = {},
  }: { items: T[]; total: number; paging: Paging; extra?: Record<string, string> },
): T[] {
  reply.header('X-Total-Count', String(total));
  if (p.offset + items.length < total)
    reply.header('Link', `<${nextPageUrl(request.url, p, extra)}>; rel="next"`);
  return items;
}

/** The request's URL (path and query, relative to the server) for the page after `p`. */
export function nextPageUrl(url: string, p: Paging, extra: Record<string, string> = {}): string {
  const parsed = new URL(url, 'http://server');
  for (const [name, value] of Object.entries(extra)) parsed.searchParams.set(name, value);
  parsed.searchParams.set('page', String(p.page + 1));
  parsed.searchParams.set('pageSize', String(p.pageSize));
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * A page of a list the use case has already read whole (lists bounded by the county's size: units, agreements,
 * responsibilities): the slice for `p`, with the same headers as `sendPage`. Not for person data, whose reading
 * is logged: those lists page in SQL so that only the page's persons are logged.
 */
export function sendSlice<T>(request: FastifyRequest, reply: FastifyReply, items: T[], p: Paging): T[] {
  const slice = items.slice(p.offset, p.offset + p.limit);
  return sendPage(request, reply, { items: slice, total: items.length, paging: p });
}

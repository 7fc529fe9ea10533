import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createSession } from '../../src/platform/auth/sessions.ts';
import {
  beyondArbitrary,
  bodyLimit,
  type JsonSchema,
  nastyText,
  validArbitrary,
  wrongValue,
} from './arbitrary-from-schema.ts';
import {
  type Body,
  type Case,
  callersOf,
  hints,
  maxParamLength,
  maxQueryLength,
  NOW,
  type Plan,
  type RealParams,
  sessionEnder,
  swedishTitles,
  type World,
} from './bad-input-world.ts';
import type { ChangeWatch } from './change-watch.ts';
import type { ApiResponse } from './server.ts';

// The bad-input test's (test/assurance/bad-input.test.ts) generated cases, and how each is sent and checked.

// ---- generated cases ----------------------------------------------------------------------------------------

/** A caller and path parameters (most often real ones with the caller who found them), a query and a body. */
export function caseArbitrary(plan: Plan, world: World, realParams: RealParams[]): fc.Arbitrary<Case> {
  const options = { hints: (name: string) => hints(world, name) };
  const { route } = plan;
  const callers: (string | null)[] =
    route.access === 'public'
      ? [null, 'psykiatri.karlstad']
      : route.url === '/api/session' && route.method === 'DELETE'
        ? [sessionEnder]
        : callersOf(route);
  const anyone = fc.record({ caller: fc.constantFrom(...callers), params: paramsArbitrary(plan, options) });
  const who =
    realParams.length === 0
      ? anyone
      : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...realParams) }, { weight: 2, arbitrary: anyone });
  return fc
    .record({ who, query: queryArbitrary(plan, options), body: bodyArbitrary(plan, options) })
    .map(({ who: { caller, params }, query, body }) => {
      const c: Case = { caller, params, query, body };
      return Object.assign(c, { [fc.toStringMethod]: () => describeCase(plan, c) });
    });
}

export type Options = { hints: (name: string) => string[] };

export function bodyArbitrary(plan: Plan, options: Options): fc.Arbitrary<Body> {
  if (plan.body === undefined) {
    if (plan.route.method === 'GET') return fc.constant({ kind: 'none', what: 'no body' });
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant<Body>({ kind: 'none', what: 'no body' }) },
      {
        weight: 1,
        arbitrary: wrongValue.map<Body>((value) => ({ kind: 'json', value, what: 'an unexpected body' })),
      },
      { weight: 1, arbitrary: rawBody(fc.constant({})) },
    );
  }
  const valid = validArbitrary(plan.body, options);
  return fc.oneof(
    {
      weight: 3,
      arbitrary: valid.map<Body>((value) => ({ kind: 'json', value, what: 'valid by its schema' })),
    },
    {
      weight: 4,
      arbitrary: beyondArbitrary(plan.body, options).map<Body>((m) => ({
        kind: 'json',
        value: m.value,
        what: m.kind,
      })),
    },
    { weight: 2, arbitrary: rawBody(valid) },
  );
}

export const deepArrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
export const deepObjects = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
export const hugeLiterals = [
  '1e400',
  '-1e400',
  '1e-400',
  '123456789012345678901234567890',
  '-0',
  '0.1e1',
  '1E2',
];
export const brokenJson = [
  '',
  '{',
  '{"a":}',
  "{'a':1}",
  'NaN',
  '[1,]',
  '\ufeff{}',
  'null',
  '"text"',
  '{"a":1}{"b":2}',
  '\u0000',
];

/** Bodies that are not plain JSON of the right shape: broken or deep JSON, huge literals, the size limit, and
 *  other content types. */
export function rawBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  const json = (text: string, what: string): Body => ({
    kind: 'raw',
    text,
    contentType: 'application/json',
    what,
  });
  return fc.oneof(
    fc.constantFrom(...brokenJson).map((text) => json(text, `broken JSON ${JSON.stringify(text)}`)),
    fc.constantFrom(json(deepArrays, 'arrays 100 000 deep'), json(deepObjects, 'objects 50 000 deep')),
    fc
      .tuple(valid, fc.constantFrom(...hugeLiterals))
      .map(([value, literal]) => json(withNumberLiteral(value, literal), `the number ${literal}`)),
    fc
      .constantFrom(bodyLimit - 8, bodyLimit - 7)
      .map((n) =>
        json(
          `{"x":"${'a'.repeat(n)}"}`,
          n === bodyLimit - 8 ? 'exactly the body limit' : 'one byte over the body limit',
        ),
      ),
    fc
      .tuple(
        valid,
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'application/json; charset=utf-16',
          'application/x-www-form-urlencoded',
        ),
      )
      .map<Body>(([value, contentType]) => ({
        kind: 'raw',
        text: JSON.stringify(value),
        contentType,
        what: contentType,
      })),
    fc.constant<Body>({
      kind: 'raw',
      text: 'a=1&__proto__[x]=1&constructor=y',
      contentType: 'application/x-www-form-urlencoded',
      what: 'a form',
    }),
    fc.constantFrom(
      {
        kind: 'raw',
        text: '--x\r\nContent-Disposition: form-data; name="csv"\r\n\r\na;b\r\n--x--\r\n',
        contentType: 'multipart/form-data; boundary=x',
        what: 'multipart',
      } as Body,
      {
        kind: 'raw',
        text: '--x\r\nbroken',
        contentType: 'multipart/form-data; boundary=x',
        what: 'broken multipart',
      } as Body,
    ),
  );
}

/** The value's JSON with its numbers (or an added member) written as `literal`, which JSON.stringify cannot. */
export function withNumberLiteral(value: unknown, literal: string): string {
  const marker = '"\u0001number\u0001"';
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'number' ? '\u0001number\u0001' : v)) ?? 'null';
  if (text.includes(marker)) return text.replaceAll(marker, literal);
  return text.startsWith('{') ? `{"n":${literal}${text === '{}' ? '' : ','}${text.slice(1)}` : literal;
}

export function queryArbitrary(plan: Plan, options: Options): fc.Arbitrary<string> {
  const junk = fc.oneof(
    fc.constantFrom(
      'a=1&a=2',
      '__proto__=x&constructor=y&prototype=z',
      'x[y]=1&x[z]=2',
      '=',
      '&&&',
      '%',
      'a=%E0%A4%A',
      'a=%00',
      'a',
    ),
    fc.dictionary(nastyText(2), nastyText(), { maxKeys: 3 }).map(toQuery),
  );
  if (plan.query === undefined)
    return fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: junk });
  return fc.oneof(
    { weight: 3, arbitrary: validArbitrary(plan.query, options).map(toQuery) },
    { weight: 3, arbitrary: beyondArbitrary(plan.query, options).map((m) => toQuery(m.value)) },
    { weight: 1, arbitrary: junk },
  );
}

/** A query string from a value: members as key=value, arrays as repeated keys, anything else as its JSON. */
export function toQuery(value: unknown): string {
  const entries: [string, string][] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value))
      for (const item of Array.isArray(v) ? v : [v]) entries.push([k, text(item)]);
  } else entries.push(['q', text(value)]);
  let cut = Number.POSITIVE_INFINITY;
  for (;;) {
    const query = new URLSearchParams(entries.map(([k, v]) => [k.slice(0, cut), v.slice(0, cut)])).toString();
    if (query.length <= maxQueryLength) return query;
    cut = Math.floor(Math.min(cut, maxQueryLength) / 2);
  }
}

/** Path parameters from the route's params schema, or junk. */
export function paramsArbitrary(plan: Plan, options: Options): fc.Arbitrary<Record<string, string>> {
  if (plan.paramNames.length === 0) return fc.constant({});
  const properties = (plan.params?.properties ?? {}) as Record<string, JsonSchema>;
  const one = (name: string) =>
    fc.oneof(
      properties[name] ? validArbitrary(properties[name], options).map(String) : nastyText(),
      nastyText(),
      wrongValue.map((v) => JSON.stringify(v) ?? ''),
    );
  return fc.record(Object.fromEntries(plan.paramNames.map((name) => [name, one(name)])));
}

/** A path segment the router takes: well-formed (a lone surrogate has no URL form), no dot segment (the URL
 *  would address another path), at most maxParamLength once encoded. */
export function segment(value: string): string {
  let text = [...value.toWellFormed()].slice(0, maxParamLength).join('');
  if (text === '.' || text === '..') text = `${text}.`;
  let encoded = encodeURIComponent(text);
  while (encoded.length > maxParamLength) {
    text = [...text].slice(0, -1).join('');
    encoded = encodeURIComponent(text);
  }
  return encoded;
}

// ---- sending and checking -----------------------------------------------------------------------------------

export function pathOf(plan: Plan, c: Case): string {
  const path = plan.route.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    segment(c.params[name] ?? ''),
  );
  return c.query ? `${path}?${c.query}` : path;
}

export async function send(world: World, watch: ChangeWatch, plan: Plan, c: Case): Promise<ApiResponse> {
  let token = c.caller ? world.tokens.get(c.caller) : undefined;
  if (c.caller === sessionEnder) {
    // A session of its own for each case, made as a login makes it once the password is right (a login
    // through the API would spend a scrypt hash, half a second here, on every case).
    ({ token } = await createSession(
      world.s.database.db,
      world.userIds.get(sessionEnder)!,
      'api',
      new Date(NOW),
    ));
    await watch.take();
  }
  const headers: Record<string, string> = {};
  let rawBody: string | undefined;
  if (c.body.kind === 'json') {
    rawBody = JSON.stringify(c.body.value) ?? 'null';
    headers['content-type'] = 'application/json';
  } else if (c.body.kind === 'raw') {
    rawBody = c.body.text;
    headers['content-type'] = c.body.contentType;
  }
  const res = await world.s.api(plan.route.method, pathOf(plan, c), { token, rawBody, headers, now: NOW });
  return res;
}

export async function assertAnswer(watch: ChangeWatch, plan: Plan, c: Case, res: ApiResponse): Promise<void> {
  // The message is built only for a failure: describing a megabyte body for every case costs time.
  const fail = (why: string) =>
    assert.fail(`${describeCase(plan, c)} → ${res.status} ${res.text.slice(0, 300)}: ${why}`);
  const changes = await watch.take();
  const ok = (res.status >= 200 && res.status < 300) || (res.status >= 400 && res.status < 500);
  if (!ok) fail('neither a success nor a client error');
  if (res.status < 400) return;
  if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? '')) fail('not problem+json');
  if (res.body.status !== res.status) fail('the problem gives another status');
  if (!swedishTitles.has(res.body.title)) fail('the title is not one of the Swedish titles');
  // A login attempt or a current password is counted on purpose, before it is checked: the limits count in
  // the database so that they hold across instances (decision 0017). Nothing else may be written on a 4xx.
  const stored = changes.filter((ch) => ch.tableName !== 'login_throttles');
  if (stored.length > 0)
    fail(`it stored ${stored.map((ch) => `${ch.op} ${ch.tableName} ${ch.row.slice(0, 120)}`).join('; ')}`);
}

/** The case in one short line (long strings cut), for failure messages and fast-check's counterexample. */
export function describeCase(plan: Plan, c: Case): string {
  const short = (v: unknown) =>
    (
      JSON.stringify(v, (_k, x) =>
        typeof x === 'string' && x.length > 80 ? `${x.slice(0, 40)}…(${x.length})` : x,
      ) ?? 'undefined'
    ).slice(0, 400);
  const body =
    c.body.kind === 'none'
      ? ''
      : c.body.kind === 'json'
        ? ` ${short(c.body.value)}`
        : ` [${c.body.contentType}] ${short(c.body.text)}`;
  const path = pathOf(plan, c);
  return `${c.caller ?? 'anonymous'}: ${plan.route.method} ${path.length > 300 ? `${path.slice(0, 300)}…` : path} (${c.body.what})${body}`;
}

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { titles } from '../../src/platform/errors.ts';
import { isApiRequest } from '../../src/platform/http/context.ts';
import type { RouteEntry } from '../../src/platform/http/guard.ts';
import { type JsonSchema, SchemaNotGenerable, validArbitrary } from './arbitrary-from-schema.ts';
import type { TestServer } from './server.ts';

// What the bad-input test (test/assurance/bad-input.test.ts) runs on: its callers and runs, each route's schemas as
// JSON Schema, and the world (callers, and real values seen in the app's answers).

export const NOW = '2026-11-26T10:00:00Z';
/** Generated cases per route; BAD_INPUT_RUNS and BAD_INPUT_SEED explore further, the default is fixed. */
export const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 15);
export const SEED = Number(process.env.BAD_INPUT_SEED ?? 20261126);

/**
 * Demo accounts for each role (API.md "Demo accounts", src/demo/load-demo.ts), so that each route is called by
 * someone it lets in; more than one county where the demo's objects are elsewhere (Dalarna's revision project,
 * Södermanland's needs inventory).
 */
export const accountsFor: Record<string, string[]> = {
  staff: ['psykiatri.karlstad', 'soc.eskilstuna'],
  manager: ['chef.soc.karlstad'],
  governance: ['beredning.varmland', 'styrgrupp.dalarna', 'bgp.sormland'],
  agreementAdmin: ['avtal.varmland', 'avtal.dalarna', 'avtal.sormland'],
  countyAdmin: ['admin.varmland'],
  logReviewer: ['logg.regionvarmland'],
};
export const allAccounts = [...new Set(Object.values(accountsFor).flat())];
/** Calls DELETE /api/session, each time with a new session, so the callers' own sessions go on. */
export const sessionEnder = 'soc.arvika';
/** Fastify's router refuses a path parameter longer than this (maxParamLength) before any handler. */
export const maxParamLength = 100;
/** Node refuses request heads over 16 KiB (431) before Fastify sees them; query strings stay below. */
export const maxQueryLength = 8000;
export const swedishTitles = new Set(Object.values(titles));
/** Routes whose every well-formed call checks a password with scrypt (about half a second each here). */
export const passwordChecking = new Set(['POST /api/session', 'POST /api/me/password']);
export const runsFor = (route: RouteEntry) =>
  passwordChecking.has(`${route.method} ${route.url}`) ? Math.ceil(RUNS / 3) : RUNS;

export type Body =
  | { kind: 'none'; what: string }
  | { kind: 'json'; value: unknown; what: string }
  | { kind: 'raw'; text: string; contentType: string; what: string };
export type Case = { caller: string | null; params: Record<string, string>; query: string; body: Body };
/** Path parameters found in the app, with the caller who found them (and so may reach them). */
export type RealParams = { caller: string; params: Record<string, string> };
export type Plan = {
  route: RouteEntry;
  paramNames: string[];
  body: JsonSchema | undefined;
  query: JsonSchema | undefined;
  params: JsonSchema | undefined;
};

// ---- the routes' schemas ------------------------------------------------------------------------------------

/** The route's body, query and params schemas as JSON Schema; a schema that cannot be generated fails here. */
export function planFor(route: RouteEntry): Plan {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const part = (name: string) => {
    const value = schema[name];
    if (value === undefined) return undefined;
    try {
      const json = isZod(value)
        ? (z.toJSONSchema(value, { io: 'input' }) as JsonSchema)
        : (value as JsonSchema);
      fc.sample(validArbitrary(json), { numRuns: 1, seed: 1 });
      return json;
    } catch (error) {
      const why = error instanceof SchemaNotGenerable ? error.message : String(error);
      assert.fail(`${route.method} ${route.url}: cannot generate its ${name} from its schema: ${why}`);
    }
  };
  return {
    route,
    paramNames: [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!),
    body: part('body'),
    query: part('querystring'),
    params: part('params'),
  };
}

export const isZod = (value: unknown): value is z.ZodType =>
  typeof value === 'object' && value !== null && '_zod' in value;

export function seedFor(route: RouteEntry): number {
  let hash = SEED >>> 0;
  for (const ch of `${route.method} ${route.url}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return hash | 0;
}

// ---- the world: callers, and real values seen in the app's answers --------------------------------------------

export type World = {
  s: TestServer;
  tokens: Map<string, string>;
  userIds: Map<string, string>;
  /** One caller per county, to read what every user of the county may read. */
  countyReaders: string[];
  /** String values seen under each property name in the answers of GET routes (ids, keys, codes). */
  seen: Map<string, Set<string>>;
  /** Ids that must not be changed by generated input: the callers' own accounts and units. */
  protectedIds: Set<string>;
  /** GET answers already read for finding real path parameters, by caller and path. */
  answers: Map<string, unknown>;
};

export async function openWorld(s: TestServer): Promise<World> {
  const world: World = {
    s,
    tokens: new Map(),
    userIds: new Map(),
    countyReaders: [],
    seen: new Map(),
    protectedIds: new Set(),
    answers: new Map(),
  };
  // In parallel: each login hashes a password (scrypt), which runs off the main thread.
  const usernames = [...allAccounts, sessionEnder];
  const tokens = await Promise.all(usernames.map((username) => s.login(username, { now: NOW })));
  const counties = new Set<string>();
  for (const [i, username] of usernames.entries()) {
    const me = await s.api('GET', '/api/me', { token: tokens[i]!, now: NOW });
    world.tokens.set(username, tokens[i]!);
    world.userIds.set(username, me.body.id);
    world.protectedIds.add(me.body.id).add(me.body.unit.id);
    if (!counties.has(me.body.county.code) && username !== sessionEnder) world.countyReaders.push(username);
    counties.add(me.body.county.code);
  }
  await seedCases(world);
  for (const route of s.app.routeTable) {
    if (route.method !== 'GET' || !isApiRequest(route.url) || route.url.includes(':')) continue;
    for (const username of readersOf(world, route)) await getAs(world, username, route.url);
  }
  return world;
}

/** One SIP with consent and an invitation, a deviation and a dispute, so their routes have real ids. */
export async function seedCases(world: World): Promise<void> {
  const as = (username: string) => (method: string, path: string, body: unknown) =>
    world.s.api(method, path, { token: world.tokens.get(username)!, body, now: NOW });
  const staff = as('psykiatri.karlstad');
  const sip = await staff('POST', '/api/sips', {
    person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
    reason: 'Behöver samordnade insatser från psykiatri och socialtjänst',
  });
  assert.equal(sip.status, 201, sip.text);
  const consent = await staff('POST', `/api/sips/${sip.body.id}/consent`, {
    givenAt: '2026-11-20',
    form: 'written',
    principalIds: ['region-17', 'municipality-1780'],
    relativesMayTakePart: true,
  });
  assert.equal(consent.status, 200, consent.text);
  const units = await staff('GET', '/api/units?principalId=municipality-1780', undefined);
  const invitation = await staff('POST', `/api/sips/${sip.body.id}/invitations`, {
    unitId: units.body[0].id,
    meetingAt: '2026-12-01T13:00:00+01:00',
  });
  assert.equal(invitation.status, 201, invitation.text);
  const deviation = await staff('POST', '/api/deviations', {
    title: 'Kallelse till SIP besvarades inte',
    description: 'Kallelsen besvarades inte i tid.',
    category: 'unansweredInvitation',
    concernedPrincipalIds: ['municipality-1780'],
    occurredOn: '2026-11-26',
  });
  assert.equal(deviation.status, 201, deviation.text);
  const dispute = await as('chef.soc.karlstad')('POST', '/api/disputes', {
    kind: 'interpretation',
    category: 'interpretation',
    title: 'Vad betyder "motsvarande nivå"?',
    description: 'Parterna läser avsnittet om tvister olika.',
    counterpartPrincipalIds: ['region-17'],
  });
  assert.equal(dispute.status, 201, dispute.text);
}

/** The accounts that may call the route: those with one of its roles, or all of them. */
export function callersOf(route: RouteEntry): string[] {
  // The person's own routes ('person') are pages, never API routes (guard.ts), so they are never called here.
  if (route.access === 'public' || route.access === 'authenticated' || route.access === 'person')
    return allAccounts;
  return [
    ...new Set(
      route.access.flatMap((role) => {
        const usernames = accountsFor[role];
        assert.ok(usernames, `${route.method} ${route.url}: no demo account for role ${role}`);
        return usernames;
      }),
    ),
  ];
}

/** Who reads a GET to find real values: what a list shows depends on the role, or else on the county. */
export const readersOf = (world: World, route: RouteEntry): string[] =>
  Array.isArray(route.access) ? callersOf(route) : world.countyReaders;

/** GETs a path (once per caller and run) and remembers the values in the answer. */
export async function getAs(world: World, username: string, path: string): Promise<unknown> {
  const key = `${username} ${path}`;
  if (!world.answers.has(key)) {
    const res = await world.s.api('GET', path, { token: world.tokens.get(username)!, now: NOW });
    const answer = res.status === 200 && typeof res.body === 'object' ? res.body : undefined;
    if (answer !== undefined) remember(world, answer);
    world.answers.set(key, answer);
  }
  return world.answers.get(key);
}

export function remember(world: World, json: unknown): void {
  const walk = (value: unknown, key: string | undefined) => {
    if (typeof value === 'string' || typeof value === 'number') {
      if (key === undefined || world.protectedIds.has(String(value))) return;
      const set = world.seen.get(key) ?? new Set<string>();
      if (set.size < 40) set.add(String(value));
      world.seen.set(key, set);
    } else if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(json, undefined);
}

/** Real values for a body or query property of this name: what the app answered under the same name. */
export function hints(world: World, name: string): string[] {
  const own = [...(world.seen.get(name) ?? [])];
  if (name.endsWith('Ids')) own.push(...(world.seen.get(name.slice(0, -1)) ?? []));
  if (own.length === 0 && /(^id|Id|Ids)$/.test(name)) own.push(...(world.seen.get('id') ?? []));
  return own;
}

/**
 * Real values for the route's path parameters, in order, as each of its readers finds them: each one from the
 * GET answer of the path up to it (`/api/sips` for `/api/sips/:id`), or of the nearest GET above it, where it
 * is a member of a list named like the path's segment (`versions[].number` for
 * `/api/agreements/:id/versions/:number`).
 */
export async function realParamTuples(world: World, plan: Plan): Promise<RealParams[]> {
  if (plan.paramNames.length === 0) return [];
  const found: RealParams[] = [];
  for (const caller of readersOf(world, plan.route)) {
    let tuples: Record<string, string>[] = [{}];
    for (const name of plan.paramNames) {
      const next: Record<string, string>[] = [];
      for (const tuple of tuples.slice(0, 3)) {
        for (const value of (await realValues(world, plan, caller, name, tuple)).slice(0, 4))
          next.push({ ...tuple, [name]: value });
      }
      tuples = next;
    }
    found.push(...tuples.map((params) => ({ caller, params })));
  }
  return found;
}

export async function realValues(
  world: World,
  plan: Plan,
  caller: string,
  name: string,
  filled: Record<string, string>,
): Promise<string[]> {
  const enumValues = (plan.params?.properties as Record<string, JsonSchema> | undefined)?.[name]?.enum;
  if (Array.isArray(enumValues)) return enumValues.map(String);
  const segments = plan.route.url.slice(0, plan.route.url.indexOf(`:${name}`) - 1).split('/');
  const field = name === 'id' || name.endsWith('Id') ? 'id' : name;
  const fresh = (values: string[]) => [...new Set(values)].filter((v) => !world.protectedIds.has(v));
  let list: string | undefined;
  while (segments.length > 2) {
    const url = segments.join('/');
    const get = world.s.app.routeTable.find((r) => r.method === 'GET' && r.url === url);
    if (get && callersOf(get).includes(caller)) {
      const path = url.replace(/:([A-Za-z0-9_]+)/g, (_, p: string) => encodeURIComponent(filled[p] ?? ''));
      const values = fresh(valuesIn(await getAs(world, caller, path), list, name, field));
      if (values.length > 0) return values;
    }
    const last = segments.pop()!;
    if (!last.startsWith(':')) list ??= last;
  }
  // No GET above it (`/api/invitations/:id`): a list of that name in what the caller has read (a SIP's
  // invitations).
  if (list === undefined) return [];
  const read = [...world.answers].filter(([key]) => key.startsWith(`${caller} `)).map(([, answer]) => answer);
  return fresh(read.flatMap((answer) => valuesIn(answer, list, name, field)));
}

/** The values of `name` (or `field`) in the answer: in lists (or objects) called like `list`, else in its top-level
 *  items. */
export function valuesIn(json: unknown, list: string | undefined, name: string, field: string): string[] {
  const norm = (key: string) =>
    key
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .replace(/s$/, '');
  // `versions` matches `versions` and `currentVersion`.
  const named = (key: string | undefined) =>
    list !== undefined && key !== undefined && norm(key).endsWith(norm(list));
  const collect = (inList: boolean) => {
    const out: string[] = [];
    const take = (item: unknown) => {
      const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const v = record[name] ?? record[field];
      if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
    };
    const walk = (value: unknown, key: string | undefined, depth: number) => {
      const here = inList ? named(key) : depth <= (Array.isArray(value) ? 2 : 0);
      if (Array.isArray(value)) {
        if (here) value.forEach(take);
        for (const item of value) walk(item, key, depth + 1);
      } else if (value && typeof value === 'object') {
        if (here) take(value);
        for (const [k, v] of Object.entries(value)) walk(v, k, depth + 1);
      }
    };
    walk(json, undefined, 0);
    return out;
  };
  const inList = list === undefined ? [] : collect(true);
  return inList.length > 0 ? inList : collect(false);
}

/** After a change, what was read about that resource may be out of date (`/api/deviations` for a deviation's
 *  escalation): read it again when next needed. */
export function forgetAnswers(world: World, route: RouteEntry): void {
  const resource = route.url.split('/').slice(0, 3).join('/');
  for (const key of world.answers.keys())
    if (key.split(' ')[1]!.startsWith(resource)) world.answers.delete(key);
}

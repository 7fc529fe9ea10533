import assert from 'node:assert/strict';
import { like, sql } from 'drizzle-orm';
import { disputeEntries, disputeParties, disputes } from '../../src/modules/disputes/schema.ts';
import {
  counties,
  escalationPathBodies,
  escalationPathLevels,
} from '../../src/modules/organisations/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import type { ApiResponse, TestServer } from './server.ts';

// Shared by the dispute API tests: a fixed clock, demo users logged in on first use, and short ways to open,
// add to, escalate and decide a dispute, so each test states only its own rule.
export type Json = ApiResponse['body'];
export type Call = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** Every request runs at this instant unless a test says otherwise (x-somlos-now moves the server's clock). */
export const NOW = '2026-11-26T10:00:00Z';
export const TODAY = '2026-11-26';

export const interimText = 'Socialtjänsten i Karlstad fortsätter med boendestödet tills tvisten är avgjord.';

/** An individual-case dispute by a Karlstad manager against Region Värmland, with the interim responsibility. */
export const individualCase = (overrides: Record<string, unknown> = {}) => ({
  kind: 'individualCase',
  category: 'costSharing',
  title: 'Kostnad för boendestöd efter utskrivning',
  description:
    'Kommunen och regionen är oeniga om vem som bär kostnaden för boendestödet efter utskrivningen i oktober.',
  counterpartPrincipalIds: ['region-17'],
  interimResponsibility: { principalId: 'municipality-1780', description: interimText },
  ...overrides,
});

/** A dispute on interpreting the agreement: no person, no interim responsibility. */
export const interpretation = (overrides: Record<string, unknown> = {}) => ({
  kind: 'interpretation',
  category: 'interpretation',
  title: 'Vad betyder "motsvarande nivå" i avsnittet om tvister?',
  description: 'Parterna läser avsnittet om tvister olika när det gäller vilka chefer som ska mötas först.',
  counterpartPrincipalIds: ['region-17'],
  ...overrides,
});

export const decisionBody = (overrides: Record<string, unknown> = {}) => ({
  decision: 'Kostnaden delas lika mellan kommunen och regionen.',
  reasoning: 'Ansvarsfördelningen i överenskommelsen anger ett delat ansvar för insatsen.',
  ...overrides,
});

/** The parts of `actual` that `expected` names: API.md lets the server add fields, never drop them. */
export function shaped(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) ? actual.map((a, i) => shaped(a, expected[i])) : actual;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return actual;
    const a = actual as Record<string, unknown>;
    return Object.fromEntries(Object.keys(expected).map((k) => [k, shaped(a[k], (expected as Json)[k])]));
  }
  return actual;
}
export const assertLike = (actual: unknown, expected: unknown, message?: string) =>
  assert.deepEqual(shaped(actual, expected), expected, message);

export function assertProblem(res: ApiResponse, status: number, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, what);
  assert.equal(res.body.status, status, `${what}: problem status`);
  assert.equal(typeof res.body.title, 'string', `${what}: problem title`);
}

/** The paths named in a problem's field errors. */
export const errorPaths = (res: ApiResponse): string[] =>
  ((res.body?.errors ?? []) as Json[]).map((e) => e.path as string);

type Person = { token: string; id: string; unitId: string; principalId: string };

/** Demo users logged in when first used; helpers that call the dispute API as one of them. */
export function disputeWorld(s: TestServer) {
  const sessions = new Map<string, Promise<Person>>();
  const person = (username: string, now = NOW): Promise<Person> => {
    const key = `${username}@${now}`;
    if (!sessions.has(key)) {
      sessions.set(
        key,
        (async () => {
          const token = await s.login(username, { now });
          const me = await s.api('GET', '/api/me', { token, now });
          assert.equal(me.status, 200, me.text);
          return { token, id: me.body.id, unitId: me.body.unit.id, principalId: me.body.principal.id };
        })(),
      );
    }
    return sessions.get(key)!;
  };
  /** Calls as the user at an instant (a session begun then: sessions end when idle). */
  const at =
    (username: string, now: string): Call =>
    async (method, path, body) =>
      s.api(method, path, { token: (await person(username, now)).token, body, now });
  const by = (username: string): Call => at(username, NOW);
  const db = () => s.database.db;
  /** Who opened each dispute a test opened through this world: they always see it. */
  const openers = new Map<string, string>();

  const ok = (res: ApiResponse, status: number, what: string) => {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body as Json;
  };

  const w = {
    by,
    at,
    db,
    unit: async (username: string) => (await person(username)).unitId,
    /** Rows in every table a dispute writes to; a refused request must leave each one as it was. */
    async counts() {
      // One round trip: refused() takes these before and after every attempt.
      const n = (q: ReturnType<typeof sql>) => sql<number>`(${q})`.mapWith(Number);
      const [row] = await db()
        .select({
          disputes: n(sql`select count(*) from ${disputes}`),
          parties: n(sql`select count(*) from ${disputeParties}`),
          entries: n(sql`select count(*) from ${disputeEntries}`),
          pathLevels: n(sql`select count(*) from ${escalationPathLevels}`),
          pathBodies: n(sql`select count(*) from ${escalationPathBodies}`),
          events: n(sql`select count(*) from ${events} where ${like(events.type, 'dispute.%')}`),
        })
        .from(counties)
        .limit(1);
      return row!;
    },
    async open(username: string, body: unknown, now = NOW): Promise<Json> {
      const d = ok(await at(username, now)('POST', '/api/disputes', body), 201, `open by ${username}`);
      openers.set(d.id, username);
      return d;
    },
    async statement(username: string, id: string, text = 'Vi står fast vid vår bedömning.', now = NOW) {
      return ok(
        await at(username, now)('POST', `/api/disputes/${id}/statements`, { text }),
        200,
        `statement by ${username}`,
      );
    },
    async escalate(
      username: string,
      id: string,
      reason = 'Vi kommer inte överens på den här nivån.',
      now = NOW,
    ) {
      return ok(
        await at(username, now)('POST', `/api/disputes/${id}/escalation`, { reason }),
        200,
        `escalation by ${username}`,
      );
    },
    async decide(username: string, id: string, overrides: Record<string, unknown> = {}, now = NOW) {
      return ok(
        await at(username, now)('POST', `/api/disputes/${id}/decision`, decisionBody(overrides)),
        200,
        `decision by ${username}`,
      );
    },
    /** The dispute as its opener sees it now. */
    async snapshot(id: string): Promise<Json> {
      const opener = openers.get(id);
      if (!opener) throw new Error(`dispute ${id} was not opened through this world`);
      return ok(await by(opener)('GET', `/api/disputes/${id}`), 200, `GET ${id} as the opener`);
    },
    /**
     * Asserts that the attempt is refused with this status as problem+json, and that neither the dispute as its
     * opener sees it nor the number of rows in the dispute tables changed.
     */
    async refused(id: string, status: number, attempt: () => Promise<ApiResponse>, what = 'attempt') {
      const before = await w.snapshot(id);
      const rows = await w.counts();
      const res = await attempt();
      assertProblem(res, status, what);
      assert.deepEqual(await w.counts(), rows, `${what} changed the tables`);
      assert.deepEqual(await w.snapshot(id), before, `${what} changed the dispute`);
      return res;
    },
    /** Asserts that opening is refused with this status as problem+json and that nothing is stored. */
    async refusedOpen(username: string, body: unknown, status: number, what: string) {
      const rows = await w.counts();
      const res = await by(username)('POST', '/api/disputes', body);
      assertProblem(res, status, what);
      assert.deepEqual(await w.counts(), rows, `${what} stored something`);
      return res;
    },
    async sees(username: string, id: string, now = NOW): Promise<boolean> {
      const res = await at(username, now)('GET', `/api/disputes/${id}`);
      if (res.status === 404) {
        assertProblem(res, 404, `GET ${id} as ${username}`);
        return false;
      }
      assert.equal(res.status, 200, `GET ${id} as ${username}: ${res.status} ${res.text}`);
      return true;
    },
    async listIds(username: string, now = NOW): Promise<string[]> {
      const res = await at(username, now)('GET', '/api/disputes');
      assert.equal(res.status, 200, res.text);
      return res.body.map((x: Json) => x.id);
    },
    async precedents(username: string, query = '', now = NOW): Promise<Json[]> {
      const res = await at(username, now)('GET', `/api/disputes/precedents${query}`);
      assert.equal(res.status, 200, `precedents as ${username}: ${res.status} ${res.text}`);
      return res.body;
    },
  };
  return w;
}
export type DisputeWorld = ReturnType<typeof disputeWorld>;

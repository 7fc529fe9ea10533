import assert from 'node:assert/strict';
import { like } from 'drizzle-orm';
import { deviationEntries, deviationPrincipals, deviations } from '../../src/modules/deviations/schema.ts';
import { escalationPathBodies, escalationPathLevels } from '../../src/modules/organisations/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import type { ApiResponse, TestServer } from './server.ts';

// Shared by the deviation API tests: a fixed clock, demo users logged in on first use, and short ways to
// report, answer, escalate, decide and close, so each test states only its own rule.
export type Json = ApiResponse['body'];
export type Call = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** Every request runs at this instant unless a test says otherwise (x-somlos-now moves the server's clock). */
export const NOW = '2026-11-26T10:00:00Z';
export const TODAY = '2026-11-26';

export const reportBody = (overrides: Record<string, unknown> = {}, now = NOW) => ({
  title: 'Kallelse till SIP besvarades inte',
  description: 'Socialtjänsten kallade psykiatrin till ett SIP-möte. Kallelsen besvarades inte i tid.',
  category: 'unansweredInvitation',
  concernedPrincipalIds: ['region-17'],
  // The date part of the instant in UTC is never after the Swedish date, so it is never in the future.
  occurredOn: now.slice(0, 10),
  ...overrides,
});
export const answerBody = (overrides: Record<string, unknown> = {}) => ({
  investigation: 'Vi har gått igenom hur kallelser tas emot på mottagningen.',
  cause: 'Funktionsbrevlådan bevakades inte under semesterperioden.',
  measures: 'Två personer bevakar nu brevlådan varje dag, även under semestrar.',
  ...overrides,
});
export const decisionBody = (overrides: Record<string, unknown> = {}) => ({
  decision: 'Beredningsgruppen ger huvudmännen i uppdrag att ta fram en gemensam rutin för kallelser.',
  outcome: 'routineClarified',
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

type Person = { token: string; id: string; unitId: string; principalId: string };

/** Demo users logged in when first used; helpers that call the API as one of them. */
export function deviationWorld(s: TestServer) {
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
  const reporters = new Map<string, string>();
  const db = () => s.database.db;

  const ok = (res: ApiResponse, status: number, what: string) => {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body as Json;
  };

  const w = {
    by,
    at,
    db,
    user: (username: string) => person(username),
    unit: async (username: string) => (await person(username)).unitId,
    principal: async (username: string) => (await person(username)).principalId,
    /** Rows in every table a deviation writes to; a refused request must leave each one as it was. */
    async counts() {
      return {
        deviations: await db().$count(deviations),
        entries: await db().$count(deviationEntries),
        principals: await db().$count(deviationPrincipals),
        pathLevels: await db().$count(escalationPathLevels),
        pathBodies: await db().$count(escalationPathBodies),
        events: await db().$count(events, like(events.type, 'deviation.%')),
      };
    },
    async report(username: string, overrides: Record<string, unknown> = {}, now = NOW): Promise<Json> {
      const d = ok(
        await at(username, now)('POST', '/api/deviations', reportBody(overrides, now)),
        201,
        `report by ${username}`,
      );
      reporters.set(d.id, username);
      return d;
    },
    async answer(username: string, id: string, overrides: Record<string, unknown> = {}, now = NOW) {
      return ok(
        await at(username, now)('POST', `/api/deviations/${id}/answers`, answerBody(overrides)),
        200,
        `answer by ${username}`,
      );
    },
    async escalate(username: string, id: string, reason = 'Svaret löser inte problemet.', now = NOW) {
      return ok(
        await at(username, now)('POST', `/api/deviations/${id}/escalation`, { reason }),
        200,
        `escalation by ${username}`,
      );
    },
    async decide(username: string, id: string, overrides: Record<string, unknown> = {}, now = NOW) {
      return ok(
        await at(username, now)('POST', `/api/deviations/${id}/decision`, decisionBody(overrides)),
        200,
        `decision by ${username}`,
      );
    },
    async close(username: string, id: string, overrides: Record<string, unknown> = {}, now = NOW) {
      return ok(
        await at(username, now)('POST', `/api/deviations/${id}/closure`, {
          outcome: 'measuresTaken',
          comment: 'Svaret räcker för oss.',
          ...overrides,
        }),
        200,
        `closure by ${username}`,
      );
    },
    /** Remembers who reported a deviation that a test posted itself, for snapshot and refused. */
    track(id: string, reporter: string) {
      reporters.set(id, reporter);
    },
    /** The deviation as its reporter sees it now. */
    async snapshot(id: string): Promise<Json> {
      const reporter = reporters.get(id);
      if (!reporter) throw new Error(`deviation ${id} was not reported through this world`);
      return ok(await by(reporter)('GET', `/api/deviations/${id}`), 200, `GET ${id} as the reporter`);
    },
    /**
     * Asserts that the attempt is refused with this status as problem+json, and that neither the deviation as
     * its reporter sees it nor the number of rows in the deviation tables changed.
     */
    async refused(id: string, status: number, attempt: () => Promise<ApiResponse>, what = 'attempt') {
      const before = await w.snapshot(id);
      const rows = await w.counts();
      const res = await attempt();
      assertProblem(res, status, what);
      assert.deepEqual(await w.counts(), rows, `${what} changed the tables`);
      assert.deepEqual(await w.snapshot(id), before, `${what} changed the deviation`);
      return res;
    },
    /** Asserts that a report is refused with this status as problem+json and that nothing is stored. */
    async refusedReport(username: string, body: unknown, status: number, what: string) {
      const rows = await w.counts();
      const res = await by(username)('POST', '/api/deviations', body);
      assertProblem(res, status, what);
      assert.deepEqual(await w.counts(), rows, `${what} stored something`);
      return res;
    },
    async sees(username: string, id: string, now = NOW): Promise<boolean> {
      const res = await at(username, now)('GET', `/api/deviations/${id}`);
      if (res.status === 404) return false;
      assert.equal(res.status, 200, `GET ${id} as ${username}: ${res.status} ${res.text}`);
      return true;
    },
    async listIds(username: string, now = NOW): Promise<string[]> {
      const res = await at(username, now)('GET', '/api/deviations');
      assert.equal(res.status, 200, res.text);
      return res.body.map((x: Json) => x.id);
    },
  };
  return w;
}
export type DeviationWorld = ReturnType<typeof deviationWorld>;

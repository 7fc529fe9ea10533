import assert from 'node:assert/strict';
import { accessLog } from '../../src/platform/access/schema.ts';
import type { ApiResponse, TestServer } from './server.ts';

// Shared by the SIP API tests: a fixed clock, the demo users logged in, and short ways to start, consent and
// invite, so each test states only its own rule.
export type Json = ApiResponse['body'];
export type Call = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** Every request runs at this instant (the server's clock is moved with x-somlos-now), so dates are known. */
export const NOW = '2026-11-26T10:00:00Z';
export const TODAY = '2026-11-26';
export const MEETING = '2026-12-01T13:00:00+01:00';
export const tolvan = { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' };
export const consentFor = (principalIds: string[]) => ({
  givenAt: '2026-11-20',
  form: 'written',
  principalIds,
  relativesMayTakePart: true,
});
export const usernames = [
  'psykiatri.karlstad',
  'soc.karlstad',
  'chef.soc.karlstad',
  'soc.arvika',
  'psykiatri.orebro',
  'logg.regionvarmland',
];

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

/** 404 problem+json that gives nothing away about the person. */
export function assertHidden(res: ApiResponse, sip: Json, what: string) {
  assert.equal(res.status, 404, `${what}: ${res.status} ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /problem\+json/, what);
  const pin: string = sip.person.personalIdentityNumber;
  for (const secret of [sip.person.name, pin, pin.replace('-', ''), pin.slice(2), sip.person.id]) {
    assert.ok(!res.text.includes(secret), `${what}: the body mentions ${secret}`);
  }
}

/** Logs the demo users in (at NOW) and gives helpers that call the API as one of them. */
export async function world(s: TestServer, extra: string[] = []) {
  const people = new Map<string, { token: string; unitId: string; principalId: string }>();
  for (const username of [...usernames, ...extra]) {
    const token = await s.login(username, { now: NOW });
    const me = await s.api('GET', '/api/me', { token, now: NOW });
    people.set(username, { token, unitId: me.body.unit.id, principalId: me.body.principal.id });
  }
  const user = (username: string) => {
    const p = people.get(username);
    if (!p) throw new Error(`${username} is not logged in`);
    return p;
  };
  const by =
    (username: string): Call =>
    (method, path, body) =>
      s.api(method, path, { token: user(username).token, body, now: NOW });
  /** Calls as the user at another instant than NOW, with a session begun then (sessions end when idle). */
  const sessionsAt = new Map<string, Promise<string>>();
  const at =
    (username: string, now: string): Call =>
    async (method, path, body) => {
      const key = `${username}@${now}`;
      if (!sessionsAt.has(key)) sessionsAt.set(key, s.login(username, { now }));
      return s.api(method, path, { token: await sessionsAt.get(key)!, body, now });
    };
  const w = {
    by,
    at,
    unit: (username: string) => user(username).unitId,
    logCount: () => s.database.db.$count(accessLog),
    async start(username = 'psykiatri.karlstad', person = tolvan): Promise<Json> {
      const res = await by(username)('POST', '/api/sips', { person, reason: 'Behöver samordnade insatser' });
      assert.equal(res.status, 201, res.text);
      return res.body;
    },
    async consent(sip: Json, principalIds = ['region-17', 'municipality-1780']): Promise<Json> {
      const res = await by('psykiatri.karlstad')(
        'POST',
        `/api/sips/${sip.id}/consent`,
        consentFor(principalIds),
      );
      assert.equal(res.status, 200, res.text);
      return res.body;
    },
    async invite(sip: Json, unitId: string): Promise<Json> {
      const res = await by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
        unitId,
        meetingAt: MEETING,
      });
      assert.equal(res.status, 201, res.text);
      return res.body;
    },
    /** The user's unit is invited and accepts: it takes part, may write the plan and be named in it. */
    async join(sip: Json, username = 'soc.karlstad'): Promise<Json> {
      const invitation = await w.invite(sip, user(username).unitId);
      const res = await by(username)('POST', `/api/invitations/${invitation.id}/answer`, { accepted: true });
      assert.equal(res.status, 200, res.text);
      return res.body;
    },
    /** A SIP by psykiatri.karlstad with consent for Region Värmland and Karlstads kommun. */
    async active(principalIds?: string[]): Promise<Json> {
      return w.consent(await w.start(), principalIds);
    },
    /** What the convening unit sees now (one read, so take it outside counted stretches). */
    async snapshot(sip: Json): Promise<Json> {
      const res = await by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}`);
      assert.equal(res.status, 200, res.text);
      return res.body;
    },
    /** Asserts that the attempt is refused with this status as problem+json, and that the SIP is as it was. */
    async refused(sip: Json, status: number, attempt: () => Promise<ApiResponse>, what: string) {
      const before = await w.snapshot(sip);
      const res = await attempt();
      assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/, what);
      assert.deepEqual(await w.snapshot(sip), before, `${what} changed the SIP`);
      return res;
    },
    async sees(username: string, sip: Json): Promise<boolean> {
      const res = await by(username)('GET', `/api/sips/${sip.id}`);
      if (res.status === 404) return false;
      assert.equal(res.status, 200, res.text);
      return true;
    },
    async listIds(username: string): Promise<string[]> {
      const res = await by(username)('GET', '/api/sips');
      assert.equal(res.status, 200, res.text);
      return res.body.map((x: Json) => x.id);
    },
  };
  return w;
}
export type World = Awaited<ReturnType<typeof world>>;

import assert from 'node:assert/strict';
import type { ApiResponse, TestServer } from './server.ts';
import { openSession } from './sessions.ts';

// Shared by the follow-up tests: the demo users act at any instant with an API session opened at that instant
// (as a login would, without its scrypt cost, so a history over a year of days stays quick), and short ways to
// build SIPs, deviations and disputes through the API.
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies field by field
export type Json = any;
export type Call = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export function followUpWorld(s: TestServer) {
  const tokens = new Map<string, Promise<string>>();
  const me = new Map<string, Promise<Json>>();
  const token = (username: string, at: string) => {
    const key = `${username}@${at}`;
    if (!tokens.has(key)) tokens.set(key, openSession(s.database.db, username, 'api', new Date(at)));
    return tokens.get(key)!;
  };
  /** Calls the API as the user at an instant (the server's clock is moved there too). */
  const at =
    (username: string, instant: string): Call =>
    async (method, path, body) =>
      s.api(method, path, { token: await token(username, instant), body, now: instant });
  const ok = (res: ApiResponse, status: number, what: string): Json => {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  };
  const whoIs = (username: string): Promise<Json> => {
    if (!me.has(username))
      me.set(
        username,
        (async () =>
          ok(await at(username, '2026-01-01T10:00:00Z')('GET', '/api/me'), 200, `me ${username}`))(),
      );
    return me.get(username)!;
  };
  const day = (date: string) => `${date}T10:00:00Z`;
  return {
    at,
    ok,
    unit: async (username: string) => (await whoIs(username)).unit.id as string,
    day,
    async startSip(username: string, on: string, extra: Json = {}): Promise<Json> {
      const body = {
        person: { personalIdentityNumber: extra.pin ?? '19121212-1212', name: 'Tolvan Tolvansson' },
        reason: 'Behöver samordnade insatser',
        ...(extra.hasChildren ? { hasChildren: true } : {}),
      };
      return ok(await at(username, day(on))('POST', '/api/sips', body), 201, `start by ${username}`);
    },
    async consent(username: string, sip: Json, givenAt: string, principalIds: string[]) {
      return ok(
        await at(username, day(givenAt))('POST', `/api/sips/${sip.id}/consent`, {
          givenAt,
          form: 'written',
          principalIds,
          relativesMayTakePart: true,
        }),
        200,
        'consent',
      );
    },
    async invite(username: string, sip: Json, on: string, unitId: string, meetingOn: string): Promise<Json> {
      return ok(
        await at(username, day(on))('POST', `/api/sips/${sip.id}/invitations`, {
          unitId,
          meetingAt: `${meetingOn}T13:00:00+01:00`,
        }),
        201,
        'invitation',
      );
    },
    async answer(username: string, invitation: Json, on: string, accepted = true) {
      return ok(
        await at(username, day(on))(
          'POST',
          `/api/invitations/${invitation.id}/answer`,
          accepted ? { accepted } : { accepted, reason: 'Personen har inga insatser hos oss.' },
        ),
        200,
        'answer',
      );
    },
    async plan(username: string, sip: Json, on: string, plan: Json) {
      return ok(await at(username, day(on))('PUT', `/api/sips/${sip.id}/plan`, plan), 200, 'plan');
    },
    async followUp(
      username: string,
      sip: Json,
      heldOn: string,
      count: number,
      nextFollowUpOn: string | null,
    ) {
      const outcomes = Array.from({ length: count }, (_, index) => ({ index, outcome: 'ongoing' }));
      return ok(
        await at(username, day(heldOn))('POST', `/api/sips/${sip.id}/follow-ups`, {
          heldOn,
          outcomes,
          nextFollowUpOn,
        }),
        201,
        'follow-up',
      );
    },
    async refresh(on: string) {
      return ok(await at('avtal.varmland', on)('POST', '/api/followup/figures/refresh', {}), 200, 'refresh');
    },
    async indicators(username: string, on: string, query = ''): Promise<Json> {
      const res = await at(username, on)('GET', `/api/followup/indicators?year=2026${query}`);
      const body = ok(res, 200, `indicators for ${username} ${query}`);
      return Object.fromEntries(body.indicators.map((i: Json) => [i.key, i]));
    },
  };
}
export type FollowUpWorld = ReturnType<typeof followUpWorld>;

/** A month's or the year's figure of an indicator: [value, n] or 'dolt'. */
export function figure(indicator: Json, period: string): [number | null, number | null] | 'dolt' {
  const row = period.length === 4 ? indicator.total : indicator.rows.find((r: Json) => r.key === period);
  assert.ok(row, `${indicator.key}: no row ${period}`);
  if (row.suppressed) return 'dolt';
  return [row.value === null ? null : Math.round(row.value * 10) / 10, row.n];
}

/** Every month of the year with a figure, as { month: [value, n] }, hidden ones as 'dolt'. */
export function months(indicator: Json) {
  return Object.fromEntries(
    indicator.rows
      .filter((r: Json) => r.suppressed || (r.n ?? 0) > 0)
      .map((r: Json) => [
        r.key,
        r.suppressed ? 'dolt' : [r.value === null ? null : Math.round(r.value * 10) / 10, r.n],
      ]),
  );
}

import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { dischargeStays } from '../../src/modules/discharge/schema.ts';
import { accessLog } from '../../src/platform/access/schema.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import type { ApiResponse, TestServer } from './server.ts';

// Shared by the discharge planning tests (issue 25): calls as a demo user at a chosen instant (a session opened
// then, as sessions end when idle), and a short way to send an admission notice, so each test states its own rule.
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies field by field
export type Json = any;
export type Call = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export const person = { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' };

export async function dischargeWorld(s: TestServer) {
  const sessions = new Map<string, Promise<string>>();
  const at =
    (username: string, now: string): Call =>
    async (method, path, body) => {
      const key = `${username}@${now}`;
      if (!sessions.has(key)) sessions.set(key, s.login(username, { now }));
      return s.api(method, path, { token: await sessions.get(key)!, body, now });
    };
  const units = new Map<string, string>();
  const unit = async (username: string) => {
    if (!units.has(username)) {
      const me = await at(username, '2026-11-01T08:00:00Z')('GET', '/api/me');
      units.set(username, me.body.unit.id);
    }
    return units.get(username)!;
  };
  const w = {
    at,
    unit,
    /** The inpatient unit in Karlstad notifies Karlstad's social services and the outpatient psychiatry. */
    async admit(opts: {
      admittedAt: string;
      sentAt: string;
      person?: typeof person;
      expectedReadyOn?: string;
    }): Promise<Json> {
      const res = await at('heldygn.karlstad', opts.sentAt)('POST', '/api/discharge/stays', {
        person: opts.person ?? person,
        admittedAt: opts.admittedAt,
        expectedReadyOn: opts.expectedReadyOn ?? '2026-12-10',
        municipalityPrincipalId: 'municipality-1780',
        units: [
          { unitId: await unit('soc.karlstad'), kind: 'socialServices' },
          { unitId: await unit('psykiatri.karlstad'), kind: 'regionalOutpatient' },
        ],
      });
      assert.equal(res.status, 201, res.text);
      return res.body;
    },
    /** A step that must succeed (200), as `username` at `now`. */
    async step(username: string, now: string, method: string, path: string, body?: unknown) {
      const res = await at(username, now)(method, path, body ?? (method === 'GET' ? undefined : {}));
      assert.equal(res.status, 200, `${method} ${path}: ${res.text}`);
      return res.body as Json;
    },
    noticesOf: (stayId: string) => s.database.db.select().from(notices).where(eq(notices.subjectId, stayId)),
    logCount: () => s.database.db.$count(accessLog),
    /** The access-log rows about one stay (the demo's stays are read too when a board lists them). */
    logCountOf: (stayId: string) => s.database.db.$count(accessLog, eq(accessLog.objectId, stayId)),
    stayRow: async (id: string) =>
      (await s.database.db.select().from(dischargeStays).where(eq(dischargeStays.id, id)))[0],
  };
  return w;
}
export type DischargeWorld = Awaited<ReturnType<typeof dischargeWorld>>;

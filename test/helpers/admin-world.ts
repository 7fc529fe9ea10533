import assert from 'node:assert/strict';
import { like } from 'drizzle-orm';
import {
  caseCategories,
  counties,
  escalationLevelBodies,
  escalationLevels,
  governanceBodies,
  governanceBodyCoverage,
  governanceBodyMembers,
  unitChanges,
  units,
  userRoles,
  users,
} from '../../src/modules/organisations/schema.ts';
import { passwordLinks, sessions } from '../../src/platform/auth/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { assertProblem, deviationWorld, type Json, NOW } from './deviation-world.ts';
import type { ApiResponse, TestServer } from './server.ts';

// Shared by the administration tests: the demo users logged in on first use (deviation-world's sessions), a
// snapshot of every table the administration writes to, and the outbox's password links.

export { assertProblem, type Json, NOW };

export function adminWorld(s: TestServer) {
  const dw = deviationWorld(s);
  const db = () => s.database.db;
  const ok = (res: ApiResponse, status: number, what: string) => {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body as Json;
  };
  /** Every row the administration can write, as one comparable value: a refused call must leave it as it was. */
  const state = async () => ({
    units: await db().select().from(units).orderBy(units.id),
    unitChanges: await db().$count(unitChanges),
    users: await db().select().from(users).orderBy(users.id),
    roles: await db().$count(userRoles),
    openSessions: (await db().select().from(sessions)).filter((x) => !x.endedAt).length,
    bodies: await db().select().from(governanceBodies).orderBy(governanceBodies.id),
    members: await db().$count(governanceBodyMembers),
    coverage: await db().$count(governanceBodyCoverage),
    levels: await db()
      .select()
      .from(escalationLevels)
      .orderBy(escalationLevels.countyCode, escalationLevels.caseKind, escalationLevels.level),
    levelBodies: await db().$count(escalationLevelBodies),
    categories: await db()
      .select()
      .from(caseCategories)
      .orderBy(caseCategories.countyCode, caseCategories.key),
    counties: await db().select().from(counties).orderBy(counties.code),
    adminEvents: await db().$count(events, like(events.type, 'admin.%')),
    outbox: await db().$count(outbox),
    links: await db().$count(passwordLinks),
  });
  const w = {
    ...dw,
    ok,
    state,
    admin: dw.by('admin.varmland'),
    /** Asserts the call is refused with this status as problem+json, and that nothing changed anywhere. */
    async refused(attempt: () => Promise<ApiResponse>, status: number, what: string) {
      const before = await state();
      const res = await attempt();
      assertProblem(res, status, what);
      assert.deepEqual(await state(), before, `${what} changed something`);
      return res;
    },
    /** The token of the newest password link mailed to this address, read from the county's outbox. */
    async linkFor(email: string, admin = 'admin.varmland'): Promise<string> {
      const box = ok(await dw.by(admin)('GET', '/api/admin/outbox'), 200, 'outbox');
      const mail = box.messages.find((m: Json) => m.toAddress === email);
      assert.ok(mail, `a mail to ${email}`);
      const token = (mail.body as string).match(/\/losenord\/([A-Za-z0-9_-]+)/)?.[1];
      assert.ok(token, 'the mail holds a link');
      return token;
    },
    async unitId(principalId: string, name: string): Promise<string> {
      const list = ok(await w.admin('GET', `/api/admin/units?principalId=${principalId}`), 200, 'units');
      const unit = list.find((u: Json) => u.name === name);
      assert.ok(unit, `unit ${name}`);
      return unit.id;
    },
  };
  return w;
}
export type AdminWorld = ReturnType<typeof adminWorld>;

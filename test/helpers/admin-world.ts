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
  roleGrants,
  unitChanges,
  units,
  userRoles,
  users,
} from '../../src/modules/organisations/schema.ts';
import { passwordLinks, sessions } from '../../src/platform/auth/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { assertProblem, deviationWorld, type Json, NOW } from './deviation-world.ts';
import { mailCatcher } from './mail-catcher.ts';
import type { ApiResponse, TestServer } from './server.ts';

// Shared by the administration tests: the demo users logged in on first use (deviation-world's sessions), a
// snapshot of every table the administration writes to, and the password links as their mails are sent.

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
    roleGrants: await db().$count(roleGrants),
  });
  const mail = mailCatcher(db);
  const w = {
    ...dw,
    mail,
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
    /** The token of the newest password link mailed to this address, from the mail as it is sent. */
    linkFor: (email: string, now: string = NOW) => mail.linkFor(email, now),
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

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DischargeWorld, dischargeWorld, type Json } from '../helpers/discharge-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 25's demo data (modules/discharge/demo.ts): October 2026's admissions and discharges in each county, made
// through the use cases, with late notices and days the municipalities pay, every person marked invented.

describe('API: the demo month of discharge planning', () => {
  let s: TestServer;
  let w: DischargeWorld;
  before(async () => {
    s = await startTestServer();
    w = await dischargeWorld(s);
  });
  after(() => s.close());

  const NOW = '2026-11-02T09:00:00Z';
  const inpatient = ['heldygn.karlstad', 'heldygn.orebro', 'heldygn.eskilstuna', 'heldygn.falun'];

  test('each county has nine stays, two notices late, seven discharged, every name marked invented', async () => {
    for (const username of inpatient) {
      const board = await w.step(username, NOW, 'GET', '/api/discharge/stays?show=all');
      const demo = board.filter((x: Json) => x.admittedAt.startsWith('2026-10'));
      assert.equal(demo.length, 9, username);
      assert.equal(demo.filter((x: Json) => x.noticeLate).length, 2, username);
      assert.equal(demo.filter((x: Json) => x.status === 'discharged').length, 7, username);
      assert.ok(
        demo.every((x: Json) => x.person.name.endsWith('(påhittad)')),
        username,
      );
    }
  });

  test("October's paid days by hand: 2 + 2 (after a revoked readiness) + 4 + 2 = 10 days at the demo amount", async () => {
    for (const username of inpatient) {
      const paid = await w.step(username, NOW, 'GET', '/api/discharge/payments?month=2026-10');
      const days = paid.municipalities.reduce((n: number, m: Json) => n + m.totalDays, 0);
      const amount = paid.municipalities.reduce((n: number, m: Json) => n + m.totalAmountSek, 0);
      assert.deepEqual([days, amount], [10, 105000], username);
      assert.ok(paid.patients.every((p: Json) => p.days.every((d: Json) => d.demoAmount)));
    }
  });
});

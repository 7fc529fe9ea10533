import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dischargeWorld } from '../helpers/discharge-world.ts';
import { figure, followUpWorld, type Json } from '../helpers/followup-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 25's follow-up: the discharge indicators per county, municipality and month (discharge/indicator-facts.ts),
// from three stays in Karlstad in November 2026, figures written out by hand below, as Karlstad sees them (every
// count) and as Arvika does (counts from 1 to 4 hidden).

const karlstad = 'municipality-1780';
const DECEMBER = '2026-12-15T10:00:00Z';
const other = { personalIdentityNumber: '19900101-0017', name: 'Nils Nilsson' };

describe('API: discharge indicators', () => {
  let s: TestServer;
  let indicators: (username: string) => Promise<Record<string, Json>>;
  before(async () => {
    s = await startTestServer();
    const w = await dischargeWorld(s);
    const f = followUpWorld(s);
    const at = (t: string) => `2026-11-${t}Z`;
    const ready = (path: string, t: string) =>
      w.step('heldygn.karlstad', at(t), 'POST', `${path}/readiness`, { judgedAt: at(t) });
    const discharge = (path: string, day: string) =>
      w.step('heldygn.karlstad', `${day}T14:00:00Z`, 'POST', `${path}/discharge`, {
        dischargedOn: day,
        informationTransferredOn: day,
        summary: { care: 'Vård', existingPlans: '' },
      });
    // A: notice on time; ready the 3rd, the SIP called the 5th (its last day the 6th); discharged the 9th, 6 days
    // after; paid the 6th, 7th and 8th.
    const a = await w.admit({ admittedAt: at('02T08:00:00'), sentAt: at('02T10:00:00') });
    const pa = `/api/discharge/stays/${a.id}`;
    await w.step('psykiatri.karlstad', at('02T12:00:00'), 'POST', `${pa}/acknowledgement`, {
      fastVardkontakt: 'Sara, 054-10 10 10',
    });
    await ready(pa, '03T09:00:00');
    await w.step('psykiatri.karlstad', at('05T10:00:00'), 'POST', `${pa}/sip`);
    await discharge(pa, '2026-11-09');
    // B: notice 28 hours after admission (late); ready the 12th, no SIP by its last day (the 15th); discharged the
    // 20th, 8 days after; paid the 15th to the 19th.
    const b = await w.admit({ admittedAt: at('10T08:00:00'), sentAt: at('11T12:00:00'), person: other });
    const pb = `/api/discharge/stays/${b.id}`;
    await ready(pb, '12T09:00:00');
    await discharge(pb, '2026-11-20');
    // C: A's person again on the 20th, 11 days after A's discharge (a readmission within 30 days); ready the 21st,
    // discharged the 23rd (2 days, nothing paid, and before its SIP's last day: not counted for the SIP).
    const c = await w.admit({ admittedAt: at('20T08:00:00'), sentAt: at('20T09:00:00') });
    const pc = `/api/discharge/stays/${c.id}`;
    await ready(pc, '21T09:00:00');
    await discharge(pc, '2026-11-23');
    await f.refresh(DECEMBER);
    indicators = (username) => f.indicators(username, DECEMBER, `&principalId=${karlstad}`);
  });
  after(() => s.close());

  test("Karlstad's own figures for November, by hand", async () => {
    const k = await indicators('soc.karlstad');
    const nov = (key: string) => figure(k[key], '2026-11');
    assert.deepEqual(nov('dischargeNoticesOnTime'), [66.7, 3], 'A and C on time, B late');
    assert.deepEqual(nov('dischargeDaysReadyToDischarge'), [6, 3], 'median of 6, 8 and 2 days');
    assert.deepEqual(nov('dischargeDaysReadyToDischargeMean'), [5.3, 3], 'mean of 6, 8 and 2 days');
    assert.deepEqual(
      nov('dischargeSipsCalledInTime'),
      [50, 2],
      'A in time, B not; C discharged before its day',
    );
    assert.deepEqual(nov('dischargePaidDays'), [8, 8], 'A 3 days and B 5');
    assert.deepEqual(nov('dischargePaidAmount'), [84000, 8], '8 × 10 500 kr, the demo amount');
    assert.deepEqual(nov('dischargeReadmissions30'), [100, 1], 'A readmitted; B and C not yet 30 days');
    assert.equal(k.dischargeDaysReadyToDischargeMean.kind, 'mean');
    assert.equal(k.dischargePaidAmount.kind, 'sum');
  });

  test("Arvika sees Karlstad's small counts hidden", async () => {
    const k = await indicators('soc.arvika');
    assert.equal(figure(k.dischargeNoticesOnTime, '2026-11'), 'dolt');
    assert.equal(figure(k.dischargeReadmissions30, '2026-11'), 'dolt');
    assert.deepEqual(figure(k.dischargePaidDays, '2026-11'), [8, 8], 'eight days is no small count');
  });
});

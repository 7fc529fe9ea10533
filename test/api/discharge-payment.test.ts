import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DischargeWorld, dischargeWorld, type Json } from '../helpers/discharge-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 25, step 7 over the API: the municipality's payment responsibility counted from the county's rule (data
// with a history, the law's where the county has none) across a weekend, Christmas and a change of rule; the
// days shown to the municipality and the region; a disputed day opening a dispute on the county's ladder.

describe('API: discharge planning, payment responsibility', () => {
  let s: TestServer;
  let w: DischargeWorld;
  before(async () => {
    s = await startTestServer();
    w = await dischargeWorld(s);
    // Värmland agrees on its own rule from 20 December (two working days), with a new amount from 1 January.
    const admin = w.at('admin.varmland', '2026-11-01T08:00:00Z');
    for (const rule of [
      { validFrom: '2026-12-20', dailyAmountSek: 9000 },
      { validFrom: '2027-01-01', dailyAmountSek: 12000 },
    ]) {
      const res = await admin('POST', '/api/discharge/payment-rules', {
        ...rule,
        daysAfterNotice: 2,
        dayKind: 'working',
        source: 'Överenskommelse om samverkan vid utskrivning, Värmland (testets regel)',
      });
      assert.equal(res.status, 201, res.text);
    }
  });
  after(() => s.close());

  /** A stay judged ready at `readyAt` (notified then) and discharged on `dischargedOn` (at 15:00 that day). */
  async function readyStay(readyAt: string, dischargedOn?: string) {
    const stay = await w.admit({ admittedAt: '2026-11-30T08:00:00Z', sentAt: '2026-11-30T09:00:00Z' });
    const path = `/api/discharge/stays/${stay.id}`;
    await w.step('heldygn.karlstad', readyAt, 'POST', `${path}/readiness`, { judgedAt: readyAt });
    if (dischargedOn)
      await w.step('heldygn.karlstad', `${dischargedOn}T14:00:00Z`, 'POST', `${path}/discharge`, {
        dischargedOn,
        informationTransferredOn: dischargedOn,
        summary: { care: 'Vård', existingPlans: '' },
      });
    return stay as Json;
  }
  const payment = async (stayId: string, now = '2027-01-10T09:00:00Z') =>
    (await w.step('soc.karlstad', now, 'GET', `/api/discharge/stays/${stayId}`)).payment;

  test('the rules: the law’s and the county’s, oldest first; a new rule begins after today, and only the county administrator adds one', async () => {
    const rules = await w.step('soc.karlstad', '2026-12-01T09:00:00Z', 'GET', '/api/discharge/payment-rules');
    assert.deepEqual(
      rules.map((r: Json) => [r.countyCode, r.validFrom, r.daysAfterNotice, r.dayKind, r.dailyAmountSek]),
      [
        [null, '2026-01-01', 3, 'calendar', 10500],
        ['17', '2026-12-20', 2, 'working', 9000],
        ['17', '2027-01-01', 2, 'working', 12000],
      ],
    );
    const rule = {
      validFrom: '2026-12-01',
      daysAfterNotice: 1,
      dayKind: 'calendar',
      dailyAmountSek: 1,
      source: 'x',
    };
    const today = await w.at('admin.varmland', '2026-12-01T09:00:00Z')(
      'POST',
      '/api/discharge/payment-rules',
      rule,
    );
    assert.equal(today.status, 422, today.text);
    const taken = await w.at('admin.varmland', '2026-12-01T09:00:00Z')(
      'POST',
      '/api/discharge/payment-rules',
      {
        ...rule,
        validFrom: '2027-01-01',
      },
    );
    assert.equal(taken.status, 409, taken.text);
    const staff = await w.at('heldygn.karlstad', '2026-12-01T09:00:00Z')(
      'POST',
      '/api/discharge/payment-rules',
      rule,
    );
    assert.equal(staff.status, 403, staff.text);
    // Sörmland has no rule of its own: the law's.
    const sormland = await w.step(
      'soc.eskilstuna',
      '2026-12-01T09:00:00Z',
      'GET',
      '/api/discharge/payment-rules',
    );
    assert.deepEqual(
      sormland.map((r: Json) => r.countyCode),
      [null],
    );
  });

  test("before the county's rule: the law's three calendar days over a weekend, with a revoked readiness in between", async () => {
    // Ready Tuesday 1 December, revoked Sunday 6 December 15:00, ready again Tuesday 8 December, out on the 13th.
    const stay = await w.admit({ admittedAt: '2026-11-30T08:00:00Z', sentAt: '2026-11-30T09:00:00Z' });
    const path = `/api/discharge/stays/${stay.id}`;
    await w.step('heldygn.karlstad', '2026-12-01T10:00:00Z', 'POST', `${path}/readiness`, {
      judgedAt: '2026-12-01T10:00:00Z',
    });
    await w.step('heldygn.karlstad', '2026-12-06T14:00:00Z', 'POST', `${path}/readiness/revocation`);
    await w.step('heldygn.karlstad', '2026-12-08T08:00:00Z', 'POST', `${path}/readiness`, {
      judgedAt: '2026-12-08T08:00:00Z',
    });
    const paid = await payment(stay.id, '2026-12-09T09:00:00Z');
    assert.deepEqual(
      paid.days.map((d: Json) => d.day),
      ['2026-12-04', '2026-12-05'],
      'nothing is paid before the new wait ends',
    );
    await w.step('heldygn.karlstad', '2026-12-13T14:00:00Z', 'POST', `${path}/discharge`, {
      dischargedOn: '2026-12-13',
      informationTransferredOn: '2026-12-13',
      summary: { care: 'Vård', existingPlans: '' },
    });
    const done = await payment(stay.id);
    assert.deepEqual(
      done.days.map((d: Json) => [d.day, d.amountSek]),
      [
        ['2026-12-04', 10500],
        ['2026-12-05', 10500],
        ['2026-12-11', 10500],
        ['2026-12-12', 10500],
      ],
    );
    assert.equal(done.totalAmountSek, 42000);
  });

  test("the county's rule across Christmas and into the new year's amount: 3 × 9 000 + 2 × 12 000 kr", async () => {
    // Ready Wednesday 23 December: julafton, juldagen, annandagen and Sunday are not working days.
    const stay = await readyStay('2026-12-23T09:00:00Z', '2027-01-03');
    const paid = await payment(stay.id);
    assert.deepEqual(
      paid.days.map((d: Json) => [d.day, d.amountSek]),
      [
        ['2026-12-29', 9000],
        ['2026-12-30', 9000],
        ['2026-12-31', 9000],
        ['2027-01-01', 12000],
        ['2027-01-02', 12000],
      ],
    );
    assert.equal(paid.totalDays, 5);
    assert.equal(paid.totalAmountSek, 51000);
  });

  test("a readiness notified under the law's rule keeps the law's start across the county's new rule, and each day after costs the new rule", async () => {
    // Notified at 00:30 on Wednesday 16 December in Sweden (still the 15th in UTC): the notice day is the 16th, so
    // the law's three calendar days begin the payment on Saturday the 19th (not the 18th). From Sunday the 20th the
    // county's rule is in force: its amount for the 20th–22nd; its two working days would have begun the payment on
    // Friday the 18th, but the rule of the notice day decides the start.
    const before = await readyStay('2026-12-15T23:30:00Z', '2026-12-23');
    const paid = await payment(before.id);
    const rules = await w.step('soc.karlstad', '2026-12-01T09:00:00Z', 'GET', '/api/discharge/payment-rules');
    const county = rules.find((r: Json) => r.validFrom === '2026-12-20').id;
    assert.deepEqual(
      paid.days.map((d: Json) => [d.day, d.amountSek, d.ruleId, d.demoAmount]),
      [
        ['2026-12-19', 10500, 'law-2026-01-01', true],
        ['2026-12-20', 9000, county, false],
        ['2026-12-21', 9000, county, false],
        ['2026-12-22', 9000, county, false],
      ],
    );
    assert.equal(paid.totalAmountSek, 10500 + 3 * 9000);
    // Notified on the day the county's rule begins (a Sunday): its two working days, Monday and Tuesday, so the
    // payment begins on Tuesday the 22nd; the discharge on the 23rd leaves one paid day.
    const onTheDay = await readyStay('2026-12-20T09:00:00Z', '2026-12-23');
    assert.deepEqual(
      (await payment(onTheDay.id)).days.map((d: Json) => [d.day, d.amountSek]),
      [['2026-12-22', 9000]],
    );
  });

  test('the month’s days per patient and municipality, to the municipality and the region alike; others see none', async () => {
    const stay = await readyStay('2026-12-14T09:00:00Z', '2026-12-20');
    // Monday 14 December: the law's rule (the county's begins on the 20th): 17, 18 and 19 December are paid at its amount.
    for (const username of ['soc.karlstad', 'heldygn.karlstad']) {
      const month = await w.step(
        username,
        '2027-01-10T09:00:00Z',
        'GET',
        '/api/discharge/payments?month=2026-12',
      );
      const row = month.patients.find((p: Json) => p.stayId === stay.id);
      assert.ok(row, `${username} sees the stay's days`);
      assert.deepEqual(
        row.days.map((d: Json) => d.day),
        ['2026-12-17', '2026-12-18', '2026-12-19'],
      );
      assert.equal(row.totalAmountSek, 3 * 10500, 'days before the county rule are paid at the law’s amount');
      const karlstad = month.municipalities.find(
        (m: Json) => m.municipalityPrincipalId === 'municipality-1780',
      );
      // Karlstad's sum is its own patients' (the region also sees the demo's stays of other municipalities).
      assert.equal(
        karlstad.totalAmountSek,
        month.patients
          .filter((p: Json) => p.municipalityPrincipalId === 'municipality-1780')
          .reduce((sum: number, p: Json) => sum + p.totalAmountSek, 0),
      );
    }
    const outsider = await w.step(
      'soc.arvika',
      '2027-01-10T09:00:00Z',
      'GET',
      '/api/discharge/payments?month=2026-12',
    );
    assert.deepEqual(outsider.patients, []);
  });

  test("the municipality's manager disputes a paid day: a dispute opens between the municipality and the region, naming no one", async () => {
    const stay = await readyStay('2026-12-14T09:00:00Z', '2026-12-20');
    const path = `/api/discharge/stays/${stay.id}/disputed-days`;
    const now = '2027-01-10T09:00:00Z';
    const manager = w.at('chef.soc.karlstad', now);
    const unpaid = await manager('POST', path, { day: '2026-12-16', reason: 'Dagen var inte betald.' });
    assert.equal(unpaid.status, 422, unpaid.text);
    const res = await manager('POST', path, {
      day: '2026-12-17',
      reason: 'Hemtjänsten var på plats från den 17:e.',
    });
    assert.equal(res.status, 201, res.text);
    const day = res.body.payment.days.find((d: Json) => d.day === '2026-12-17');
    assert.ok(day.disputeId);
    const dispute = await manager('GET', `/api/disputes/${day.disputeId}`);
    assert.equal(dispute.status, 200, dispute.text);
    assert.equal(dispute.body.kind, 'individualCase');
    assert.deepEqual(dispute.body.parties.map((p: Json) => p.id).sort(), ['municipality-1780', 'region-17']);
    assert.ok(!dispute.text.includes('Tolvan'), 'the dispute names the person');
    const twice = await manager('POST', path, { day: '2026-12-17', reason: 'Igen.' });
    assert.equal(twice.status, 409, twice.text);
    // A manager of another municipality, who does not see the stay, gets 404.
    const arvika = await w.at('chef.soc.arvika', now)('POST', path, { day: '2026-12-18', reason: 'x' });
    assert.equal(arvika.status, 404, arvika.text);
  });
});

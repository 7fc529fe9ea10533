import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { type DischargeWorld, dischargeWorld, type Json, person } from '../helpers/discharge-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 25, steps 1–6 of discharge planning under lag (2017:612), over the API on a moved clock: the admission
// notice within 24 hours, acknowledgement and the fasta vårdkontakt, the expected date and the units'
// preparations, readiness and its revocation, the SIP within three days of the ready notice, and the discharge.

describe('API: discharge planning, the process', () => {
  let s: TestServer;
  let w: DischargeWorld;
  before(async () => {
    s = await startTestServer();
    w = await dischargeWorld(s);
  });
  after(() => s.close());

  test('an admission notice sent exactly 24 hours after the admission is on time, a minute later is late', async () => {
    const onTime = await w.admit({ admittedAt: '2026-11-30T08:00:00Z', sentAt: '2026-12-01T08:00:00Z' });
    assert.equal(onTime.noticeLate, false);
    assert.equal(onTime.noticeDueAt, '2026-12-01T08:00:00.000Z');
    const late = await w.admit({ admittedAt: '2026-11-30T08:00:00Z', sentAt: '2026-12-01T08:01:00Z' });
    assert.equal(late.noticeLate, true);
    assert.equal(late.status, 'inCare');
    assert.equal(late.person.name, person.name);
    // The notified units have a notice each at once, naming the stay and never the person.
    const sent = await w.noticesOf(late.id);
    assert.deepEqual(
      sent.map((n) => n.recipientUnitId).sort(),
      [await w.unit('soc.karlstad'), await w.unit('psykiatri.karlstad')].sort(),
    );
    for (const n of sent) {
      assert.equal(n.kind, 'discharge.admissionNotice');
      const text = JSON.stringify(n);
      for (const secret of [person.name, '19121212', '121212-1212', late.person.id])
        assert.ok(!text.includes(secret), `a notice names ${secret}`);
    }
  });

  test('the notice is refused with an admission in the future, a payer that is not a municipality of the county, or a unit of the wrong kind', async () => {
    const call = w.at('heldygn.karlstad', '2026-12-01T08:00:00Z');
    const body = async (over: Json) => ({
      person,
      admittedAt: '2026-11-30T08:00:00Z',
      expectedReadyOn: '2026-12-10',
      municipalityPrincipalId: 'municipality-1780',
      units: [{ unitId: await w.unit('soc.karlstad'), kind: 'socialServices' }],
      ...over,
    });
    const future = await call(
      'POST',
      '/api/discharge/stays',
      await body({ admittedAt: '2026-12-01T09:00:00Z' }),
    );
    assert.equal(future.status, 422, future.text);
    const region = await call(
      'POST',
      '/api/discharge/stays',
      await body({ municipalityPrincipalId: 'region-17' }),
    );
    assert.equal(region.status, 422, region.text);
    const otherCounty = await call(
      'POST',
      '/api/discharge/stays',
      await body({ municipalityPrincipalId: 'municipality-1880' }),
    );
    assert.equal(otherCounty.status, 422, otherCounty.text);
    const wrongKind = await call(
      'POST',
      '/api/discharge/stays',
      await body({ units: [{ unitId: await w.unit('soc.karlstad'), kind: 'regionalOutpatient' }] }),
    );
    assert.equal(wrongKind.status, 422, wrongKind.text);
    assert.equal(wrongKind.body.errors[0].path, 'units.0.unitId');
    // A municipality's unit sends no admission notices.
    const municipal = await w.at('soc.karlstad', '2026-12-01T08:00:00Z')(
      'POST',
      '/api/discharge/stays',
      await body({}),
    );
    assert.equal(municipal.status, 403, municipal.text);
  });

  test('from admission to discharge: acknowledgement, expected date, preparations, readiness revoked and given again, the SIP, the discharge', async (t) => {
    const stay = await w.admit({ admittedAt: '2026-11-30T20:00:00Z', sentAt: '2026-12-01T07:00:00Z' });
    const path = `/api/discharge/stays/${stay.id}`;
    const day1 = '2026-12-01T09:00:00Z';

    await t.test(
      'the outpatient unit acknowledges and names the fasta vårdkontakt; the municipality names none',
      async () => {
        const none = await w.at('psykiatri.karlstad', day1)('POST', `${path}/acknowledgement`, {});
        assert.equal(none.status, 422, none.text);
        assert.equal(none.body.errors[0].path, 'fastVardkontakt');
        const named = await w.step('psykiatri.karlstad', day1, 'POST', `${path}/acknowledgement`, {
          fastVardkontakt: 'Sjuksköterska Eva Ek, 054-00 00 00',
        });
        const own = named.units.find((u: Json) => u.kind === 'regionalOutpatient');
        assert.equal(own.fastVardkontakt, 'Sjuksköterska Eva Ek, 054-00 00 00');
        assert.equal(own.acknowledgedAt, '2026-12-01T09:00:00.000Z');
        const municipal = await w.at('soc.karlstad', day1)('POST', `${path}/acknowledgement`, {
          fastVardkontakt: 'Någon',
        });
        assert.equal(municipal.status, 422, municipal.text);
        await w.step('soc.karlstad', day1, 'POST', `${path}/acknowledgement`, {});
        const again = await w.at('soc.karlstad', day1)('POST', `${path}/acknowledgement`, {});
        assert.equal(again.status, 409, again.text);
        const inpatient = await w.at('heldygn.karlstad', day1)('POST', `${path}/acknowledgement`, {});
        assert.equal(inpatient.status, 403, inpatient.text);
      },
    );

    await t.test(
      'the inpatient unit moves the expected date (the units are told); the units record what they prepare',
      async () => {
        const moved = await w.step('heldygn.karlstad', day1, 'PUT', `${path}/expected-date`, {
          expectedReadyOn: '2026-12-03',
        });
        assert.equal(moved.expectedReadyOn, '2026-12-03');
        assert.deepEqual(
          moved.expectedDates.map((e: Json) => e.expectedReadyOn),
          ['2026-12-10', '2026-12-03'],
        );
        const told = (await w.noticesOf(stay.id)).filter((n) => n.kind === 'discharge.expectedDateChanged');
        assert.equal(told.length, 2);
        const byMunicipality = await w.at('soc.karlstad', day1)('PUT', `${path}/expected-date`, {
          expectedReadyOn: '2026-12-04',
        });
        assert.equal(byMunicipality.status, 403, byMunicipality.text);
        const prepared = await w.step('soc.karlstad', day1, 'PUT', `${path}/preparation`, {
          preparation: 'Boendestöd tre dagar i veckan från hemkomsten.',
        });
        assert.equal(
          prepared.units.find((u: Json) => u.kind === 'socialServices').preparation,
          'Boendestöd tre dagar i veckan från hemkomsten.',
        );
      },
    );

    await t.test(
      'readiness with date and time notifies the units; revoking it notifies them again',
      async () => {
        const future = await w.at('heldygn.karlstad', '2026-12-02T10:00:00Z')('POST', `${path}/readiness`, {
          judgedAt: '2026-12-02T11:00:00Z',
        });
        assert.equal(future.status, 422, future.text);
        const ready = await w.step('heldygn.karlstad', '2026-12-02T10:00:00Z', 'POST', `${path}/readiness`, {
          judgedAt: '2026-12-02T09:30:00+01:00',
        });
        assert.equal(ready.status, 'ready');
        assert.equal(ready.readiness[0].judgedAt, '2026-12-02T08:30:00.000Z');
        assert.equal(ready.readiness[0].notifiedAt, '2026-12-02T10:00:00.000Z');
        assert.equal(ready.sip.dueOn, '2026-12-05');
        const twice = await w.at('heldygn.karlstad', '2026-12-02T10:05:00Z')('POST', `${path}/readiness`, {
          judgedAt: '2026-12-02T09:30:00+01:00',
        });
        assert.equal(twice.status, 409, twice.text);
        const revoked = await w.step(
          'heldygn.karlstad',
          '2026-12-02T15:00:00Z',
          'POST',
          `${path}/readiness/revocation`,
        );
        assert.equal(revoked.status, 'inCare');
        assert.equal(revoked.readiness[0].revokedAt, '2026-12-02T15:00:00.000Z');
        const kinds = (await w.noticesOf(stay.id)).map((n) => n.kind);
        assert.equal(kinds.filter((k) => k === 'discharge.ready').length, 2);
        assert.equal(kinds.filter((k) => k === 'discharge.readyRevoked').length, 2);
        const again = await w.step('heldygn.karlstad', '2026-12-03T08:00:00Z', 'POST', `${path}/readiness`, {
          judgedAt: '2026-12-03T08:00:00Z',
        });
        assert.equal(again.readiness.length, 2);
        // The SIP's three days run from the first ready notice.
        assert.equal(again.sip.dueOn, '2026-12-05');
      },
    );

    await t.test(
      'the fasta vårdkontakt calls the SIP through the SIP module on the last day (23:00 in Sweden): on time',
      async () => {
        const byMunicipality = await w.at('soc.karlstad', '2026-12-05T22:00:00Z')('POST', `${path}/sip`, {});
        assert.equal(byMunicipality.status, 403, byMunicipality.text);
        const called = await w.step('psykiatri.karlstad', '2026-12-05T22:00:00Z', 'POST', `${path}/sip`);
        assert.equal(called.sip.late, false);
        assert.ok(called.sip.sipId);
        const sip = await w.at('psykiatri.karlstad', '2026-12-05T22:00:00Z')(
          'GET',
          `/api/sips/${called.sip.sipId}`,
        );
        assert.equal(sip.status, 200, sip.text);
        assert.equal(sip.body.person.name, person.name);
        assert.equal(sip.body.status, 'requested');
        const twice = await w.at('psykiatri.karlstad', '2026-12-05T22:10:00Z')('POST', `${path}/sip`, {});
        assert.equal(twice.status, 409, twice.text);
      },
    );

    await t.test(
      'the discharge: information transferred after the discharge day is refused; the summary holds the fasta vårdkontakt, the SIP and the plans',
      async () => {
        const now = '2026-12-07T14:00:00Z';
        const lateInfo = await w.at('heldygn.karlstad', now)('POST', `${path}/discharge`, {
          dischargedOn: '2026-12-07',
          informationTransferredOn: '2026-12-08',
          summary: { care: 'Läkemedelsjustering.', existingPlans: '' },
        });
        assert.equal(lateInfo.status, 422, lateInfo.text);
        assert.equal(lateInfo.body.errors[0].path, 'informationTransferredOn');
        const done = await w.step('heldygn.karlstad', now, 'POST', `${path}/discharge`, {
          dischargedOn: '2026-12-07',
          informationTransferredOn: '2026-12-07',
          summary: {
            care: 'Läkemedelsjustering.',
            sipPlannedOn: '2026-12-09',
            existingPlans: 'Genomförandeplan boendestöd.',
          },
        });
        assert.equal(done.status, 'discharged');
        assert.deepEqual(done.discharge, {
          dischargedOn: '2026-12-07',
          informationTransferredOn: '2026-12-07',
          summary: {
            care: 'Läkemedelsjustering.',
            fastVardkontakt: 'Sjuksköterska Eva Ek, 054-00 00 00',
            sipPlannedOn: '2026-12-09',
            existingPlans: 'Genomförandeplan boendestöd.',
          },
        });
        const after = await w.at('heldygn.karlstad', now)('POST', `${path}/readiness`, { judgedAt: now });
        assert.equal(after.status, 409, after.text);
        // The readiness open at the discharge is not revoked, yet the board no longer calls the stay ready.
        const board = await w.step('heldygn.karlstad', now, 'GET', '/api/discharge/stays?show=all');
        const row = board.find((r: Json) => r.id === stay.id);
        assert.deepEqual([row.status, row.readySince], ['discharged', null]);
        const told = (await w.noticesOf(stay.id)).filter((n) => n.kind === 'discharge.discharged');
        assert.equal(told.length, 2);
      },
    );
  });

  test('a SIP called at 00:30 in Sweden the day after the third day is late; the job flags a stay without one once', async () => {
    const stay = await w.admit({ admittedAt: '2026-12-01T08:00:00Z', sentAt: '2026-12-01T09:00:00Z' });
    const other = await w.admit({ admittedAt: '2026-12-01T08:00:00Z', sentAt: '2026-12-01T09:00:00Z' });
    for (const s2 of [stay, other]) {
      await w.step(
        'psykiatri.karlstad',
        '2026-12-01T10:00:00Z',
        'POST',
        `/api/discharge/stays/${s2.id}/acknowledgement`,
        {
          fastVardkontakt: 'Kurator Ali Berg',
        },
      );
      await w.step(
        'heldygn.karlstad',
        '2026-12-01T11:00:00Z',
        'POST',
        `/api/discharge/stays/${s2.id}/readiness`,
        {
          judgedAt: '2026-12-01T11:00:00Z',
        },
      );
    }
    const called = await w.step(
      'psykiatri.karlstad',
      '2026-12-04T23:30:00Z',
      'POST',
      `/api/discharge/stays/${stay.id}/sip`,
    );
    assert.equal(called.sip.dueOn, '2026-12-04');
    assert.equal(called.sip.late, true);
    // The job on the last day flags nothing; the morning after, the stay still without a SIP, once.
    const flagged = async () =>
      (await w.noticesOf(other.id))
        .filter((n) => n.kind === 'discharge.sipNotCalled')
        .map((n) => n.recipientUnitId);
    await runJobs({ db: s.database.db, now: new Date('2026-12-04T22:00:00Z') });
    assert.deepEqual(await flagged(), []);
    await runJobs({ db: s.database.db, now: new Date('2026-12-05T07:00:00Z') });
    await runJobs({ db: s.database.db, now: new Date('2026-12-06T07:00:00Z') });
    assert.deepEqual(
      (await flagged()).sort(),
      [await w.unit('heldygn.karlstad'), await w.unit('psykiatri.karlstad')].sort(),
    );
    assert.equal((await w.noticesOf(stay.id)).filter((n) => n.kind === 'discharge.sipNotCalled').length, 0);
    const board = await w.at('heldygn.karlstad', '2026-12-05T07:00:00Z')('GET', '/api/discharge/stays');
    const row = board.body.find((r: Json) => r.id === other.id);
    assert.equal(row.sipLate, true);
    assert.equal(row.sipCalled, false);
  });

  test('outsiders get 404 on every stay route, change nothing and leave no trace in the access log', async () => {
    const stay = await w.admit({ admittedAt: '2026-12-01T08:00:00Z', sentAt: '2026-12-01T09:00:00Z' });
    const path = `/api/discharge/stays/${stay.id}`;
    const now = '2026-12-02T09:00:00Z';
    const attempts: [string, string, unknown][] = [
      ['GET', path, undefined],
      ['POST', `${path}/acknowledgement`, {}],
      ['PUT', `${path}/expected-date`, { expectedReadyOn: '2026-12-09' }],
      ['PUT', `${path}/preparation`, { preparation: 'Något' }],
      ['POST', `${path}/readiness`, { judgedAt: '2026-12-02T08:00:00Z' }],
      ['POST', `${path}/readiness/revocation`, {}],
      ['POST', `${path}/sip`, {}],
      [
        'POST',
        `${path}/discharge`,
        {
          dischargedOn: '2026-12-02',
          informationTransferredOn: '2026-12-02',
          summary: { care: 'x', existingPlans: '' },
        },
      ],
    ];
    const before = await w.logCountOf(stay.id);
    const row = await w.stayRow(stay.id);
    for (const username of ['soc.arvika', 'psykiatri.orebro', 'heldygn.orebro']) {
      for (const [method, p, body] of attempts) {
        const res = await w.at(username, now)(method, p, body);
        assert.equal(res.status, 404, `${username} ${method} ${p}: ${res.status} ${res.text}`);
        for (const secret of [person.name, '1212-1212', stay.person.id])
          assert.ok(!res.text.includes(secret), `${username} ${method} ${p} mentions ${secret}`);
      }
      const board = await w.at(username, now)('GET', '/api/discharge/stays?show=all');
      assert.equal(board.status, 200, board.text);
      assert.ok(!board.body.some((r: Json) => r.id === stay.id), `${username} lists the stay`);
    }
    assert.equal(await w.logCountOf(stay.id), before, 'outsiders left rows in the access log');
    assert.deepEqual(await w.stayRow(stay.id), row);
    // Those who take part read it, and each read is logged.
    for (const username of ['heldygn.karlstad', 'soc.karlstad', 'psykiatri.karlstad']) {
      const res = await w.at(username, now)('GET', path);
      assert.equal(res.status, 200, `${username}: ${res.text}`);
    }
    assert.equal(await w.logCountOf(stay.id), before + 3);
  });
});

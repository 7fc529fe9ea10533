import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FollowUpWorld, figure, followUpWorld, type Json, months } from '../helpers/followup-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §7: indicators computed from the work. A scripted history of SIPs, deviations and disputes in Värmland
// over the first months of 2026, with the clock moved to each step, and the figures asserted exactly, as the
// owning principal sees them (every count) and as others see them (small counts hidden).

const region = 'region-17';
const karlstad = 'municipality-1780';
const arvika = 'municipality-1784';
const MAY = '2026-05-20T10:00:00Z';
const DECEMBER = '2026-12-15T10:00:00Z';

describe('API: follow-up indicators from a scripted history', () => {
  let s: TestServer;
  let w: FollowUpWorld;
  const plan = (units: { overall: string; other: string }, extra: Json = {}) => ({
    interventions: [
      { description: 'Boendestöd', responsibleUnitId: units.other },
      { description: 'Samtalskontakt', responsibleUnitId: units.overall },
    ],
    overallResponsibility: { unitId: units.overall },
    goals: ['Eget boende'],
    personsOwnWords: 'Jag vill bo själv.',
    followUpOn: '2026-03-01',
    childrenConsidered: null,
    ...extra,
  });

  /** The scripted history: six SIPs, three deviations and two disputes, each step on its own day. */
  async function scriptedHistory(w: FollowUpWorld) {
    const psych = await w.unit('psykiatri.karlstad');
    const soc = await w.unit('soc.karlstad');
    const socArvika = await w.unit('soc.arvika');
    const p = 'psykiatri.karlstad';
    const both = { overall: psych, other: soc };

    // S1, Region: consent after 2 days, meeting and plan after 14, answered in time, followed up on time; the
    // next follow-up (2026-06-01) is never held.
    const s1 = await w.startSip(p, '2026-01-12');
    await w.consent(p, s1, '2026-01-14', [region, karlstad]);
    const i1 = await w.invite(p, s1, '2026-01-14', soc, '2026-01-26');
    await w.answer('soc.karlstad', i1, '2026-01-15');
    await w.plan(p, s1, '2026-01-26', plan(both));
    await w.followUp(p, s1, '2026-02-27', 2, '2026-06-01');
    // S2, Region: 10, 27 and 27 days; answered late; a plan without the person's own words; followed up late.
    const s2 = await w.startSip(p, '2026-01-20');
    await w.consent(p, s2, '2026-01-30', [region, karlstad]);
    const i2 = await w.invite(p, s2, '2026-01-30', soc, '2026-02-16');
    await w.answer('soc.karlstad', i2, '2026-02-13');
    await w.plan(p, s2, '2026-02-16', plan(both, { personsOwnWords: '', followUpOn: '2026-05-01' }));
    await w.followUp(p, s2, '2026-05-10', 2, null);
    const closed = await w.at(p, w.day('2026-05-10'))('POST', `/api/sips/${s2.id}/closure`, {
      reason: 'goalsMet',
    });
    w.ok(closed, 200, 'closure');
    // S3, Karlstads kommun: consent the same day; the region's unit never answers; a plan that considers the
    // person's children (naming only the municipality's unit, as the region's has not accepted); its follow-up
    // (2026-09-01) is never held.
    const s3 = await w.startSip('soc.karlstad', '2026-02-03', { hasChildren: true });
    await w.consent('soc.karlstad', s3, '2026-02-03', [karlstad, region]);
    await w.invite('soc.karlstad', s3, '2026-02-03', psych, '2026-03-05');
    await w.plan(
      'soc.karlstad',
      s3,
      '2026-03-05',
      plan(
        { overall: soc, other: soc },
        { childrenConsidered: true, childrenNote: 'Barnen får stöd.', followUpOn: '2026-09-01' },
      ),
    );
    // S4, Region: no consent.
    const s4 = await w.startSip(p, '2026-02-10');
    w.ok(
      await w.at(p, w.day('2026-02-20'))('POST', `/api/sips/${s4.id}/closure`, { reason: 'noConsent' }),
      200,
      'no consent',
    );
    // S5, Region, the person has children: 7 and 18 days; Arvika declines in time; children not considered.
    const s5 = await w.startSip(p, '2026-03-02', { hasChildren: true });
    await w.consent(p, s5, '2026-03-09', [region, arvika]);
    const i5 = await w.invite(p, s5, '2026-03-09', socArvika, '2026-03-20');
    await w.answer('soc.arvika', i5, '2026-03-10', false);
    await w.plan(
      p,
      s5,
      '2026-03-20',
      plan(
        { overall: psych, other: psych },
        { childrenConsidered: false, childrenNote: 'Barnen är vuxna.', followUpOn: '2027-01-15' },
      ),
    );
    // S6, Region: consent withdrawn the day after the invitation: neither the invitation nor the meeting counts.
    const s6 = await w.startSip(p, '2026-03-16');
    await w.consent(p, s6, '2026-03-18', [region, karlstad]);
    await w.invite(p, s6, '2026-03-18', soc, '2026-04-01');
    w.ok(
      await w.at(p, w.day('2026-03-19'))('POST', `/api/sips/${s6.id}/consent/withdrawal`, {
        withdrawnAt: '2026-03-19',
      }),
      200,
      'withdrawal',
    );

    // Deviations: one answered and closed, one decided by Beredningsgruppen at level 2, one open.
    const report = async (username: string, on: string, category: string, concerned: string[]) =>
      w.ok(
        await w.at(username, w.day(on))('POST', '/api/deviations', {
          title: 'Samverkan brast',
          description: 'Överenskommelsen följdes inte i ett ärende.',
          category,
          concernedPrincipalIds: concerned,
          occurredOn: on,
        }),
        201,
        'deviation',
      );
    const d1 = await report('soc.arvika', '2026-02-10', 'unansweredInvitation', [region]);
    w.ok(
      await w.at('chef.psykiatri.karlstad', w.day('2026-02-20'))('POST', `/api/deviations/${d1.id}/answers`, {
        investigation: 'Vi har gått igenom rutinen.',
        cause: 'Brevlådan bevakades inte.',
        measures: 'Två personer bevakar den nu.',
      }),
      200,
      'answer',
    );
    w.ok(
      await w.at('soc.arvika', w.day('2026-02-25'))('POST', `/api/deviations/${d1.id}/closure`, {
        outcome: 'measuresTaken',
        comment: 'Bra.',
      }),
      200,
      'closure',
    );
    const d2 = await report('soc.karlstad', '2026-02-11', 'dischargeInformation', [region]);
    w.ok(
      await w.at('soc.karlstad', w.day('2026-03-20'))('POST', `/api/deviations/${d2.id}/escalation`, {
        reason: 'Inget svar.',
      }),
      200,
      'escalation',
    );
    w.ok(
      await w.at('beredning.varmland', w.day('2026-04-10'))('POST', `/api/deviations/${d2.id}/decision`, {
        decision: 'Huvudmännen tar fram en rutin för utskrivning.',
        outcome: 'routineClarified',
      }),
      200,
      'decision',
    );
    await report('psykiatri.karlstad', '2026-03-05', 'unclearResponsibility', [karlstad, arvika]);

    // Disputes: one decided by the managers at level 1, one escalated and still open.
    const dispute = async (username: string, on: string, counterpart: string) =>
      w.ok(
        await w.at(username, w.day(on))('POST', '/api/disputes', {
          kind: 'interpretation',
          category: 'interpretation',
          title: 'Hur ska ansvaret läsas',
          description: 'Parterna läser ansvarsfördelningen olika.',
          counterpartPrincipalIds: [counterpart],
        }),
        201,
        'dispute',
      );
    const t1 = await dispute('chef.soc.karlstad', '2026-04-01', region);
    w.ok(
      await w.at('chef.soc.karlstad', w.day('2026-04-15'))('POST', `/api/disputes/${t1.id}/decision`, {
        decision: 'Regionen ansvarar.',
        reasoning: 'Insatsen är medicinsk.',
      }),
      200,
      'dispute decision',
    );
    const t2 = await dispute('chef.psykiatri.karlstad', '2026-04-02', arvika);
    w.ok(
      await w.at('chef.psykiatri.karlstad', w.day('2026-04-20'))(
        'POST',
        `/api/disputes/${t2.id}/escalation`,
        { reason: 'Oeniga.' },
      ),
      200,
      'dispute escalation',
    );
  }

  before(async () => {
    s = await startTestServer();
    w = followUpWorld(s);
    await scriptedHistory(w);
  });
  after(() => s.close());

  test('before the first refresh there are no figures, and the page says so', async () => {
    // The same history on a server of its own, which no other test refreshes.
    const fresh = await startTestServer();
    try {
      const w = followUpWorld(fresh);
      await scriptedHistory(w);
      const res = await w.at('psykiatri.karlstad', MAY)('GET', '/api/followup/indicators?year=2026');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.refreshedAt, null);
      const started = res.body.indicators.find((i: Json) => i.key === 'sipsStarted');
      assert.deepEqual(figure(started, '2026'), [0, 0]);
    } finally {
      await fresh.close();
    }
  });

  test('in May: the owning principal sees every figure of its SIPs, to the day', async () => {
    await w.refresh(MAY);
    const r = await w.indicators('psykiatri.karlstad', MAY, `&principalId=${region}`);
    assert.deepEqual(months(r.sipsStarted), { '2026-01': [2, 2], '2026-02': [1, 1], '2026-03': [2, 2] });
    assert.deepEqual(figure(r.sipsStarted, '2026'), [5, 5]);
    // 2 and 10 days in January, 7 and 2 in March: medians 6 and 4.5, and 4.5 for the year.
    assert.deepEqual(months(r.daysToConsent), { '2026-01': [6, 2], '2026-03': [4.5, 2] });
    assert.deepEqual(figure(r.daysToConsent, '2026'), [4.5, 4]);
    // 14, 27 and 18 days; S6's meeting was after the consent was withdrawn and never held.
    assert.deepEqual(months(r.daysToFirstMeeting), {
      '2026-01': [14, 1],
      '2026-02': [27, 1],
      '2026-03': [18, 1],
    });
    assert.deepEqual(figure(r.daysToFirstMeeting, '2026'), [18, 3]);
    assert.deepEqual(figure(r.daysToPlan, '2026'), [18, 3]);
    assert.deepEqual(months(r.plansWithOwnWords), {
      '2026-01': [100, 1],
      '2026-02': [0, 1],
      '2026-03': [100, 1],
    });
    assert.deepEqual(figure(r.plansWithOwnWords, '2026'), [66.7, 3]);
    assert.deepEqual(figure(r.plansChildrenConsidered, '2026'), [0, 1]);
    // On time in March (due 03-01, held 02-27), late in May (due 05-01, held 05-10); 06-01 has not come.
    assert.deepEqual(months(r.followUpsOnTime), { '2026-03': [100, 1], '2026-05': [0, 1] });
    // The region's unit never answered Karlstad's invitation (S3): 0 of 1.
    assert.deepEqual(figure(r.invitationsAnsweredInTime, '2026'), [0, 1]);
    assert.equal(r.daysToConsent.meetsTarget, true); // at most 7 days
    assert.equal(r.followUpsOnTime.meetsTarget, false); // at least 80 %
  });

  test('in December: the overdue follow-ups count as late, once the clock has passed their dates', async () => {
    await w.refresh(DECEMBER);
    const r = await w.indicators('psykiatri.karlstad', DECEMBER, `&principalId=${region}`);
    assert.deepEqual(months(r.followUpsOnTime), {
      '2026-03': [100, 1],
      '2026-05': [0, 1],
      '2026-06': [0, 1],
    });
    assert.deepEqual(figure(r.followUpsOnTime, '2026'), [33.3, 3]);
    const k = await w.indicators('soc.karlstad', DECEMBER, `&principalId=${karlstad}`);
    // Karlstad answered S1 in time and S2 late; S6's invitation was void when consent was withdrawn.
    assert.deepEqual(months(k.invitationsAnsweredInTime), { '2026-01': [100, 1], '2026-02': [0, 1] });
    assert.deepEqual(figure(k.sipsStarted, '2026'), [1, 1]);
    assert.deepEqual(months(k.followUpsOnTime), { '2026-09': [0, 1] });
    assert.deepEqual(figure(k.plansChildrenConsidered, '2026'), [100, 1]);
  });

  test('deviations by category, concerned principal, level and outcome; disputes by the level that solved them', async () => {
    await w.refresh(DECEMBER); // the figures as of December, whichever test refreshed before
    const r = await w.indicators('psykiatri.karlstad', DECEMBER, `&principalId=${region}`);
    const counts = (i: Json) =>
      Object.fromEntries(i.rows.filter((x: Json) => x.value).map((x: Json) => [x.key, x.value]));
    // Reported by the region: D3 only.
    assert.deepEqual(counts(r.deviationsByCategory), { unclearResponsibility: 1 });
    assert.deepEqual(counts(r.deviationsByPrincipal), { [karlstad]: 1, [arvika]: 1 });
    assert.deepEqual(counts(r.disputesByLevelSolved), { open: 1 });
    const k = await w.indicators('soc.karlstad', DECEMBER, `&principalId=${karlstad}`);
    assert.deepEqual(counts(k.deviationsByLevel), { 2: 1 });
    assert.deepEqual(counts(k.deviationsByOutcome), { routineClarified: 1 });
    assert.deepEqual(counts(k.disputesByLevelSolved), { 1: 1 });
  });

  test('outside the owning principal, counts from 1 to 4 are hidden, and none can be worked out from a total', async () => {
    await w.refresh(DECEMBER); // the figures as of December, whichever test refreshed before
    const c = await w.indicators('soc.arvika', DECEMBER);
    // Two SIPs a month: every month hidden; the year's 6 is shown (three hidden cells of 2 are not knowable).
    assert.deepEqual(months(c.sipsStarted), { '2026-01': 'dolt', '2026-02': 'dolt', '2026-03': 'dolt' });
    assert.deepEqual(figure(c.sipsStarted, '2026'), [6, 6]);
    // Five consents in the county (0, 2, 2, 7, 10 days): the year's median is shown, the months are not.
    assert.deepEqual(figure(c.daysToConsent, '2026'), [2, 5]);
    assert.equal(figure(c.daysToConsent, '2026-01'), 'dolt');
    // Four invitations counted: too few to show a share to anyone outside.
    assert.equal(figure(c.invitationsAnsweredInTime, '2026'), 'dolt');
    // Three deviations: every category hidden, and the total (3) too; in every table that shares it.
    for (const key of ['deviationsByCategory', 'deviationsByLevel', 'deviationsByOutcome']) {
      assert.ok(
        c[key].rows.every((r: Json) => r.value === 0 || r.suppressed),
        key,
      );
      assert.equal(c[key].total.suppressed, true, key);
    }
    // Arvika sees its own row among the concerned principals; the others' small counts stay hidden.
    const byPrincipal = Object.fromEntries(
      c.deviationsByPrincipal.rows.map((r: Json) => [r.key, r.suppressed ? 'dolt' : r.value]),
    );
    assert.equal(byPrincipal[arvika], 1);
    assert.equal(byPrincipal[region], 'dolt');
    assert.equal(byPrincipal[karlstad], 'dolt');
    // On the region's own dashboard, Arvika sees nothing small of the region's.
    const r = await w.indicators('soc.arvika', DECEMBER, `&principalId=${region}`);
    assert.equal(r.sipsStarted.total.suppressed, true);
    assert.ok(r.sipsStarted.rows.every((x: Json) => x.suppressed || x.n === 0));
    for (const i of Object.values(c) as Json[]) assertNothingDerivable(i);
  });

  test('the annual report is suppressed as for an outsider, even for the principal that owns a figure', async () => {
    await w.refresh(DECEMBER); // the figures as of December, whichever test refreshed before
    const own = await w.indicators('psykiatri.karlstad', DECEMBER);
    const row = own.deviationsByPrincipal.rows.find((r: Json) => r.key === region);
    assert.equal(row.value, 2);
    const res = await w.at('psykiatri.karlstad', DECEMBER)('GET', '/api/followup/annual-report?year=2026');
    const report = w.ok(res, 200, 'report');
    const table = report.groups[0].tables.find((t: Json) => t.name === 'Avvikelser per berörd huvudman');
    assert.equal(table.rows.find((r: Json) => r.label === 'Region Värmland').text, 'dolt');
    const started = report.indicators.find((i: Json) => i.name === 'Startade SIP:ar');
    assert.deepEqual([started.value, started.n], ['6', '6']);
    const answered = report.indicators.find((i: Json) => i.name === 'Kallelser besvarade inom svarstiden');
    assert.deepEqual([answered.value, answered.n, answered.met], ['dolt', 'dolt', '–']);
  });

  test("a unit's dashboard, and another county's principal or unit is 404", async () => {
    await w.refresh(DECEMBER); // the figures as of December, whichever test refreshed before
    const psych = await w.unit('psykiatri.karlstad');
    const u = await w.indicators('chef.psykiatri.karlstad', DECEMBER, `&unitId=${psych}`);
    assert.deepEqual(figure(u.sipsStarted, '2026'), [5, 5]);
    for (const query of [`principalId=${region}`, `unitId=${psych}`, 'principalId=nobody']) {
      const res = await w.at('soc.falun', DECEMBER)('GET', `/api/followup/indicators?year=2026&${query}`);
      assert.equal(res.status, 404, `${query}: ${res.status}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    }
  });
});

/** From a table and its total, no hidden cell can be worked out: two or more hidden, and their sum ambiguous. */
function assertNothingDerivable(i: Json) {
  if (!i.total || i.total.suppressed || i.kind === 'manual') return;
  const hidden = i.rows.filter((r: Json) => r.suppressed);
  if (hidden.length === 0) return;
  const shown = i.rows.reduce((sum: number, r: Json) => sum + (r.n ?? 0), 0);
  const rest = i.total.n - shown;
  assert.ok(hidden.length >= 2, `${i.key}: one hidden cell with the total shown`);
  assert.ok(rest > hidden.length, `${i.key}: the hidden cells are all 1`);
}

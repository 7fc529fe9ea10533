import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type DeviationWorld, deviationWorld, type Json } from '../helpers/deviation-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §4: compiled deviations are the basis of action plans and the annual follow-up. Counts only, by
// category, concerned principal, level reached, month (Swedish time) and outcome. A count from 1 to 4 is hidden
// from those outside the principal that owns it, and never can be worked out from what is shown.

/** Follow-up (answers, closures, escalations, decisions) happens later; only the report date is counted. */
const LATER = '2026-07-01T10:00:00Z';
const managerOf: Record<string, string> = {
  'region-17': 'chef.psykiatri.karlstad',
  'municipality-1780': 'chef.soc.karlstad',
  'municipality-1784': 'chef.soc.arvika',
};
type Fate = 'open' | 'closed' | 'escalated' | 'decided';
type Scripted = {
  at: string;
  reporter: string;
  concerned: string[];
  category: string;
  fate: Fate;
  outcome?: string;
};
const row = (
  at: string,
  reporter: string,
  concerned: string[],
  category: string,
  fate: Fate,
  outcome?: string,
): Scripted => ({ at, reporter, concerned, category, fate, ...(outcome ? { outcome } : {}) });

const region = ['region-17'];
const script: Scripted[] = [
  // 23:30 on New Year's Eve in Sweden: December, outside the period.
  row('2025-12-31T22:30:00Z', 'soc.arvika', region, 'other', 'open'),
  // January (the first one is 00:30 on 1 January in Sweden).
  row('2025-12-31T23:30:00Z', 'soc.arvika', region, 'unansweredInvitation', 'closed', 'measuresTaken'),
  row('2026-01-10T10:00:00Z', 'soc.arvika', region, 'unansweredInvitation', 'closed', 'measuresTaken'),
  row('2026-01-12T10:00:00Z', 'soc.arvika', region, 'unansweredInvitation', 'closed', 'measuresTaken'),
  row('2026-01-14T10:00:00Z', 'soc.karlstad', region, 'unansweredInvitation', 'closed', 'measuresTaken'),
  row('2026-01-16T10:00:00Z', 'soc.karlstad', region, 'dischargeInformation', 'closed', 'measuresTaken'),
  row('2026-01-20T10:00:00Z', 'psykiatri.karlstad', ['municipality-1780'], 'dischargeInformation', 'open'),
  // February (the first one is 00:30 on 1 February in Sweden).
  row('2026-01-31T23:30:00Z', 'soc.arvika', region, 'unansweredInvitation', 'decided', 'routineClarified'),
  row('2026-02-10T10:00:00Z', 'soc.karlstad', region, 'unansweredInvitation', 'decided', 'routineClarified'),
  row(
    '2026-02-12T10:00:00Z',
    'psykiatri.karlstad',
    ['municipality-1780', 'municipality-1784'],
    'dischargeInformation',
    'closed',
    'noMeasureNeeded',
  ),
  row('2026-02-14T10:00:00Z', 'soc.arvika', region, 'unclearResponsibility', 'open'),
  // March (the last one is 23:30 on 31 March in Sweden, summer time).
  row('2026-03-10T10:00:00Z', 'soc.karlstad', region, 'unclearResponsibility', 'escalated'),
  row('2026-03-12T10:00:00Z', 'soc.arvika', region, 'unansweredInvitation', 'open'),
  row('2026-03-31T21:30:00Z', 'psykiatri.karlstad', ['municipality-1780'], 'agreementNotFollowed', 'open'),
  // 00:30 on 1 April in Sweden: outside the period.
  row('2026-03-31T22:30:00Z', 'soc.arvika', region, 'other', 'open'),
  // Another county's deviation never counts in Värmland.
  row('2026-02-15T10:00:00Z', 'soc.falun', ['region-20'], 'other', 'open'),
  // June: four at level 1, four at level 2.
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((day) =>
    row(
      `2026-06-0${day}T10:00:00Z`,
      'soc.arvika',
      region,
      day <= 5 ? 'unansweredInvitation' : 'dischargeInformation',
      day % 2 === 0 ? 'escalated' : 'open',
    ),
  ),
];

const categories = [
  'unansweredInvitation',
  'dischargeInformation',
  'unclearResponsibility',
  'sipNotHeld',
  'agreementNotFollowed',
  'other',
];
const outcomes = ['measuresTaken', 'routineClarified', 'noMeasureNeeded', 'referredToActionPlan', 'open'];
type Counts = Record<string, number | null>;
/** A full row set from the non-zero values; every other key is 0. */
const full = (keys: string[], values: Counts): Counts =>
  Object.fromEntries(keys.map((k) => [k, k in values ? values[k]! : 0]));

describe('API: the compilation of deviations', () => {
  let s: TestServer;
  let w: DeviationWorld;
  let varmlandPrincipals: string[];
  before(async () => {
    s = await startTestServer();
    w = deviationWorld(s);
    for (const r of script) {
      const d = await w.report(
        r.reporter,
        { concernedPrincipalIds: r.concerned, category: r.category },
        r.at,
      );
      if (r.fate === 'closed') {
        for (const p of r.concerned) await w.answer(managerOf[p]!, d.id, {}, LATER);
        await w.close(r.reporter, d.id, { outcome: r.outcome }, LATER);
      }
      if (r.fate === 'escalated' || r.fate === 'decided')
        await w.escalate(r.reporter, d.id, 'Vidare.', LATER);
      if (r.fate === 'decided') await w.decide('beredning.varmland', d.id, { outcome: r.outcome }, LATER);
    }
    const res = await w.by('soc.hagfors')('GET', '/api/counties');
    varmlandPrincipals = res.body
      .find((c: Json) => c.code === '17')
      .principals.filter((p: Json) => p.kind !== 'userOrganisation')
      .map((p: Json) => p.id);
  });
  after(() => s.close());

  async function compile(username: string, query: string): Promise<Json> {
    const res = await w.at(username, LATER)('GET', `/api/deviations/compilation?${query}`);
    assert.equal(res.status, 200, res.text);
    for (const t of res.body.tables) {
      for (const r of t.rows) {
        assert.equal(r.suppressed, r.count === null, `${t.dimension}/${r.key}: suppressed means no count`);
        if (r.count !== null && r.count > 0 && r.count < 5)
          assert.ok(owns(username, t, r, query), `${t.dimension}/${r.key} shows ${r.count} to ${username}`);
      }
    }
    assertNothingDerivable(res.body);
    return res.body;
  }
  const callerPrincipal: Record<string, string> = {
    'soc.hagfors': 'municipality-1783',
    'soc.arvika': 'municipality-1784',
    'soc.karlstad': 'municipality-1780',
    'psykiatri.karlstad': 'region-17',
  };
  /** A small count may be shown to the caller only when the caller's principal owns it. */
  const owns = (username: string, t: Json, r: Json, query: string) =>
    query.includes(`principalId=${callerPrincipal[username]}`) ||
    (t.dimension === 'principal' && r.key === callerPrincipal[username]);

  /** The check of rule 5: from a table and its total, no hidden cell can be worked out. */
  function assertNothingDerivable(c: Json) {
    for (const t of c.tables) {
      const hidden = t.rows.filter((r: Json) => r.suppressed);
      if (t.total === null || hidden.length === 0) continue;
      const shown = t.rows.reduce((sum: number, r: Json) => sum + (r.count ?? 0), 0);
      assert.ok(hidden.length >= 2, `${t.dimension}: a single hidden cell is the total minus the rest`);
      assert.ok(
        t.total - shown > hidden.length,
        `${t.dimension}: hidden cells that sum to their number are all 1`,
      );
    }
  }

  const table = (c: Json, dimension: string) => {
    const t = c.tables.find((x: Json) => x.dimension === dimension);
    assert.ok(t, dimension);
    return t;
  };
  const counts = (c: Json, dimension: string): Counts =>
    Object.fromEntries(table(c, dimension).rows.map((r: Json) => [r.key, r.count]));
  const expectTables = (
    c: Json,
    expected: { category: Counts; level: Counts; month: Counts; outcome: Counts; principal: Counts },
  ) => {
    assert.deepEqual(counts(c, 'category'), full(categories, expected.category), 'by category');
    assert.deepEqual(counts(c, 'level'), full(['1', '2'], expected.level), 'by level');
    assert.deepEqual(counts(c, 'month'), expected.month, 'by month');
    assert.deepEqual(counts(c, 'outcome'), full(outcomes, expected.outcome), 'by outcome');
    assert.deepEqual(counts(c, 'principal'), full(varmlandPrincipals, expected.principal), 'by principal');
  };
  const janToMar = 'from=2026-01-01&to=2026-03-31';

  test('the county as a whole, to someone of an uninvolved principal: small counts hidden', async () => {
    const c = await compile('soc.hagfors', janToMar);
    assert.deepEqual(c.filter, { from: '2026-01-01', to: '2026-03-31' });
    assert.equal(c.total, 13);
    expectTables(c, {
      // 7, 3, 2, 0, 1, 0: the three small ones hidden; together 6, so none can be told.
      category: {
        unansweredInvitation: 7,
        dischargeInformation: null,
        unclearResponsibility: null,
        agreementNotFollowed: null,
      },
      // 10 and 3: hiding the 3 alone would give it away, so the 10 is hidden too.
      level: { '1': null, '2': null },
      month: { '2026-01': 6, '2026-02': null, '2026-03': null },
      outcome: { measuresTaken: 5, routineClarified: null, noMeasureNeeded: null, open: 5 },
      principal: { 'region-17': 10, 'municipality-1780': null, 'municipality-1784': null },
    });
    for (const dimension of ['category', 'level', 'month', 'outcome']) {
      assert.equal(table(c, dimension).total, 13, dimension);
    }
    assert.equal(table(c, 'principal').hasTotal, false, 'a deviation counts once per principal: no total');
  });

  test("a caller's own principal's row of the principal table is exact", async () => {
    const arvika = await compile('soc.arvika', janToMar);
    assert.deepEqual(
      [counts(arvika, 'principal')['municipality-1784'], counts(arvika, 'principal')['municipality-1780']],
      [1, null],
    );
    const karlstad = await compile('soc.karlstad', janToMar);
    assert.deepEqual(
      [
        counts(karlstad, 'principal')['municipality-1780'],
        counts(karlstad, 'principal')['municipality-1784'],
      ],
      [3, null],
    );
    // The other tables are the county's, and stay suppressed.
    assert.deepEqual(counts(arvika, 'month'), { '2026-01': 6, '2026-02': null, '2026-03': null });
  });

  test("narrowed to the caller's own principal every count is exact", async () => {
    const arvika = await compile('soc.arvika', `${janToMar}&principalId=municipality-1784`);
    assert.equal(arvika.total, 7, 'reported by Arvika, or concerning it');
    assert.equal(arvika.filter.principalId, 'municipality-1784');
    expectTables(arvika, {
      category: { unansweredInvitation: 5, dischargeInformation: 1, unclearResponsibility: 1 },
      level: { '1': 6, '2': 1 },
      month: { '2026-01': 3, '2026-02': 3, '2026-03': 1 },
      outcome: { measuresTaken: 3, routineClarified: 1, noMeasureNeeded: 1, open: 2 },
      principal: { 'region-17': 6, 'municipality-1780': 1, 'municipality-1784': 1 },
    });
    const regionView = await compile('psykiatri.karlstad', `${janToMar}&principalId=region-17`);
    assert.equal(regionView.total, 13);
    expectTables(regionView, {
      category: {
        unansweredInvitation: 7,
        dischargeInformation: 3,
        unclearResponsibility: 2,
        agreementNotFollowed: 1,
      },
      level: { '1': 10, '2': 3 },
      month: { '2026-01': 6, '2026-02': 4, '2026-03': 3 },
      outcome: { measuresTaken: 5, routineClarified: 2, noMeasureNeeded: 1, open: 5 },
      principal: { 'region-17': 10, 'municipality-1780': 3, 'municipality-1784': 1 },
    });
  });

  test("narrowed to another principal, the counts are suppressed as the county's are", async () => {
    const c = await compile('soc.hagfors', `${janToMar}&principalId=municipality-1784`);
    assert.equal(c.total, 7);
    expectTables(c, {
      // 5, 1, 1: two ones would give each other away, so the 5 is hidden with them.
      category: { unansweredInvitation: null, dischargeInformation: null, unclearResponsibility: null },
      level: { '1': null, '2': null },
      month: { '2026-01': null, '2026-02': null, '2026-03': null },
      outcome: { measuresTaken: null, routineClarified: null, noMeasureNeeded: null, open: null },
      principal: { 'region-17': 6, 'municipality-1780': null, 'municipality-1784': null },
    });
  });

  test('a period with fewer than 5 deviations hides its total too', async () => {
    const c = await compile('soc.hagfors', 'from=2026-03-01&to=2026-03-31');
    assert.equal(c.total, null);
    expectTables(c, {
      category: { unansweredInvitation: null, unclearResponsibility: null, agreementNotFollowed: null },
      level: { '1': null, '2': null },
      month: { '2026-03': null },
      outcome: { open: null },
      principal: { 'region-17': null, 'municipality-1780': null },
    });
    for (const t of c.tables.filter((x: Json) => x.hasTotal)) {
      assert.equal(t.total, null, t.dimension);
      assert.equal(t.totalSuppressed, true, t.dimension);
    }
    // The owner sees the three.
    const own = await compile('psykiatri.karlstad', 'from=2026-03-01&to=2026-03-31&principalId=region-17');
    assert.equal(own.total, 3);
  });

  test('a table that must hide its total for its cells does not have that total shown anywhere else', async () => {
    // June: 4 at level 1 and 4 at level 2. Both cells are "fewer than 5"; with the total 8 known, each is 4.
    const c = await compile('soc.hagfors', 'from=2026-06-01&to=2026-06-30');
    const level = table(c, 'level');
    assert.deepEqual(counts(c, 'level'), { '1': null, '2': null });
    assert.equal(level.total, null);
    assert.equal(level.totalSuppressed, true);
    const leaks = [
      ...(c.total === null ? [] : [`the compilation total ${c.total}`]),
      ...c.tables
        .filter((t: Json) => t.hasTotal && t.total !== null)
        .map((t: Json) => `the ${t.dimension} table's total ${t.total}`),
    ];
    assert.deepEqual(leaks, [], 'the hidden level total is readable elsewhere, so each level cell is 4');
  });

  test('without a period: from 1 January of this year to today; bad dates are 400', async () => {
    const c = await compile('soc.hagfors', '');
    assert.deepEqual(c.filter, { from: '2026-01-01', to: '2026-07-01' });
    // January to March, the April one and June.
    assert.equal(c.total, 13 + 1 + 8);
    const bad = await w.at('soc.hagfors', LATER)('GET', '/api/deviations/compilation?from=2026-13-01');
    assert.equal(bad.status, 400, bad.text);
    const anonymous = await s.api('GET', `/api/deviations/compilation?${janToMar}`, { now: LATER });
    assert.equal(anonymous.status, 401);
  });
});

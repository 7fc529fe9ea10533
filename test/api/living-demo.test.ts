import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inventedIdentityNumber, mulberry32, rng } from '../../src/demo/living/random.ts';
import { parseIdentityNumber } from '../../src/platform/people/identity-number.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 28 item 1: the living demo. `npm start` plays two years of work into every demo county (src/demo/living/);
// here it is played up to TEST_NOW (2026-12-07), and each county's dashboards, lists and stages are looked at over
// HTTP as its demo accounts see them.

type Indicator = {
  key: string;
  name: string;
  total: { value: number | null } | null;
  rows: { value: number | null }[];
};

/** Per county: an account of the region, the README's municipality's staff and manager, and a top body's member. */
const counties = [
  { code: '17', region: 'psykiatri.karlstad', soc: 'soc.karlstad', chef: 'chef.soc.karlstad', body: 'beredning.varmland' },
  { code: '18', region: 'psykiatri.orebro', soc: 'soc.orebro', chef: 'chef.soc.orebro', body: 'chefsgrupp.orebro' },
  { code: '04', region: 'psykiatri.eskilstuna', soc: 'soc.eskilstuna', chef: 'chef.soc.eskilstuna', body: 'lansstyrgrupp.sormland' },
  { code: '20', region: 'psykiatri.falun', soc: 'soc.falun', chef: 'chef.soc.falun', body: 'styrgrupp.dalarna' },
]; // biome-ignore format: a table

/** A figure the dashboard shows: the year's total or any month or bucket, not hidden and not zero. */
const showsFigure = (i: Indicator) =>
  (i.total?.value ?? 0) > 0 || i.rows.some((r) => r.value !== null && r.value > 0);

describe('the living demo', () => {
  let s: TestServer;
  const tokens = new Map<string, string>();
  const get = async (username: string, path: string) => {
    if (!tokens.has(username)) tokens.set(username, await s.login(username));
    const res = await s.api('GET', path, { token: tokens.get(username)! });
    assert.equal(res.status, 200, `${username} GET ${path}: ${res.text}`);
    return res;
  };

  before(async () => {
    s = await startTestServer({}, { living: true });
  });
  after(async () => {
    await s?.close();
  });

  for (const c of counties) {
    test(`county ${c.code}: the dashboard shows figures for at least ten indicators this year and last`, async () => {
      for (const year of [2026, 2025]) {
        const res = await get(c.region, `/api/followup/indicators?year=${year}`);
        assert.equal(res.body.scope.kind, 'county');
        const shown = (res.body.indicators as Indicator[]).filter(showsFigure).map((i) => i.key);
        assert.ok(shown.length >= 10, `${c.code} ${year}: ${shown.length} indicators with figures: ${shown}`);
        // The computed ones first of all: the work in Sömlös itself.
        for (const key of [
          'sipsStarted',
          'daysToConsent',
          'daysToPlan',
          'deviationsByCategory',
          'disputesByLevelSolved',
        ])
          assert.ok(shown.includes(key), `${c.code} ${year}: ${key} shows no figure`);
      }
    });

    test(`county ${c.code}: the demo accounts' SIP, deviation and dispute lists have work at every stage`, async () => {
      const sips = await get(c.region, '/api/sips?pageSize=100');
      const statuses = new Set((sips.body as { status: string }[]).map((x) => x.status));
      assert.deepEqual([...statuses].sort(), ['active', 'closed', 'requested']);
      // Both ways between the region and the README's municipality, an invitation waits for its answer.
      type Sip = { convening: { unitId: string }; invitations: { unitId: string; status: string }[] };
      const waiting = (list: Sip[]) =>
        list.filter((x) =>
          x.invitations.some((i) => i.status === 'pending' && i.unitId !== x.convening.unitId),
        );
      assert.ok(
        waiting(sips.body).length >= 2,
        `${c.region}: ${waiting(sips.body).length} invitations waiting`,
      );
      for (const username of [c.soc, c.chef]) {
        const res = await get(username, '/api/sips?pageSize=100');
        assert.ok(waiting(res.body).length > 0, `${username} has no invitation waiting`);
      }
      for (const username of [c.region, c.chef, c.body]) {
        for (const path of ['/api/deviations', '/api/disputes']) {
          const res = await get(username, `${path}?pageSize=100`);
          assert.ok((res.body as unknown[]).length > 0, `${username}: ${path} is empty`);
        }
      }
    });
  }

  test('deviations and disputes are decided at every level of each ladder, and some still wait', async () => {
    for (const c of counties) {
      const deviations = (await get(c.body, '/api/deviations?pageSize=100')).body as {
        status: string;
        level: number;
      }[];
      const mine = (await get(c.chef, '/api/deviations?pageSize=100')).body as {
        status: string;
        level: number;
      }[];
      const all = [...deviations, ...mine];
      assert.ok(
        all.some((d) => d.status === 'closed' && d.level === 1),
        `${c.code}: none closed at level 1`,
      );
      assert.ok(
        all.some((d) => d.status === 'closed' && d.level >= 2),
        `${c.code}: none decided by a body`,
      );
      assert.ok(
        all.some((d) => d.status !== 'closed'),
        `${c.code}: none waiting`,
      );
    }
  });
});

describe('the living demo generator', () => {
  test('mulberry32 gives the same sequence for the same seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = [a(), a(), a()];
    assert.deepEqual([b(), b(), b()], first);
    assert.ok(first.every((x) => x >= 0 && x < 1));
    assert.notDeepEqual([mulberry32(8)()], [first[0]]);
  });

  test('invented identity numbers are valid personnummer of adults born 1950–2000 in the test range', () => {
    const r = rng(2026);
    for (let i = 0; i < 500; i++) {
      const number = inventedIdentityNumber(r);
      const parsed = parseIdentityNumber(number);
      assert.equal(parsed?.kind, 'personnummer', number);
      const year = Number(number.slice(0, 4));
      assert.ok(year >= 1950 && year <= 2000, number);
      const birthNumber = Number(number.slice(9, 12));
      assert.ok(birthNumber >= 980 && birthNumber <= 999, number);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 6 and API.md "Agreements": the seeds as agreements, validity computed on the server's date, versions
// that never change once published, consultation with comments and answers, every party's adoption, notice,
// local agreements from the county's template, and the warnings before deadlines. A new version from draft to
// force is agreements-new-version.test.ts.

const TODAY = '2026-11-23T10:00:00+01:00';
const at = (day: string) => `${day}T10:00:00+01:00`;
const varmland = 'agreement-17';

/** Calls a server's API as a user, whose session is logged in on the day it is used (tests move the clock). */
function caller(server: () => TestServer) {
  const tokens: Record<string, string> = {};
  const as = async (username: string, now: string) => {
    const key = `${username}@${now.slice(0, 10)}`;
    tokens[key] ??= await server().login(username, { now });
    return tokens[key];
  };
  return async (username: string | null, method: string, path: string, body?: unknown, now = TODAY) =>
    server().api(method, path, { token: username ? await as(username, now) : undefined, body, now });
}

describe('API: agreements', () => {
  // The seeds and the local agreements read Värmland's agreement as seeded; the new version and the notice
  // change it, so each of those has a server of its own.
  let s: TestServer;
  const call = caller(() => s);
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  describe('the seeds', () => {
    test('reading needs a login', async () => {
      assert.equal((await call(null, 'GET', '/api/agreements?countyCode=17')).status, 401);
    });

    test('Värmland’s agreement is in force; on 2026-11-23 it runs until 2027-12-31 with notice by 2026-12-31', async () => {
      const res = await call('soc.arvika', 'GET', '/api/agreements?countyCode=17');
      assert.equal(res.status, 200);
      const a = res.body.find((x: { id: string }) => x.id === varmland);
      assert.equal(a.kind, 'county');
      assert.equal(a.status, 'inForce');
      assert.deepEqual(
        { ...a.validity, noticeRecipient: undefined },
        {
          startsOn: '2021-01-01',
          endsOn: '2023-12-31',
          noticeMonths: 12,
          extensionMonths: 24,
          currentEndsOn: '2027-12-31',
          noticeDeadline: '2026-12-31',
          noticeGivenOn: null,
          noticeRecipient: undefined,
        },
      );
      assert.match(a.validity.noticeRecipient, /Nya perspektiv/);
      assert.equal(a.parties.length, 17, 'Region Värmland and the 16 municipalities');
      assert.ok(a.parties.every((p: { adoption: unknown }) => p.adoption !== null));
      assert.deepEqual(a.currentVersion.number, 1);
      const related = res.body.filter((x: { kind: string }) => x.kind === 'related');
      assert.ok(related.length >= 2, 'Värmland names related agreements');
      assert.ok(related.every((r: { status: string }) => r.status === 'inForce'));
    });

    test('the deadline boundary: the day before, the day of and the day after', async () => {
      const deadline = async (day: string) =>
        (await call('soc.arvika', 'GET', `/api/agreements/${varmland}`, undefined, at(day))).body.validity;
      assert.equal((await deadline('2026-12-30')).noticeDeadline, '2026-12-31');
      assert.equal((await deadline('2026-12-31')).noticeDeadline, '2026-12-31');
      const after = await deadline('2027-01-01');
      assert.equal(after.noticeDeadline, '2028-12-31');
      assert.equal(after.currentEndsOn, '2027-12-31');
    });

    test('every county agreement has its sections; Värmland’s Giltighetstid is nested under Inledning', async () => {
      for (const county of ['04', '17', '18', '20']) {
        const res = await call('soc.arvika', 'GET', `/api/agreements/agreement-${county}`);
        assert.equal(res.status, 200);
        assert.ok(res.body.sections.length > 0, `county ${county} has sections`);
      }
      const res = await call('soc.arvika', 'GET', `/api/agreements/${varmland}`);
      const intro = res.body.sections.find((x: { heading: string }) => x.heading === 'Inledning');
      const validity = intro.children.find((x: { heading: string }) => x.heading === 'Giltighetstid');
      assert.match(validity.text, /förlängs det med två år i taget/);
    });

    test('Örebro’s agreement has NSPH as a party', async () => {
      const res = await call('soc.orebro', 'GET', '/api/agreements/agreement-18');
      assert.ok(res.body.parties.some((p: { name: string; kind: string }) => p.kind === 'userOrganisation'));
    });

    test('an unknown agreement is 404', async () => {
      assert.equal((await call('soc.arvika', 'GET', '/api/agreements/nope')).status, 404);
    });
  });

  describe('notice', () => {
    let s: TestServer;
    const call = caller(() => s);
    before(async () => {
      s = await startTestServer();
    });
    after(() => s.close());

    test('a party’s notice by the deadline ends the agreement at the current period’s end; afterwards it is terminated', async () => {
      const notice = { principalId: 'municipality-1784', givenOn: '2027-12-30' };
      const early = await call(
        'avtal.varmland',
        'POST',
        '/api/agreements/agreement-17/notice',
        notice,
        at('2027-12-29'),
      );
      assert.equal(early.status, 422, 'a notice cannot be dated in the future');
      const res = await call(
        'avtal.varmland',
        'POST',
        '/api/agreements/agreement-17/notice',
        notice,
        at('2027-12-30'),
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.validity.noticeGivenOn, '2027-12-30');
      // Given after 2026-12-31, the notice takes effect at the end of the next period.
      assert.equal(res.body.validity.currentEndsOn, '2029-12-31');
      const twice = await call(
        'avtal.varmland',
        'POST',
        '/api/agreements/agreement-17/notice',
        notice,
        at('2027-12-30'),
      );
      assert.equal(twice.status, 409);
      const later = await call(
        'soc.arvika',
        'GET',
        '/api/agreements/agreement-17',
        undefined,
        at('2030-01-01'),
      );
      assert.equal(later.body.status, 'terminated');
      assert.equal(later.body.validity.currentEndsOn, '2029-12-31');
    });
  });

  describe('local agreements', () => {
    test('are created from the county’s template, with the region and the chosen municipality as parties', async () => {
      const staff = await call('soc.eskilstuna', 'POST', '/api/agreements/agreement-04/local-agreements', {
        title: 'Lokal överenskommelse Eskilstuna',
        scope: 'Eskilstuna kommun',
        principalIds: ['municipality-0484'],
      });
      assert.equal(staff.status, 403);
      const region = await call('avtal.sormland', 'POST', '/api/agreements/agreement-04/local-agreements', {
        title: 'Lokal överenskommelse Eskilstuna',
        scope: 'Eskilstuna kommun',
        principalIds: ['region-04'],
      });
      assert.equal(region.status, 422);
      const res = await call('avtal.sormland', 'POST', '/api/agreements/agreement-04/local-agreements', {
        title: 'Lokal överenskommelse Eskilstuna',
        scope: 'Eskilstuna kommun',
        principalIds: ['municipality-0484'],
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.kind, 'local');
      assert.equal(res.body.status, 'draft');
      assert.equal(res.body.parentAgreementId, 'agreement-04');
      assert.deepEqual(res.body.parties.map((p: { principalId: string }) => p.principalId).sort(), [
        'municipality-0484',
        'region-04',
      ]);
      const version = (await call('soc.eskilstuna', 'GET', `/api/agreements/${res.body.id}/versions/1`)).body;
      assert.ok(version.sections.length >= 8, 'the template headings');
      assert.ok(version.sections.every((x: { text: string }) => x.text === ''));
    });
  });

  describe('warnings before the notice deadline', () => {
    test('the administrators are warned 6 and 3 months before, once each', async () => {
      const s2 = await startTestServer();
      try {
        const db = s2.database.db;
        const warnings = async () =>
          (await db.select().from(notices).where(eq(notices.subjectId, varmland))).map((n) => n.key).sort();
        await runJobs({ db, now: new Date(at('2026-06-29')) });
        assert.deepEqual(await warnings(), [], 'not before six months');
        await runJobs({ db, now: new Date(at('2026-06-30')) });
        const six = await warnings();
        assert.equal(six.length, 1);
        assert.match(six[0]!, /noticeDeadline:agreement-17:2026-12-31:6/);
        await runJobs({ db, now: new Date(at('2026-07-01')) });
        assert.equal((await warnings()).length, 1, 'once');
        await runJobs({ db, now: new Date(at('2026-09-30')) });
        assert.equal((await warnings()).length, 2, 'three months before');
        await runJobs({ db, now: new Date(at('2027-01-01')) });
        assert.equal((await warnings()).length, 2, 'the next deadline (2028-12-31) is far off');
      } finally {
        await s2.close();
      }
    });
  });
});

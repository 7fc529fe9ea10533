import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, gt, sql } from 'drizzle-orm';
import '../../src/jobs.ts';
import { accessLog } from '../../src/platform/access/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { identityNumberMessage, parseIdentityNumber } from '../../src/platform/people/identity-number.ts';
import { persons } from '../../src/platform/people/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, NOW, TODAY, type World, world } from '../helpers/sip-world.ts';

// The SIP pages over real HTTP with cookie sessions. The list's counts depend on which SIPs exist, so "Mina
// SIP:ar" has a server of its own; the other groups share one, each with SIPs of its own.

/** Twelve days after NOW: invitations sent at NOW are past their answer date, plans due 2026-12-01 overdue. */
const LATER = '2026-12-08T09:00:00Z';
const PAST = '2026-11-01';
const FUTURE = '2027-03-01';

/** A valid personnummer, different for every (group, n): born 1970 + group, serial 9nn (Luhn check digit). */
function identityNumber(group: number, n: number): string {
  const yymmdd = `${70 + group}${String(1 + Math.floor(n / 28)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const nine = `${yymmdd}${900 + (n % 100)}`;
  const sum = [...nine].reduce((acc, d, i) => {
    const x = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (x > 9 ? x - 9 : x);
  }, 0);
  const pin = `19${yymmdd}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
  assert.ok(parseIdentityNumber(pin), `${pin}: ${identityNumberMessage}`);
  return pin;
}

/** The identity number in every way it could be written: as typed, twelve digits, ten, ten with a dash. */
const numberForms = (pin: string) => [pin, pin.replace('-', ''), pin.slice(2), pin.slice(2).replace('-', '')];

/** The SIP ids of the list's rows, in order. */
const rowIds = (html: string) =>
  [
    ...html.matchAll(
      /<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/sip\/([^"]+)">/g,
    ),
  ].map((m) => decodeURIComponent(m[1]!));

/** The part of a page under a level-2 heading, up to the next one. */
function section(html: string, heading: string): string {
  const start = html.indexOf(`<h2 class="govuk-heading-m">${heading}</h2>`);
  assert.ok(start >= 0, `no section "${heading}"`);
  const end = html.indexOf('<h2 class="govuk-heading-m">', start + 1);
  return html.slice(start, end === -1 ? undefined : end);
}

/** The table row (or list item) of "Mitt arbete" that links to this invitation or SIP. */
function rowWith(html: string, href: string): string | undefined {
  return html.split(/<tr class="govuk-table__row">|<li>/).find((part) => part.includes(href));
}

const unescapeHtml = (s: string) => s.replaceAll('&amp;', '&');

/** A calendar file with folded lines joined, so a name split across lines is still found. */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

/** The pages' helpers on a server, with its demo users: browsers, the convener's calls, plans, invitations. */
function sipPages(server: () => TestServer, people: () => World) {
  const browsers = new Map<string, Browser>();

  /** A logged-in browser for this user and clock, reused (a session lives on the clock it was opened on). */
  async function browser(username: string, now = NOW): Promise<Browser> {
    const key = `${username}@${now}`;
    let b = browsers.get(key);
    if (!b) {
      b = new Browser(server().url, {}, { now });
      await server().webLogin(b, username);
      browsers.set(key, b);
    }
    return b;
  }
  const page = async (username: string, path: string, now = NOW) =>
    (await browser(username, now)).request('GET', path);

  const asConvener = (method: string, path: string, body?: unknown) =>
    people().by('psykiatri.karlstad')(method, path, body);
  const plan = (followUpOn: string, overallUnitId: string, goals = ['Eget boende inom ett år']) => ({
    interventions: [
      { description: 'Boendestöd två gånger i veckan', responsibleUnitId: people().unit('soc.karlstad') },
      { description: 'Samtalsstöd', externalActor: 'Föreningen Hjärnkoll' },
    ],
    overallResponsibility: { unitId: overallUnitId },
    goals,
    personsOwnWords: 'Jag vill bo själv och laga min egen mat.',
    followUpOn,
    childrenConsidered: null,
  });
  const joined = new Set<string>();
  async function savePlan(
    sip: Json,
    followUpOn: string,
    overallUnitId = people().unit('psykiatri.karlstad'),
    goals?: string[],
  ) {
    // The plan names soc.karlstad, which may be named only once it has accepted an invitation.
    if (!joined.has(sip.id)) await people().join(sip);
    joined.add(sip.id);
    const res = await asConvener('PUT', `/api/sips/${sip.id}/plan`, plan(followUpOn, overallUnitId, goals));
    assert.equal(res.status, 200, res.text);
    return res.body;
  }
  async function invite(sip: Json, unitId: string, meeting: Record<string, unknown> = {}): Promise<Json> {
    const res = await asConvener('POST', `/api/sips/${sip.id}/invitations`, {
      unitId,
      meetingAt: '2026-12-01T13:00:00+01:00',
      place: 'Mottagningen plan 3',
      ...meeting,
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  }
  let started = 0;
  /** A SIP convened by psykiatri.karlstad, with consent, for a person of its own. */
  async function sipFor(name: string): Promise<Json> {
    const personalIdentityNumber = identityNumber(1, started++);
    return people().consent(await people().start('psykiatri.karlstad', { personalIdentityNumber, name }));
  }
  const logSeq = async () => {
    const { db } = server().database;
    const [row] = await db.select({ n: sql`coalesce(max(${accessLog.seq}), 0)` }).from(accessLog);
    return Number(row!.n);
  };
  const logSince = (seq: number) =>
    server().database.db.select().from(accessLog).where(gt(accessLog.seq, seq)).orderBy(accessLog.seq);

  return { browser, page, asConvener, plan, savePlan, invite, sipFor, logSeq, logSince };
}

describe('SIP pages', () => {
  let s: TestServer;
  let w: World;
  let socUnit: string;
  let safetyUnit: string;
  const { browser, page, asConvener, plan, savePlan, invite, sipFor, logSeq, logSince } = sipPages(
    () => s,
    () => w,
  );

  before(async () => {
    s = await startTestServer();
    w = await world(s);
    socUnit = w.unit('soc.karlstad');
    safetyUnit = w.unit('logg.regionvarmland'); // Patientsäkerhet, Region Värmland
  });
  after(() => s.close());

  describe('"Mina SIP:ar"', () => {
    let s: TestServer;
    let w: World;
    let socUnit: string;
    const { page, savePlan, invite, asConvener, logSeq, logSince } = sipPages(
      () => s,
      () => w,
    );
    after(() => s.close());

    // 30 SIPs by psykiatri.karlstad: 0–25 wait for an answer (0 with a plan due later, 1 due today), 26 is
    // due (past), 27 is due (past) with its invitation answered, 28 is due but closed, 29 has no consent.
    const sips: Json[] = [];
    const idsOf = (indexes: number[]) => indexes.map((i) => sips[i]!.id as string).sort();
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    before(async () => {
      s = await startTestServer();
      w = await world(s);
      socUnit = w.unit('soc.karlstad');
      for (let n = 0; n < 30; n++) {
        const pin = identityNumber(0, n);
        const sip = await w.start('psykiatri.karlstad', {
          personalIdentityNumber: pin,
          name: `Listperson ${n}`,
        });
        sips.push(n === 29 ? sip : await w.consent(sip));
      }
      for (const n of range(0, 25)) await invite(sips[n], socUnit);
      await savePlan(sips[0], FUTURE);
      await savePlan(sips[1], TODAY);
      await savePlan(sips[26], PAST);
      await savePlan(sips[27], PAST);
      const answered = await invite(sips[27], socUnit);
      const accept = await w.by('soc.karlstad')('POST', `/api/invitations/${answered.id}/answer`, {
        accepted: true,
      });
      assert.equal(accept.status, 200, accept.text);
      await savePlan(sips[28], PAST);
      const closed = await asConvener('POST', `/api/sips/${sips[28].id}/closure`, { reason: 'goalsMet' });
      assert.equal(closed.status, 200, closed.text);
    });

    /** Every row of the filtered list, page after page, and the summary of the first page. */
    async function allRows(query: string) {
      const first = await page('psykiatri.karlstad', `/sip?${query}`);
      assert.equal(first.status, 200, first.text);
      const ids = rowIds(first.text);
      const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first.text);
      if (next) ids.push(...rowIds((await page('psykiatri.karlstad', unescapeHtml(next[1]!))).text));
      return { ids: ids.sort(), first };
    }

    test('shows 25 SIPs a page, says which, and logs only the SIPs shown as read', async () => {
      const seq = await logSeq();
      const first = await page('psykiatri.karlstad', '/sip');
      assert.equal(first.status, 200);
      const shown = rowIds(first.text);
      assert.equal(shown.length, 25);
      assert.match(first.text, /Visar 1–25 av 30 SIP:ar\./);
      const logged = await logSince(seq);
      assert.deepEqual(
        logged.map((r) => r.action),
        Array(25).fill('read'),
      );
      assert.deepEqual(logged.map((r) => r.objectId).sort(), [...shown].sort());
      assert.ok(logged.every((r) => r.username === 'psykiatri.karlstad' && r.objectType === 'sip'));

      const second = await page('psykiatri.karlstad', '/sip?sida=2');
      assert.equal(second.status, 200);
      const rest = rowIds(second.text);
      assert.equal(rest.length, 5);
      assert.match(second.text, /Visar 26–30 av 30 SIP:ar\./);
      assert.deepEqual(
        [...shown, ...rest].sort(),
        idsOf(range(0, 29)),
        'the two pages are the 30 SIPs, once each',
      );
    });

    test('the pagination links keep the filters', async () => {
      const res = await page('psykiatri.karlstad', '/sip?status=pagaende&visa=vantar-svar');
      assert.match(res.text, /Visar 1–25 av 26 SIP:ar\./);
      const hrefs = [...res.text.matchAll(/class="govuk-link govuk-pagination__link" href="([^"]+)"/g)].map(
        (m) => unescapeHtml(m[1]!),
      );
      assert.ok(hrefs.length >= 2, res.text);
      for (const href of hrefs) {
        const query = new URL(href, s.url).searchParams;
        assert.equal(query.get('status'), 'pagaende', href);
        assert.equal(query.get('visa'), 'vantar-svar', href);
      }
      assert.ok(hrefs.some((h) => new URL(h, s.url).searchParams.get('sida') === '2'));
      const { ids } = await allRows('status=pagaende&visa=vantar-svar');
      assert.deepEqual(ids, idsOf(range(0, 25)));
    });

    test('?status=pagaende shows only the active SIPs', async () => {
      assert.deepEqual((await allRows('status=pagaende')).ids, idsOf(range(0, 27)));
      assert.deepEqual((await allRows('status=begard')).ids, idsOf([29]));
      assert.deepEqual((await allRows('status=avslutad')).ids, idsOf([28]));
    });

    test('?visa=vantar-svar shows only SIPs with an invitation waiting for an answer', async () => {
      const { ids, first } = await allRows('visa=vantar-svar');
      assert.deepEqual(ids, idsOf(range(0, 25)));
      assert.match(first.text, /Visar 1–25 av 26 SIP:ar\./);
    });

    test('?visa=uppfoljning shows only active SIPs whose follow-up date is today or past', async () => {
      const { ids, first } = await allRows('visa=uppfoljning');
      assert.deepEqual(ids, idsOf([1, 26, 27]));
      assert.match(first.text, /Visar 1–3 av 3 SIP:ar\./);
    });

    test('an unknown filter value is 400 on the error page, not 500, and reads nothing', async () => {
      const seq = await logSeq();
      for (const query of ['status=x', 'visa=allt', 'sida=0', 'sida=tva']) {
        const res = await page('psykiatri.karlstad', `/sip?${query}`);
        assert.equal(res.status, 400, query);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/, query);
        assert.equal(rowIds(res.text).length, 0, query);
      }
      assert.equal((await logSince(seq)).length, 0);
    });
  });

  describe('the plan as PDF', () => {
    let withPlan: Json;
    let withoutPlan: Json;
    before(async () => {
      withPlan = await sipFor('Pdf Persson');
      await savePlan(withPlan, FUTURE);
      withoutPlan = await sipFor('Utan Plansson');
    });

    test('the convening user gets a PDF, and the printout is logged once as print', async () => {
      const b = await browser('psykiatri.karlstad');
      const seq = await logSeq();
      const res = await b.download(`/sip/${withPlan.id}/plan.pdf`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      assert.equal(res.body.subarray(0, 5).toString('latin1'), '%PDF-');
      const logged = await logSince(seq);
      assert.deepEqual(
        logged.map((r) => [r.action, r.objectId, r.username]),
        [['print', withPlan.id, 'psykiatri.karlstad']],
      );
    });

    test('an outsider gets 404 and no PDF', async () => {
      const res = await (await browser('soc.arvika')).download(`/sip/${withPlan.id}/plan.pdf`);
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.notEqual(res.body.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(!res.body.toString().includes('Pdf Persson'));
    });

    test('without a plan there is nothing to print: 409 on the error page', async () => {
      const res = await page('psykiatri.karlstad', `/sip/${withoutPlan.id}/plan.pdf`);
      assert.equal(res.status, 409);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(res.text, /Det finns ingen plan att skriva ut\./);
    });
  });

  describe('the meeting as a calendar file', () => {
    const pin = identityNumber(2, 0);
    let sip: Json;
    let invitation: Json;
    before(async () => {
      sip = await w.consent(
        await w.start('psykiatri.karlstad', { personalIdentityNumber: pin, name: 'Kalender Karlsson' }),
      );
      invitation = await invite(sip, socUnit, {
        meetingAt: '2026-12-01T13:00:00+01:00',
        place: 'Mottagningen plan 3',
      });
    });

    test('has the meeting in UTC and its place, never the person, and is logged as export', async () => {
      const seq = await logSeq();
      const res = await page('psykiatri.karlstad', `/sip/${sip.id}/kallelser/${invitation.id}/mote.ics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
      const ics = unfold(res.text);
      assert.match(ics, /^BEGIN:VCALENDAR/);
      assert.match(ics, /\nDTSTART:20261201T120000Z\r?\n/);
      assert.match(ics, /\nLOCATION:Mottagningen plan 3\r?\n/);
      for (const secret of ['Kalender', 'Karlsson', ...numberForms(pin), sip.person.id]) {
        assert.ok(!ics.includes(secret), `the calendar file mentions ${secret}`);
      }
      assert.deepEqual(
        (await logSince(seq)).map((r) => [r.action, r.objectId]),
        [['export', sip.id]],
      );
    });

    test('an invited unit may download it too; an outsider, or an invitation of another SIP, gets 404', async () => {
      const invited = await page('soc.karlstad', `/sip/${sip.id}/kallelser/${invitation.id}/mote.ics`);
      assert.equal(invited.status, 200);
      const outsider = await page('soc.arvika', `/sip/${sip.id}/kallelser/${invitation.id}/mote.ics`);
      assert.equal(outsider.status, 404);
      assert.doesNotMatch(outsider.text, /BEGIN:VCALENDAR|Kalender Karlsson/);
      const other = await sipFor('Annan Andersson');
      const wrong = await page('psykiatri.karlstad', `/sip/${other.id}/kallelser/${invitation.id}/mote.ics`);
      assert.equal(wrong.status, 404);
    });
  });

  describe('comparing plan versions', () => {
    /** A SIP of the test's own whose plan has one version, with one goal. */
    const withOneVersion = async () => {
      const sip = await sipFor('Version Vikström');
      await savePlan(sip, FUTURE, undefined, ['Eget boende inom ett år']);
      return sip;
    };

    test('one version only: there is nothing to compare yet, 409 with the reason', async () => {
      const sip = await withOneVersion();
      const res = await page('psykiatri.karlstad', `/sip/${sip.id}/versioner`);
      assert.equal(res.status, 409);
      assert.match(res.text, /Planen har bara en version/);
    });

    test('two versions differing only in the goals: side by side, the goals marked as changed', async () => {
      const sip = await withOneVersion();
      await savePlan(sip, FUTURE, undefined, ['Eget boende inom ett år', 'Arbete på halvtid']);
      const res = await page('psykiatri.karlstad', `/sip/${sip.id}/versioner`);
      assert.equal(res.status, 200);
      assert.match(res.text, /Version 1 \(2026-11-26\)<\/th>/);
      assert.match(res.text, /Version 2 \(2026-11-26\)<\/th>/);
      const marks = Object.fromEntries(
        [
          ...res.text.matchAll(
            /<th scope="row" class="govuk-table__header[^"]*">([^<]+)<br><span class="govuk-body-s">(Ändrad|Oförändrad)<\/span>/g,
          ),
        ].map((m) => [m[1], m[2]]),
      );
      assert.deepEqual(marks, {
        'Med personens egna ord': 'Oförändrad',
        Mål: 'Ändrad',
        Insatser: 'Oförändrad',
        'Övergripande ansvar': 'Oförändrad',
        Uppföljning: 'Oförändrad',
        'Barns behov beaktade': 'Oförändrad',
        'Samordnad vårdplan vid öppen tvångsvård': 'Oförändrad',
        'Närstående deltog när planen togs fram': 'Oförändrad',
        'Placering utanför hemmet': 'Oförändrad',
      });
      assert.match(res.text, /1 av 9 delar är ändrade\./);
      const goalsRow = res.text.slice(res.text.indexOf('>Mål<br>'));
      const cells = [...goalsRow.matchAll(/<td class="govuk-table__cell app-preformatted">([^<]*)<\/td>/g)]
        .slice(0, 2)
        .map((m) => m[1]);
      assert.deepEqual(cells, ['Eget boende inom ett år', 'Eget boende inom ett år\nArbete på halvtid']);
    });
  });

  describe('who writes the plan (issue 20)', () => {
    // A pending unit reads the SIP but writes neither plan nor follow-up; a declined one is out, documents and
    // all; an accepted one writes the plan, and the form offers only the units that take part.
    const planBy = (unitId: string) => ({
      ...plan(FUTURE, unitId),
      interventions: [{ description: 'Samtalsstöd', responsibleUnitId: unitId }],
    });
    const planForm = (unitId: string) => ({
      personsOwnWords: 'Jag vill bo själv.',
      goals: 'Egen bostad',
      intervention0: 'Boendestöd',
      intervention0Unit: unitId,
      overallUnitId: unitId,
      followUpOn: FUTURE,
      childrenConsidered: 'na',
      compulsoryCare: 'none',
    });
    const versions = async (sip: Json) =>
      (await asConvener('GET', `/api/sips/${sip.id}/plan/versions`)).body.length;
    /** A form post with the session's CSRF token, read from a page the user may open. */
    const post = async (username: string, path: string, form: Record<string, string>) => {
      const b = await browser(username);
      const token = Browser.csrf((await b.request('GET', '/')).text);
      return b.request('POST', path, { _csrf: token, ...form });
    };
    /** A SIP of the test's own with the convener's plan (version 1), soc.karlstad's unit invited, no answer yet. */
    const pending = async () => {
      const sip = await sipFor('Plan Pålsson');
      const saved = await asConvener('PUT', `/api/sips/${sip.id}/plan`, planBy(w.unit('psykiatri.karlstad')));
      assert.equal(saved.status, 200, saved.text);
      return { sip, invitation: await invite(sip, socUnit) };
    };
    /** Such a SIP once soc.karlstad has accepted and written version 2 of the plan, which names it. */
    const acceptedAndWritten = async () => {
      const { sip, invitation } = await pending();
      const accepted = await w.by('soc.karlstad')('POST', `/api/invitations/${invitation.id}/answer`, {
        accepted: true,
      });
      assert.equal(accepted.status, 200, accepted.text);
      const saved = await post('soc.karlstad', `/sip/${sip.id}/plan`, planForm(socUnit));
      assert.equal(saved.status, 303, saved.text);
      return { sip, invitation };
    };

    test('a unit whose invitation waits for its answer sees the SIP, not the plan forms: 403, nothing stored', async () => {
      const { sip } = await pending();
      const show = await page('soc.karlstad', `/sip/${sip.id}`);
      assert.equal(show.status, 200);
      assert.ok(!show.text.includes(`href="/sip/${sip.id}/plan"`), 'offers to change the plan');
      assert.ok(!show.text.includes(`href="/sip/${sip.id}/uppfoljning"`), 'offers a follow-up');
      for (const path of [`/sip/${sip.id}/plan`, `/sip/${sip.id}/uppfoljning`]) {
        const res = await page('soc.karlstad', path);
        assert.equal(res.status, 403, path);
        assert.match(res.text, /tackat ja till kallelsen/);
      }
      const planned = await post('soc.karlstad', `/sip/${sip.id}/plan`, planForm(socUnit));
      assert.equal(planned.status, 403, planned.text);
      const followed = await post('soc.karlstad', `/sip/${sip.id}/uppfoljning`, {
        heldOn: TODAY,
        outcome0: 'done',
        nextFollowUpOn: '',
      });
      assert.equal(followed.status, 403);
      assert.equal(await versions(sip), 1);
      assert.deepEqual((await w.snapshot(sip)).followUps, []);
    });

    test('the plan form offers only the convening unit and units that have accepted', async () => {
      const { sip } = await pending();
      const form = await page('psykiatri.karlstad', `/sip/${sip.id}/plan`);
      assert.equal(form.status, 200);
      assert.ok(form.text.includes(`value="${w.unit('psykiatri.karlstad')}"`));
      assert.ok(!form.text.includes(`value="${socUnit}"`), 'offers the pending unit');
      assert.ok(!form.text.includes(`value="${safetyUnit}"`), 'offers a unit never invited');
      const refused = await post('psykiatri.karlstad', `/sip/${sip.id}/plan`, planForm(socUnit));
      assert.equal(refused.status, 422);
      assert.match(
        refused.text,
        /Planen kan bara nämna den sammankallande enheten och enheter som har tackat ja/,
      );
      assert.equal(await versions(sip), 1);
    });

    test('a unit that has accepted is offered in the form and writes the plan', async () => {
      const { sip, invitation } = await pending();
      const accepted = await w.by('soc.karlstad')('POST', `/api/invitations/${invitation.id}/answer`, {
        accepted: true,
      });
      assert.equal(accepted.status, 200, accepted.text);
      const form = await page('soc.karlstad', `/sip/${sip.id}/plan`);
      assert.equal(form.status, 200);
      assert.ok(form.text.includes(`value="${socUnit}"`));
      const saved = await post('soc.karlstad', `/sip/${sip.id}/plan`, planForm(socUnit));
      assert.equal(saved.status, 303, saved.text);
      assert.equal(await versions(sip), 2);
      assert.ok((await page('soc.karlstad', `/sip/${sip.id}`)).text.includes(`href="/sip/${sip.id}/plan"`));
    });

    test('a unit that declines a later meeting loses the SIP, its plan, PDF, versions and calendar file, though the plan names it', async () => {
      const { sip, invitation } = await acceptedAndWritten();
      const later = await invite(sip, socUnit, { meetingAt: '2027-01-12T13:00:00+01:00' });
      const declined = await w.by('soc.karlstad')('POST', `/api/invitations/${later.id}/answer`, {
        accepted: false,
        reason: 'Inte aktuellt',
      });
      assert.equal(declined.status, 200, declined.text);
      const paths = [
        `/sip/${sip.id}`,
        `/sip/${sip.id}/plan`,
        `/sip/${sip.id}/uppfoljning`,
        `/sip/${sip.id}/versioner`,
        `/sip/${sip.id}/plan.pdf`,
        `/sip/${sip.id}/kallelser/${invitation.id}/mote.ics`,
        `/sip/${sip.id}/kallelser/${later.id}/mote.ics`,
      ];
      for (const path of paths) {
        const res = await page('soc.karlstad', path);
        assert.equal(res.status, 404, path);
        assert.ok(!res.text.includes('Pålsson'), path);
      }
      assert.equal((await post('soc.karlstad', `/sip/${sip.id}/plan`, planForm(socUnit))).status, 404);
      assert.equal(await versions(sip), 2);
      assert.equal((await w.snapshot(sip)).plan.overallResponsibility.unitId, socUnit, 'the plan names it');
    });
  });

  describe('the follow-up form', () => {
    /** A SIP of the test's own, with a plan due for follow-up in the future. */
    const withPlan = async () => {
      const sip = await sipFor('Uppföljning Ulfsdotter');
      await savePlan(sip, FUTURE);
      return sip;
    };
    const post = async (sip: Json, form: Record<string, string>) =>
      (await browser('psykiatri.karlstad')).submit(
        `/sip/${sip.id}/uppfoljning`,
        `/sip/${sip.id}/uppfoljning`,
        form,
      );
    const nothingStored = async (sip: Json) => {
      const now = await w.snapshot(sip);
      assert.deepEqual(now.followUps, []);
      assert.equal(now.followUpDueOn, FUTURE);
    };

    test('without the outcomes: 400, a Swedish message per intervention, nothing stored', async () => {
      const sip = await withPlan();
      const res = await post(sip, { heldOn: TODAY, nextFollowUpOn: '2027-05-01' });
      assert.equal(res.status, 400);
      assert.match(res.text, /href="#outcome0">Ange utfallet för insats 1/);
      assert.match(res.text, /href="#outcome1">Ange utfallet för insats 2/);
      assert.match(res.text, /value="2027-05-01"/, 'what was typed is kept');
      await nothingStored(sip);
    });

    test('a meeting in the future cannot be followed up: the form again with the message', async () => {
      const sip = await withPlan();
      const res = await post(sip, {
        heldOn: '2026-12-10',
        outcome0: 'done',
        outcome1: 'ongoing',
        nextFollowUpOn: '',
      });
      assert.equal(res.status, 422);
      assert.match(res.text, /<h1 class="govuk-heading-l">Registrera uppföljning<\/h1>/);
      assert.match(res.text, /Uppföljningen kan inte registreras innan mötet har hållits\./);
      assert.match(res.text, /value="2026-12-10"/);
      await nothingStored(sip);
    });

    test('a complete follow-up is stored and shown on the SIP page', async () => {
      const sip = await withPlan();
      const res = await post(sip, {
        heldOn: TODAY,
        outcome0: 'done',
        comment0: 'Fungerar bra',
        outcome1: 'notDone',
        comment1: '',
        nextFollowUpOn: '2027-05-01',
      });
      assert.equal(res.status, 303, res.text);
      assert.equal(res.headers.get('location'), `/sip/${sip.id}?klart=uppfoljning`);
      const show = await page('psykiatri.karlstad', `/sip/${sip.id}`);
      assert.match(show.text, /Uppföljning 2026-11-26 \(planens version 1\)/);
      assert.match(show.text, /Boendestöd två gånger i veckan: <strong>Genomförd<\/strong> – Fungerar bra/);
      assert.match(show.text, /Samtalsstöd: <strong>Inte genomförd<\/strong>/);
      assert.equal((await w.snapshot(sip)).followUpDueOn, '2027-05-01');
    });
  });

  describe('the invitation form', () => {
    /** A SIP of the test's own, with consent and no invitation yet. */
    const fresh = () => sipFor('Kallad Kallesson');
    const meeting = { meetingDate: '2026-12-03', meetingTime: '13:00', place: 'Rum 4' };
    const post = async (sip: Json, form: Record<string, string | string[]>) =>
      (await browser('psykiatri.karlstad')).submit(
        `/sip/${sip.id}/kallelse`,
        `/sip/${sip.id}/kallelse`,
        form,
      );
    const invitations = async (sip: Json) => (await w.snapshot(sip)).invitations as Json[];
    const checkboxes = (html: string) =>
      [...html.matchAll(/name="unitIds" type="checkbox" value="([^"]+)"/g)].map((m) => m[1]).sort();

    test('no unit chosen: 400 "Välj minst en enhet att kalla", nothing sent', async () => {
      const sip = await fresh();
      const res = await post(sip, { ...meeting });
      assert.equal(res.status, 400);
      assert.match(res.text, /href="#unitIds">Välj minst en enhet att kalla/);
      assert.deepEqual(await invitations(sip), []);
    });

    test('neither place nor video link: 400 with its message', async () => {
      const sip = await fresh();
      const res = await post(sip, { ...meeting, unitIds: socUnit, place: '', videoLink: '' });
      assert.equal(res.status, 400);
      assert.match(res.text, /href="#place">Ange var mötet hålls eller en videolänk/);
      assert.deepEqual(await invitations(sip), []);
    });

    test('a video link that is not https: 400 with its message', async () => {
      const sip = await fresh();
      const res = await post(sip, { ...meeting, unitIds: socUnit, videoLink: 'http://video.example/mote' });
      assert.equal(res.status, 400);
      assert.match(
        res.text,
        /href="#videoLink">Ange videolänken som en webbadress som börjar med https:\/\//,
      );
      assert.deepEqual(await invitations(sip), []);
    });

    test('the search narrows the units to choose from', async () => {
      const sip = await fresh();
      const all = await page('psykiatri.karlstad', `/sip/${sip.id}/kallelse`);
      assert.equal(all.status, 200);
      const everyUnit = checkboxes(all.text);
      assert.ok(everyUnit.includes(socUnit) && everyUnit.includes(safetyUnit), all.text);
      assert.ok(!everyUnit.includes(w.unit('psykiatri.karlstad')), 'the own unit is not offered');
      const social = await page(
        'psykiatri.karlstad',
        `/sip/${sip.id}/kallelse?sok=${encodeURIComponent('socialtjänst')}`,
      );
      assert.deepEqual(checkboxes(social.text), [socUnit]);
      assert.match(social.text, /value="socialtjänst"/, 'the search is kept in its field');
      const safety = await page('psykiatri.karlstad', `/sip/${sip.id}/kallelse?sok=PATIENTSÄK`);
      assert.deepEqual(checkboxes(safety.text), [safetyUnit]);
      const none = await page('psykiatri.karlstad', `/sip/${sip.id}/kallelse?sok=finnsinte`);
      assert.deepEqual(checkboxes(none.text), []);
      assert.match(none.text, /Ingen enhet matchar sökningen\./);
    });

    test('two units chosen: both are invited to the same meeting in one go', async () => {
      const sip = await fresh();
      const res = await post(sip, {
        ...meeting,
        unitIds: [socUnit, safetyUnit],
        videoLink: 'https://video.example/mote',
      });
      assert.equal(res.status, 303, res.text);
      assert.equal(res.headers.get('location'), `/sip/${sip.id}?klart=kallelse`);
      const sent = await invitations(sip);
      assert.deepEqual(sent.map((i) => i.unitId).sort(), [socUnit, safetyUnit].sort());
      for (const i of sent) {
        assert.equal(new Date(i.meetingAt).toISOString(), '2026-12-03T12:00:00.000Z', '13:00 Swedish time');
        assert.equal(i.place, 'Rum 4');
        assert.equal(i.videoLink, 'https://video.example/mote');
        assert.equal(i.status, 'pending');
      }
    });
  });

  describe('"Mitt arbete"', () => {
    // Sent at NOW: the answer is due 2026-12-01 and so is the follow-up, for which soc.karlstad is responsible.
    let sip: Json;
    let invitation: Json;
    before(async () => {
      sip = await sipFor('Arbete Arvidsson');
      await savePlan(sip, '2026-12-01', socUnit);
      invitation = await invite(sip, socUnit);
      assert.equal(invitation.answerBy, '2026-12-01');
    });
    const invitationRow = (html: string) =>
      rowWith(section(html, 'Kallelser att besvara'), `/kallelser/${invitation.id}?sip=${sip.id}`);

    test('an invitation past its answer date is marked "Försenad" for the invited unit', async () => {
      const inTime = invitationRow((await page('soc.karlstad', '/')).text);
      assert.ok(inTime, 'the invitation is listed');
      assert.doesNotMatch(inTime, /Försenad/);
      const late = invitationRow((await page('soc.karlstad', '/', LATER)).text);
      assert.ok(late, 'the invitation is still listed');
      assert.match(late, /2026-12-01 <strong class="govuk-tag govuk-tag--red">\s*Försenad\s*<\/strong>/);
    });

    test('after the reminder job the convening unit sees the invitation "not answered in time"', async () => {
      // A SIP of its own, invited as the one above, that no job has reminded of yet.
      const own = await sipFor('Påminnelse Persson');
      await savePlan(own, '2026-12-01', socUnit);
      assert.equal((await invite(own, socUnit)).answerBy, '2026-12-01');
      const heading = 'Kallelser som inte besvarats i tid';
      const before = section((await page('psykiatri.karlstad', '/', LATER)).text, heading);
      assert.equal(rowWith(before, `/sip/${own.id}"`), undefined, 'not before the job has run');
      const done = await runJobs({ db: s.database.db, now: new Date(LATER) });
      assert.ok((done['sip.remindUnansweredInvitations'] ?? 0) > 0);
      const after = section((await page('psykiatri.karlstad', '/', LATER)).text, heading);
      const item = rowWith(after, `/sip/${own.id}"`);
      assert.ok(item, after);
      assert.match(item, /Socialtjänst vuxen, Karlstad.* skulle ha svarat senast 2026-12-01/);
    });

    test('an overdue follow-up is listed for the unit with the overall responsibility only', async () => {
      const heading = 'Uppföljningar som är försenade';
      const notYet = section((await page('soc.karlstad', '/')).text, heading);
      assert.equal(rowWith(notYet, `/sip/${sip.id}"`), undefined, 'not before the date has passed');
      const responsible = section((await page('soc.karlstad', '/', LATER)).text, heading);
      assert.match(rowWith(responsible, `/sip/${sip.id}"`) ?? '', /uppföljning senast 2026-12-01/);
      const convening = section((await page('psykiatri.karlstad', '/', LATER)).text, heading);
      assert.equal(rowWith(convening, `/sip/${sip.id}"`), undefined, 'the convening unit is not responsible');
    });

    test('a closed SIP leaves every list of work at once, and "väntar på svar" too', async () => {
      const closing = await sipFor('Avslutad Andersson');
      const pending = await invite(closing, socUnit);
      await runJobs({ db: s.database.db, now: new Date(LATER) });
      const invitedRow = (html: string) =>
        rowWith(section(html, 'Kallelser att besvara'), `/kallelser/${pending.id}?sip=${closing.id}`);
      const flagged = (html: string) =>
        rowWith(section(html, 'Kallelser som inte besvarats i tid'), `/sip/${closing.id}"`);
      // Every page of the filtered list: earlier tests leave more than a page of SIPs made at the same instant,
      // and among those the order is by id, so this one may be on any page.
      const waiting = async () => {
        for (let sida = 1; sida <= 20; sida++) {
          const html = (await page('psykiatri.karlstad', `/sip?visa=vantar-svar&sida=${sida}`, LATER)).text;
          if (html.includes(`/sip/${closing.id}"`)) return true;
          if (!html.includes(`sida=${sida + 1}`)) return false;
        }
        return false;
      };
      assert.ok(invitedRow((await page('soc.karlstad', '/', LATER)).text), 'listed while open');
      assert.ok(flagged((await page('psykiatri.karlstad', '/', LATER)).text), 'flagged while open');
      assert.ok(await waiting(), 'waiting while open');
      const closed = await asConvener('POST', `/api/sips/${closing.id}/closure`, { reason: 'moved' });
      assert.equal(closed.status, 200, closed.text);
      assert.equal(invitedRow((await page('soc.karlstad', '/', LATER)).text), undefined);
      assert.equal(flagged((await page('psykiatri.karlstad', '/', LATER)).text), undefined);
      assert.equal(await waiting(), false);
    });
  });

  describe('a person with protected identity', () => {
    const name = 'Hemlig Hemlundsson';
    const pin = identityNumber(3, 0);
    let sip: Json;
    let invitation: Json;
    before(async () => {
      sip = await w.consent(await w.start('psykiatri.karlstad', { personalIdentityNumber: pin, name }));
      await savePlan(sip, '2026-12-01', socUnit);
      invitation = await invite(sip, socUnit);
      await s.database.db
        .update(persons)
        .set({ protectedIdentity: true })
        .where(eq(persons.id, sip.person.id));
      await runJobs({ db: s.database.db, now: new Date(LATER) });
    });
    const assertHidden = (html: string, where: string) => {
      for (const secret of [name, 'Hemlundsson', ...numberForms(pin)]) {
        assert.ok(!html.includes(secret), `${where} mentions ${secret}`);
      }
    };

    test('is not named in the list of SIPs, on any page', async () => {
      const first = await page('psykiatri.karlstad', '/sip');
      const second = await page('psykiatri.karlstad', '/sip?sida=2');
      const row = rowWith(first.text + second.text, `href="/sip/${sip.id}"`);
      assert.ok(row, 'the SIP is listed');
      assert.match(row, /Skyddade personuppgifter/);
      assert.match(first.text + second.text, /av \d+ SIP:ar/);
      for (const [n, p] of [first, second].entries()) assertHidden(p.text, `list page ${n + 1}`);
    });

    test('is not named in "Mitt arbete", neither as invited, responsible nor convening unit', async () => {
      const invited = (await page('soc.karlstad', '/')).text;
      assert.match(rowWith(invited, `/kallelser/${invitation.id}`) ?? '', /Skyddade personuppgifter/);
      assertHidden(invited, 'Mitt arbete (invited)');
      const responsible = (await page('soc.karlstad', '/', LATER)).text;
      const overdue = section(responsible, 'Uppföljningar som är försenade');
      assert.match(rowWith(overdue, `/sip/${sip.id}"`) ?? '', /Skyddade personuppgifter/);
      assertHidden(responsible, 'Mitt arbete (responsible)');
      const convening = (await page('psykiatri.karlstad', '/', LATER)).text;
      const unanswered = section(convening, 'Kallelser som inte besvarats i tid');
      assert.match(rowWith(unanswered, `/sip/${sip.id}"`) ?? '', /Skyddade personuppgifter/);
      assertHidden(convening, 'Mitt arbete (convening)');
    });

    test("is not named in the calendar file, but is on the SIP's own page", async () => {
      const ics = await page('psykiatri.karlstad', `/sip/${sip.id}/kallelser/${invitation.id}/mote.ics`);
      assert.equal(ics.status, 200);
      assertHidden(unfold(ics.text), 'the calendar file');
      const own = await page('psykiatri.karlstad', `/sip/${sip.id}`);
      assert.match(own.text, /<h1 class="govuk-heading-l">Hemlig Hemlundsson<\/h1>/);
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { persons } from '../../src/platform/people/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  FUTURE,
  identityNumber,
  LATER,
  numberForms,
  PAST,
  rowIds,
  rowWith,
  section,
  sipPages,
  unescapeHtml,
  unfold,
} from '../helpers/sip-pages.ts';
import { type Json, TODAY, type World, world } from '../helpers/sip-world.ts';

// The SIP pages over real HTTP with cookie sessions. The list's counts depend on which SIPs exist, so "Mina
// SIP:ar" has a server of its own; the other groups share one, each with SIPs of its own. The documents are
// sip-document-pages.test.ts, the plan's, follow-up's and invitation's forms sip-plan-pages.test.ts.

describe('SIP pages', () => {
  let s: TestServer;
  let w: World;
  let socUnit: string;
  const { page, asConvener, savePlan, invite, sipFor } = sipPages(
    () => s,
    () => w,
  );

  before(async () => {
    s = await startTestServer();
    w = await world(s);
    socUnit = w.unit('soc.karlstad');
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

    test('each row says what the list shows of its SIP: waiting for an answer, the convener, the follow-up', async () => {
      const { first } = await allRows('');
      const second = await page('psykiatri.karlstad', '/sip?sida=2');
      const html = first.text + second.text;
      const row = (n: number) => rowWith(html, `/sip/${sips[n]!.id}`) ?? '';
      // 0–25 have an invitation waiting; 27's was answered, 28 is closed, 29 has no consent yet.
      for (const n of range(0, 29))
        assert.equal(row(n).includes('Väntar på svar'), n <= 25, `SIP ${n}: "Väntar på svar"`);
      assert.ok(row(0).includes('Vuxenpsykiatri Karlstad, Region Värmland'), row(0));
      assert.ok(row(0).includes(FUTURE) && !row(0).includes('Dags'), row(0));
      assert.ok(row(26).includes(PAST) && row(26).includes('Dags'), row(26));
      // A closed SIP has no follow-up date left, whatever its plan said.
      assert.ok(!row(28).includes(PAST) && !row(28).includes('Dags'), row(28));
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

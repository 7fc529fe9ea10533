import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../../src/jobs.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { FUTURE, identityNumber, numberForms, sipPages, unfold } from '../helpers/sip-pages.ts';
import { type Json, type World, world } from '../helpers/sip-world.ts';

// The SIP pages over real HTTP with cookie sessions (with sip-pages.test.ts): the plan as PDF, the meeting as a
// calendar file, and plan versions compared. The groups share one server, each with SIPs of its own.

describe('SIP pages: the plan as PDF and calendar file, versions compared', () => {
  let s: TestServer;
  let w: World;
  let socUnit: string;
  const { browser, page, savePlan, invite, sipFor, logSeq, logSince } = sipPages(
    () => s,
    () => w,
  );

  before(async () => {
    s = await startTestServer();
    w = await world(s);
    socUnit = w.unit('soc.karlstad');
  });
  after(() => s.close());

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
});

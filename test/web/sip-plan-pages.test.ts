import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { units } from '../../src/modules/organisations/schema.ts';
import '../../src/jobs.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { FUTURE, sipPages } from '../helpers/sip-pages.ts';
import { type Json, TODAY, type World, world } from '../helpers/sip-world.ts';

// The SIP pages over real HTTP with cookie sessions (with sip-pages.test.ts): who writes the plan, the follow-up
// form and the invitation form. The groups share one server, each with SIPs of its own.

describe('SIP pages: the plan, follow-up and invitation forms', () => {
  let s: TestServer;
  let w: World;
  let socUnit: string;
  let safetyUnit: string;
  const { browser, page, asConvener, plan, savePlan, invite, sipFor } = sipPages(
    () => s,
    () => w,
  );

  before(async () => {
    s = await startTestServer();
    w = await world(s);
    socUnit = w.unit('soc.karlstad');
    // A second care unit of Region Värmland to invite (Patientsäkerhet, the log reviewers' unit, is administrative
    // and never offered: sip-rules pages test).
    safetyUnit = 'unit-test-oppenvard-arvika';
    await s.database.db
      .insert(units)
      .values({ id: safetyUnit, principalId: 'region-17', name: 'Psykiatrisk öppenvård Arvika' });
  });
  after(() => s.close());

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
      assert.ok(
        !everyUnit.includes(w.unit('logg.regionvarmland')),
        'an administrative unit is never offered',
      );
      assert.doesNotMatch(all.text, /Patientsäkerhet|Länsgemensam samverkan/);
      const social = await page(
        'psykiatri.karlstad',
        `/sip/${sip.id}/kallelse?sok=${encodeURIComponent('socialtjänst')}`,
      );
      assert.deepEqual(checkboxes(social.text), [socUnit]);
      assert.match(social.text, /value="socialtjänst"/, 'the search is kept in its field');
      const safety = await page('psykiatri.karlstad', `/sip/${sip.id}/kallelse?sok=ÖPPENVÅRD`);
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
});

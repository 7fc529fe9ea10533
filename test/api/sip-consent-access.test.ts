import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testTarget } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { contentPages } from '../helpers/sip-content-pages.ts';
import { assertHidden, type Json, MEETING, TODAY, type World, world } from '../helpers/sip-world.ts';

// Issue 22 item 4 over HTTP: what a change of the consent does to who sees the SIP. A principal taken out of the
// consent shuts its units out at once, in the API and on the pages (404, as for a SIP that does not exist, and no
// read logged), whatever they did before (accepted, named in the plan, an invitation waiting); the others keep
// the SIP. A principal added lets its units be invited, and then they see it.

describe(`API: a consent change and who sees the SIP (${testTarget})`, () => {
  let s: TestServer;
  let w: World;
  let h: ReturnType<typeof contentPages>;
  before(async () => {
    s = await startTestServer();
    w = await world(s, ['chef.psykiatri.karlstad']);
    h = contentPages(s, w);
  });
  after(() => s.close());

  const change = (sip: Json, body: Json) =>
    w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent/changes`, {
      changedOn: TODAY,
      givenBy: { capacity: 'person' },
      ...body,
    });
  const invite = (sip: Json, username: string) =>
    w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
      unitId: w.unit(username),
      meetingAt: MEETING,
    });

  /** A SIP with Karlstad's social services taking part and named in the plan, and Arvika's invited too. */
  async function sharedSip() {
    const sip = await w.active(['region-17', 'municipality-1780']);
    const invitation = await w.join(sip, 'soc.karlstad');
    const plan = await w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, {
      interventions: [{ description: 'Boendestöd', responsibleUnitId: w.unit('soc.karlstad') }],
      overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
      goals: ['Eget boende'],
      personsOwnWords: 'Jag vill bo själv.',
      followUpOn: '2027-03-01',
      childrenConsidered: null,
    });
    assert.equal(plan.status, 200, plan.text);
    return { ...sip, invitationId: invitation.id as string };
  }
  const overviewShows = async (u: string, sip: Json) => {
    const overview = await w.by(u)('GET', '/api/sips/overview?weeks=8');
    assert.equal(overview.status, 200, overview.text);
    return JSON.stringify(overview.body).includes(sip.id);
  };

  test('a principal taken out: its units get 404 at once on every read, in the API and on the pages', async () => {
    const sip = await sharedSip();
    const pdf = await h.page('soc.karlstad', `/sip/${sip.id}/plan.pdf`);
    assert.equal(pdf.status, 200, 'the plan printed before the change');
    assert.equal((await h.page('soc.karlstad', `/sip/${sip.id}`)).status, 200);
    assert.equal(await overviewShows('soc.karlstad', sip), true, 'the meeting in the overview before');

    const res = await change(sip, { kind: 'principalWithdrawn', principalId: 'municipality-1780' });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.consent.principalIds, ['region-17']);

    const count = await w.logCount();
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}`), sip, `GET as ${u}`);
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}/plan/versions`), sip, `versions as ${u}`);
      const invitation = `/kallelser/${sip.invitationId}`;
      for (const path of [
        '',
        '/plan.pdf',
        '/versioner',
        '/plan',
        '/kartlaggning',
        `${invitation}/mote.ics`,
        `${invitation}/brev.pdf`,
      ]) {
        const page = await h.page(u, `/sip/${sip.id}${path}`);
        assert.equal(page.status, 404, `${u} ${path}: ${page.status}`);
        assert.ok(!page.text.includes(sip.person.name), `${u} ${path} names the person`);
      }
    }
    assert.equal(await w.logCount(), count, 'a refused read is not logged');
    for (const u of ['soc.karlstad', 'chef.soc.karlstad'])
      assert.ok(!(await w.listIds(u)).includes(sip.id), `${u} still lists it`);
    assert.equal(await overviewShows('soc.karlstad', sip), false, 'the overview still shows it');

    // The convening unit, and another unit of its principal, keep it.
    assert.equal(await w.sees('psykiatri.karlstad', sip), true);
    assert.equal((await h.page('psykiatri.karlstad', `/sip/${sip.id}`)).status, 200);
  });

  test('an invitation waiting for a taken-out unit: the unit cannot see or answer it (404)', async () => {
    const sip = await w.active(['region-17', 'municipality-1780']);
    const invitation = (await invite(sip, 'soc.karlstad')).body;
    assert.equal(await w.sees('soc.karlstad', sip), true);
    const res = await change(sip, { kind: 'principalWithdrawn', principalId: 'municipality-1780' });
    assert.equal(res.status, 201, res.text);
    assert.equal(await w.sees('soc.karlstad', sip), false);
    const answer = await w.by('soc.karlstad')('POST', `/api/invitations/${invitation.id}/answer`, {
      accepted: true,
    });
    assertHidden(answer, sip, 'the answer');
    // Nor may the convening unit invite it again, or name it in the plan, until the consent covers it again.
    assert.equal((await invite(sip, 'soc.karlstad')).status, 422);
  });

  test('a principal added: its units can be invited, and then see the SIP and take part', async () => {
    const sip = await w.active(['region-17', 'municipality-1780']);
    const before = await invite(sip, 'soc.arvika');
    assert.equal(before.status, 422, before.text);
    assert.deepEqual(
      before.body.errors.map((e: Json) => e.path),
      ['unitId'],
    );
    assert.equal(await w.sees('soc.arvika', sip), false);

    const res = await change(sip, { kind: 'principalAdded', principalId: 'municipality-1784' });
    assert.equal(res.status, 201, res.text);
    assert.equal(await w.sees('soc.arvika', sip), false, 'the consent alone lets no unit in');
    const invited = await invite(sip, 'soc.arvika');
    assert.equal(invited.status, 201, invited.text);
    assert.equal(await w.sees('soc.arvika', sip), true);
    const answer = await w.by('soc.arvika')('POST', `/api/invitations/${invited.body.id}/answer`, {
      accepted: true,
    });
    assert.equal(answer.status, 200, answer.text);
    assert.equal((await h.page('soc.arvika', `/sip/${sip.id}`)).status, 200);
  });

  test('a principal taken out and added again: a unit that had accepted reads the SIP again', async () => {
    const sip = await sharedSip();
    await change(sip, { kind: 'principalWithdrawn', principalId: 'municipality-1780' });
    assert.equal(await w.sees('soc.karlstad', sip), false);
    const res = await change(sip, { kind: 'principalAdded', principalId: 'municipality-1780' });
    assert.equal(res.status, 201, res.text);
    assert.equal(await w.sees('soc.karlstad', sip), true);
    assert.deepEqual(
      res.body.consent.changes.map((c: Json) => [c.version, c.kind, c.principalId]),
      [
        [2, 'principalWithdrawn', 'municipality-1780'],
        [3, 'principalAdded', 'municipality-1780'],
      ],
    );
  });
});

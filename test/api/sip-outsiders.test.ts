import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';
import {
  assertHidden,
  assertLike,
  consentFor,
  type Json,
  MEETING,
  TODAY,
  type World,
  world,
} from '../helpers/sip-world.ts';

// DESIGN.md "Access and privacy model": a unit that neither convenes nor takes part under a consent covering
// its principal gets 404 on every SIP route, exactly as if the SIP did not exist, changes nothing, learns
// nothing about the person, and leaves no trace in the access log.

describe('API: outsiders to a SIP', () => {
  let s: TestServer;
  let w: World;
  let requested: Json;
  let active: Json;
  let invitation: Json;
  let other: Json;
  let pending: Json;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
    requested = await w.start('psykiatri.karlstad', {
      personalIdentityNumber: '198112189876',
      name: 'Person Ett',
    });
    active = await w.active(['region-17', 'municipality-1780']);
    invitation = await w.invite(active, w.unit('soc.karlstad'));
    const accepted = await w.by('soc.karlstad')('POST', `/api/invitations/${invitation.id}/answer`, {
      accepted: true,
    });
    assert.equal(accepted.status, 200, accepted.text);
    const planned = await w.by('psykiatri.karlstad')('PUT', `/api/sips/${active.id}/plan`, plan());
    assert.equal(planned.status, 200, planned.text);
    // A second SIP for the same person with an invitation still pending.
    other = await w.active(['region-17', 'municipality-1780']);
    pending = await w.invite(other, w.unit('soc.karlstad'));
  });
  after(() => s.close());

  const plan = () => ({
    interventions: [
      { description: 'Samtalsstöd', responsibleUnitId: w.unit('psykiatri.karlstad') },
      { description: 'Boendestöd', responsibleUnitId: w.unit('soc.karlstad') },
    ],
    overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
    goals: ['Egen bostad'],
    personsOwnWords: 'Jag vill bo själv.',
    followUpOn: '2027-02-01',
    childrenConsidered: false,
  });

  /** Every SIP route, with a body that would be valid for someone allowed to make the change. */
  const attempts = (u: string, sip: Json, invitationId?: string): [string, () => Promise<ApiResponse>][] => {
    const call = w.by(u);
    const own = w.unit(u);
    const list: [string, () => Promise<ApiResponse>][] = [
      ['GET sip', () => call('GET', `/api/sips/${sip.id}`)],
      ['GET plan versions', () => call('GET', `/api/sips/${sip.id}/plan/versions`)],
      [
        'POST consent',
        () => call('POST', `/api/sips/${sip.id}/consent`, consentFor(['region-17', 'municipality-1780'])),
      ],
      [
        'POST withdrawal',
        () => call('POST', `/api/sips/${sip.id}/consent/withdrawal`, { withdrawnAt: TODAY }),
      ],
      [
        'POST invitation',
        () => call('POST', `/api/sips/${sip.id}/invitations`, { unitId: own, meetingAt: MEETING }),
      ],
      [
        'PUT plan',
        () =>
          call('PUT', `/api/sips/${sip.id}/plan`, {
            ...plan(),
            interventions: [{ description: 'Samtalsstöd', responsibleUnitId: w.unit('psykiatri.karlstad') }],
          }),
      ],
      ['POST closure', () => call('POST', `/api/sips/${sip.id}/closure`, { reason: 'other', note: 'x' })],
    ];
    if (invitationId) {
      list.push([
        'POST answer',
        () => call('POST', `/api/invitations/${invitationId}/answer`, { accepted: true }),
      ]);
      list.push([
        'POST answer (decline)',
        () => call('POST', `/api/invitations/${invitationId}/answer`, { accepted: false, reason: 'Nej' }),
      ]);
    }
    return list;
  };

  async function assertOutside(u: string, sip: Json, invitationId?: string) {
    const before = await w.snapshot(sip);
    const versionsBefore = (await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`))
      .body;
    const count = await w.logCount();
    for (const [what, attempt] of attempts(u, sip, invitationId)) {
      assertHidden(await attempt(), sip, `${u}: ${what}`);
    }
    assert.equal(await w.logCount(), count, `${u}: the access log grew`);
    // The list holds only what the user may see, and logs one read for each of those, none for this SIP.
    const ids = await w.listIds(u);
    assert.ok(!ids.includes(sip.id), `${u} lists it`);
    assert.equal(await w.logCount(), count + ids.length);
    assert.deepEqual(await w.snapshot(sip), before, `${u} changed the SIP`);
    const versionsAfter = (await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`)).body;
    assert.deepEqual(versionsAfter, versionsBefore, `${u} changed the plan versions`);
  }

  for (const u of ['soc.arvika', 'psykiatri.orebro']) {
    test(`${u} gets 404 on every route of an active SIP with a plan, and nothing changes`, async () => {
      await assertOutside(u, active, invitation.id);
    });
    test(`${u} gets 404 answering another unit's pending invitation, and nothing changes`, async () => {
      const sip = other;
      const before = await w.snapshot(sip);
      const count = await w.logCount();
      for (const body of [{ accepted: true }, { accepted: false, reason: 'Nej' }]) {
        const res = await w.by(u)('POST', `/api/invitations/${pending.id}/answer`, body);
        assertHidden(res, sip, `${u}: answer ${JSON.stringify(body)}`);
      }
      assert.equal(await w.logCount(), count);
      const after = await w.snapshot(sip);
      assert.deepEqual(after, before);
      assertLike(after.invitations, [{ id: pending.id, status: 'pending', answer: null }]);
    });
  }

  for (const u of ['soc.karlstad', 'chef.soc.karlstad', 'soc.arvika', 'psykiatri.orebro']) {
    test(`${u} gets 404 on every route of a SIP without consent, and nothing changes`, async () => {
      await assertOutside(u, requested);
      assert.equal((await w.snapshot(requested)).status, 'requested');
    });
  }
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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

// API.md "SIP": the rules of consent, its withdrawal, and closure.

describe('API: SIP consent, withdrawal and closure', () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  const post = (u: string, sip: Json, path: string, body: unknown) =>
    w.by(u)('POST', `/api/sips/${sip.id}${path}`, body);
  const refused = (sip: Json, status: number, attempt: () => Promise<ApiResponse>, what: string) =>
    w.refused(sip, status, attempt, what);

  test('consent: a unit that cannot see the SIP gets 404, with nothing about the person', async () => {
    const sip = await w.start();
    const body = consentFor(['region-17', 'municipality-1780', 'municipality-1784']);
    for (const u of ['soc.karlstad', 'soc.arvika', 'psykiatri.orebro']) {
      const res = await refused(sip, 404, () => post(u, sip, '/consent', body), `consent by ${u}`);
      assertHidden(res, sip, `consent by ${u}`);
    }
    assert.equal((await w.snapshot(sip)).status, 'requested');
  });

  test('consent: a unit that sees the SIP but does not convene it gets 403', async () => {
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      await refused(
        sip,
        403,
        () => post(u, sip, '/consent', consentFor(['municipality-1780', 'region-17'])),
        u,
      );
    }
  });

  test('consent: principalIds without the convening principal is 422', async () => {
    const sip = await w.start();
    const res = await refused(
      sip,
      422,
      () => post('psykiatri.karlstad', sip, '/consent', consentFor(['municipality-1780'])),
      'without region-17',
    );
    assert.equal(res.body.status, 422);
    assert.equal((await w.snapshot(sip)).consent, null);
  });

  test('consent: an unknown principal id is 422', async () => {
    const sip = await w.start();
    for (const unknown of ['municipality-9999', randomUUID()]) {
      await refused(
        sip,
        422,
        () => post('psykiatri.karlstad', sip, '/consent', consentFor(['region-17', unknown])),
        unknown,
      );
    }
    assert.equal((await w.snapshot(sip)).status, 'requested');
  });

  test('consent: a form other than written or verbal is 400; verbal consent is recorded as given', async () => {
    const sip = await w.start();
    await refused(
      sip,
      400,
      () => post('psykiatri.karlstad', sip, '/consent', { ...consentFor(['region-17']), form: 'email' }),
      'form email',
    );
    const body = {
      givenAt: '2026-11-21',
      form: 'verbal',
      principalIds: ['region-17'],
      relativesMayTakePart: false,
    };
    const res = await post('psykiatri.karlstad', sip, '/consent', body);
    assert.equal(res.status, 200, res.text);
    assertLike(res.body, { status: 'active', consent: { ...body, withdrawnAt: null } });
  });

  test('consent already in force is 409', async () => {
    const sip = await w.active();
    await refused(
      sip,
      409,
      () => post('psykiatri.karlstad', sip, '/consent', consentFor(['region-17', 'municipality-1784'])),
      'second consent',
    );
  });

  test('consent to a closed SIP is 409', async () => {
    const sip = await w.active();
    const withdrawn = await post('psykiatri.karlstad', sip, '/consent/withdrawal', {
      withdrawnAt: '2026-11-25',
    });
    assert.equal(withdrawn.status, 200, withdrawn.text);
    await refused(
      sip,
      409,
      () => post('psykiatri.karlstad', sip, '/consent', consentFor(['region-17', 'municipality-1780'])),
      'consent after withdrawal',
    );
    const closed = await w.active();
    const res = await post('psykiatri.karlstad', closed, '/closure', { reason: 'moved', note: 'Flyttat' });
    assert.equal(res.status, 200, res.text);
    await refused(
      closed,
      409,
      () => post('psykiatri.karlstad', closed, '/consent', consentFor(['region-17'])),
      'consent after closure',
    );
  });

  test('consent to a SIP that does not exist is 404', async () => {
    const res = await w.by('psykiatri.karlstad')(
      'POST',
      `/api/sips/${randomUUID()}/consent`,
      consentFor(['region-17']),
    );
    assert.equal(res.status, 404, res.text);
  });

  test('withdrawal before consent is 409', async () => {
    const sip = await w.start();
    await refused(
      sip,
      409,
      () => post('psykiatri.karlstad', sip, '/consent/withdrawal', { withdrawnAt: '2026-11-25' }),
      'withdrawal before consent',
    );
  });

  test('withdrawal by a unit that takes part but does not convene is 403; by outsiders 404', async () => {
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    await refused(
      sip,
      403,
      () => post('soc.karlstad', sip, '/consent/withdrawal', { withdrawnAt: '2026-11-25' }),
      'soc.karlstad',
    );
    for (const u of ['soc.arvika', 'psykiatri.orebro']) {
      const res = await refused(
        sip,
        404,
        () => post(u, sip, '/consent/withdrawal', { withdrawnAt: '2026-11-25' }),
        u,
      );
      assertHidden(res, sip, u);
    }
  });

  test('withdrawal closes the SIP; other principals lose it at once, the convening unit keeps it', async () => {
    const sip = await w.active();
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    const accepted = await w.by('soc.karlstad')('POST', `/api/invitations/${invitation.id}/answer`, {
      accepted: true,
    });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(await w.sees('soc.karlstad', sip), true);

    const res = await post('psykiatri.karlstad', sip, '/consent/withdrawal', { withdrawnAt: '2026-11-25' });
    assert.equal(res.status, 200, res.text);
    assertLike(res.body, {
      id: sip.id,
      status: 'closed',
      closure: { reason: 'consentWithdrawn' },
      consent: {
        givenAt: '2026-11-20',
        form: 'written',
        relativesMayTakePart: true,
        withdrawnAt: '2026-11-25',
      },
    });
    assert.deepEqual([...res.body.consent.principalIds].sort(), ['municipality-1780', 'region-17']);

    let count = await w.logCount();
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}`), sip, `GET as ${u} after withdrawal`);
      assertHidden(
        await w.by(u)('GET', `/api/sips/${sip.id}/plan/versions`),
        sip,
        `versions as ${u} after withdrawal`,
      );
      assert.equal(await w.logCount(), count, 'a 404 is not logged');
      // The list logs one read per SIP it holds (the unit takes part in others here), none for this one.
      const ids = await w.listIds(u);
      assert.ok(!ids.includes(sip.id), `${u} still lists it`);
      count += ids.length;
      assert.equal(await w.logCount(), count);
    }

    const own = await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}`);
    assert.equal(own.status, 200, own.text);
    assert.deepEqual(own.body, res.body);
    assert.equal(await w.logCount(), count + 1);
  });

  test('after withdrawal: withdrawal, invitation, plan and closure are 409', async () => {
    const sip = await w.active();
    const res = await post('psykiatri.karlstad', sip, '/consent/withdrawal', { withdrawnAt: '2026-11-25' });
    assert.equal(res.status, 200, res.text);
    const psyk = w.by('psykiatri.karlstad');
    await refused(
      sip,
      409,
      () => post('psykiatri.karlstad', sip, '/consent/withdrawal', { withdrawnAt: TODAY }),
      'again',
    );
    await refused(
      sip,
      409,
      () =>
        psyk('POST', `/api/sips/${sip.id}/invitations`, {
          unitId: w.unit('soc.karlstad'),
          meetingAt: MEETING,
        }),
      'invitation',
    );
    await refused(
      sip,
      409,
      () =>
        psyk('PUT', `/api/sips/${sip.id}/plan`, {
          interventions: [{ description: 'Samtal', responsibleUnitId: w.unit('psykiatri.karlstad') }],
          overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
          goals: ['Må bättre'],
          personsOwnWords: 'Jag vill må bättre.',
          followUpOn: '2027-01-15',
          childrenConsidered: null,
        }),
      'plan',
    );
    await refused(
      sip,
      409,
      () => post('psykiatri.karlstad', sip, '/closure', { reason: 'other', note: 'x' }),
      'closure',
    );
  });

  test('closure: each reason is accepted and shown with the date of closing', async () => {
    for (const reason of ['goalsMet', 'moved', 'deceased', 'other']) {
      const sip = await w.active();
      const res = await post('psykiatri.karlstad', sip, '/closure', { reason, note: `Avslutad: ${reason}` });
      assert.equal(res.status, 200, `${reason}: ${res.text}`);
      assertLike(res.body, { id: sip.id, status: 'closed', closure: { reason, closedAt: TODAY } });
      assert.deepEqual(await w.snapshot(sip), res.body);
    }
  });

  test('closure with an invalid reason is 400', async () => {
    const sip = await w.active();
    for (const reason of ['bored', 'consentWithdrawn', '']) {
      await refused(
        sip,
        400,
        () => post('psykiatri.karlstad', sip, '/closure', { reason, note: 'x' }),
        reason,
      );
    }
    assert.equal((await w.snapshot(sip)).status, 'active');
  });

  test('closure by a unit that takes part is 403; by a unit that cannot see it 404', async () => {
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      await refused(sip, 403, () => post(u, sip, '/closure', { reason: 'goalsMet', note: 'x' }), u);
    }
    for (const u of ['soc.arvika', 'psykiatri.orebro']) {
      assertHidden(
        await refused(sip, 404, () => post(u, sip, '/closure', { reason: 'goalsMet', note: 'x' }), u),
        sip,
        u,
      );
    }
  });

  test('closing twice is 409', async () => {
    const sip = await w.active();
    const res = await post('psykiatri.karlstad', sip, '/closure', { reason: 'goalsMet', note: 'Klart' });
    assert.equal(res.status, 200, res.text);
    await refused(
      sip,
      409,
      () => post('psykiatri.karlstad', sip, '/closure', { reason: 'moved', note: 'x' }),
      'again',
    );
  });
});

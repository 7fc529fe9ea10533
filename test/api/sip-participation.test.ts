import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';
import {
  assertHidden,
  assertLike,
  type Json,
  MEETING,
  TODAY,
  type World,
  world,
} from '../helpers/sip-world.ts';

// API.md "SIP" and DESIGN.md "Access and privacy model": who takes part (invitations, answers, the plan)
// and therefore who sees the SIP.

describe('API: SIP invitations, answers and the plan', () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  const refused = (sip: Json, status: number, attempt: () => Promise<ApiResponse>, what: string) =>
    w.refused(sip, status, attempt, what);
  const inviting = (u: string, sip: Json, unitId: string) => () =>
    w.by(u)('POST', `/api/sips/${sip.id}/invitations`, { unitId, meetingAt: MEETING });
  const answering = (u: string, invitation: Json, body: unknown) => () =>
    w.by(u)('POST', `/api/invitations/${invitation.id}/answer`, body);
  const planNaming = (responsibleUnitId: string, overallUnitId: string) => ({
    interventions: [
      { description: 'Boendestöd', responsibleUnitId },
      { description: 'Fritidsaktivitet', externalActor: 'Studieförbundet' },
    ],
    overallResponsibility: { unitId: overallUnitId },
    goals: ['Egen bostad'],
    personsOwnWords: 'Jag vill bo själv.',
    followUpOn: '2027-02-01',
    childrenConsidered: true,
  });
  const putPlan = (u: string, sip: Json, plan: unknown) => () =>
    w.by(u)('PUT', `/api/sips/${sip.id}/plan`, plan);

  // --- invitations ---

  test('an invitation before consent is 409', async () => {
    const sip = await w.start();
    await refused(sip, 409, inviting('psykiatri.karlstad', sip, w.unit('soc.karlstad')), 'before consent');
  });

  test('an invitation to a unit whose principal the consent does not cover is 422; to an unknown unit 422', async () => {
    const sip = await w.active(['region-17', 'municipality-1780']);
    await refused(sip, 422, inviting('psykiatri.karlstad', sip, w.unit('soc.arvika')), 'Arvika');
    await refused(sip, 422, inviting('psykiatri.karlstad', sip, w.unit('psykiatri.orebro')), 'Örebro');
    await refused(sip, 422, inviting('psykiatri.karlstad', sip, randomUUID()), 'unknown unit');
    const onlyRegion = await w.active(['region-17']);
    await refused(
      onlyRegion,
      422,
      inviting('psykiatri.karlstad', onlyRegion, w.unit('soc.karlstad')),
      'Karlstad',
    );
    assertHidden(await w.by('soc.arvika')('GET', `/api/sips/${sip.id}`), sip, 'soc.arvika after 422');
  });

  test('only the convening unit invites: the invited unit gets 403, outsiders 404', async () => {
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    await refused(sip, 403, inviting('soc.karlstad', sip, w.unit('logg.regionvarmland')), 'soc.karlstad');
    for (const u of ['soc.arvika', 'psykiatri.orebro']) {
      assertHidden(await refused(sip, 404, inviting(u, sip, w.unit(u)), u), sip, u);
    }
  });

  test('an invitation after closure is 409', async () => {
    const sip = await w.active();
    const closed = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/closure`, {
      reason: 'other',
      note: 'x',
    });
    assert.equal(closed.status, 200, closed.text);
    await refused(sip, 409, inviting('psykiatri.karlstad', sip, w.unit('soc.karlstad')), 'after closure');
  });

  test('an invited unit sees the SIP from the invitation on, in GET and in its list, each read logged', async () => {
    const sip = await w.active();
    assert.equal(await w.sees('soc.karlstad', sip), false);
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    assertLike(invitation, { unitId: w.unit('soc.karlstad'), status: 'pending', answer: null });
    assert.equal(new Date(invitation.meetingAt).getTime(), new Date(MEETING).getTime());
    const count = await w.logCount();
    const res = await w.by('soc.karlstad')('GET', `/api/sips/${sip.id}`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, await w.snapshot(sip));
    assertLike(res.body.invitations, [{ id: invitation.id, status: 'pending', answer: null }]);
    assert.equal(await w.logCount(), count + 2, 'one read by soc.karlstad, one by the snapshot');
    const list = await w.by('soc.karlstad')('GET', '/api/sips');
    assert.ok(list.body.some((x: Json) => x.id === sip.id));
    assert.equal(await w.logCount(), count + 2 + list.body.length);
  });

  // --- answers ---

  test('accepting: 200 accepted with answer, reason null; answering twice is 409', async () => {
    const sip = await w.active();
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    const res = await answering('soc.karlstad', invitation, { accepted: true })();
    assert.equal(res.status, 200, res.text);
    assertLike(res.body, {
      id: invitation.id,
      unitId: w.unit('soc.karlstad'),
      status: 'accepted',
      answer: { accepted: true, reason: null },
    });
    assert.ok(!Number.isNaN(Date.parse(res.body.answer.answeredAt)), String(res.body.answer.answeredAt));
    await refused(sip, 409, answering('soc.karlstad', invitation, { accepted: true }), 'accept again');
    await refused(
      sip,
      409,
      answering('chef.soc.karlstad', invitation, { accepted: false, reason: 'Ändrat oss' }),
      'decline after accepting',
    );
    assert.equal(await w.sees('soc.karlstad', sip), true);
  });

  test('declining needs a reason: none or blank is 422 and the invitation stays pending', async () => {
    const sip = await w.active();
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    for (const body of [
      { accepted: false },
      { accepted: false, reason: '' },
      { accepted: false, reason: '   ' },
    ]) {
      await refused(sip, 422, answering('soc.karlstad', invitation, body), JSON.stringify(body));
    }
    assertLike((await w.snapshot(sip)).invitations, [{ id: invitation.id, status: 'pending', answer: null }]);
  });

  test('declining with a reason: 200 declined, and the unit no longer sees the SIP', async () => {
    const sip = await w.active();
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    const res = await answering('soc.karlstad', invitation, {
      accepted: false,
      reason: 'Personen får redan stöd av oss på annat sätt.',
    })();
    assert.equal(res.status, 200, res.text);
    assertLike(res.body, {
      id: invitation.id,
      status: 'declined',
      answer: { accepted: false, reason: 'Personen får redan stöd av oss på annat sätt.' },
    });
    assertLike((await w.snapshot(sip)).invitations, [{ id: invitation.id, status: 'declined' }]);
    let count = await w.logCount();
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}`), sip, `${u} after declining`);
      assert.equal(await w.logCount(), count, 'a 404 is not logged');
      // The list logs one read per SIP it holds (the unit takes part in others here), none for this one.
      const ids = await w.listIds(u);
      assert.ok(!ids.includes(sip.id), `${u} still lists it`);
      count += ids.length;
      assertHidden(
        await w.by(u)('PUT', `/api/sips/${sip.id}/plan`, planNaming(w.unit('psykiatri.karlstad'), w.unit(u))),
        sip,
        `${u} plan after declining`,
      );
    }
    assert.equal(await w.logCount(), count);
  });

  test('only the invited unit answers: the convening unit gets 403, others 404', async () => {
    const sip = await w.active();
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    await refused(
      sip,
      403,
      answering('psykiatri.karlstad', invitation, { accepted: true }),
      'convening unit',
    );
    for (const u of ['soc.arvika', 'psykiatri.orebro']) {
      const res = await refused(sip, 404, answering(u, invitation, { accepted: true }), u);
      assertHidden(res, sip, u);
    }
    const unknown = await w.by('soc.karlstad')('POST', `/api/invitations/${randomUUID()}/answer`, {
      accepted: true,
    });
    assert.equal(unknown.status, 404, unknown.text);
  });

  test('answering after closure is 409', async () => {
    const sip = await w.active();
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    const closed = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/closure`, {
      reason: 'moved',
      note: 'Flyttat',
    });
    assert.equal(closed.status, 200, closed.text);
    assertLike(closed.body.closure, { reason: 'moved', closedAt: TODAY });
    await refused(sip, 409, answering('soc.karlstad', invitation, { accepted: true }), 'accept');
    await refused(
      sip,
      409,
      answering('soc.karlstad', invitation, { accepted: false, reason: 'x' }),
      'decline',
    );
  });

  // --- the plan ---

  test('a plan before consent is 409', async () => {
    const sip = await w.start();
    const plan = planNaming(w.unit('psykiatri.karlstad'), w.unit('psykiatri.karlstad'));
    await refused(sip, 409, putPlan('psykiatri.karlstad', sip, plan), 'before consent');
  });

  test('a plan naming a unit the consent does not cover is 422, as responsible or as overall', async () => {
    const sip = await w.active(['region-17', 'municipality-1780']);
    const psyk = w.unit('psykiatri.karlstad');
    const cases: [string, unknown][] = [
      ['responsible Arvika', planNaming(w.unit('soc.arvika'), psyk)],
      ['overall Arvika', planNaming(psyk, w.unit('soc.arvika'))],
      ['responsible Örebro', planNaming(w.unit('psykiatri.orebro'), psyk)],
      ['overall Örebro', planNaming(psyk, w.unit('psykiatri.orebro'))],
    ];
    for (const [what, plan] of cases) await refused(sip, 422, putPlan('psykiatri.karlstad', sip, plan), what);
    assert.equal((await w.snapshot(sip)).plan, null);
    const versions = await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`);
    assert.deepEqual(versions.body, []);
    assertHidden(await w.by('soc.arvika')('GET', `/api/sips/${sip.id}`), sip, 'soc.arvika after 422');
  });

  test('a plan that does not match the schema is 400', async () => {
    const sip = await w.active();
    const good = planNaming(w.unit('psykiatri.karlstad'), w.unit('psykiatri.karlstad'));
    const bad: [string, unknown][] = [
      ['goals not a list', { ...good, goals: 'Egen bostad' }],
      ['followUpOn not a date', { ...good, followUpOn: 'snart' }],
      ['intervention without a description', { ...good, interventions: [{ externalActor: 'Någon' }] }],
    ];
    for (const [what, plan] of bad) await refused(sip, 400, putPlan('psykiatri.karlstad', sip, plan), what);
  });

  test('a unit with a pending invitation may save the plan', async () => {
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    const plan = planNaming(w.unit('soc.karlstad'), w.unit('psykiatri.karlstad'));
    const res = await putPlan('soc.karlstad', sip, plan)();
    assert.equal(res.status, 200, res.text);
    assertLike(res.body, { id: sip.id, plan: { ...plan, version: 1 } });
  });

  test('a unit named in the current plan sees the SIP; named no longer, it loses it', async () => {
    const sip = await w.active();
    const psyk = w.unit('psykiatri.karlstad');
    const soc = w.unit('soc.karlstad');
    assert.equal(await w.sees('soc.karlstad', sip), false);

    const v1 = await putPlan('psykiatri.karlstad', sip, planNaming(soc, psyk))();
    assert.equal(v1.status, 200, v1.text);
    assert.equal(v1.body.plan.version, 1);
    assert.equal(await w.sees('soc.karlstad', sip), true, 'responsible for an intervention');
    assert.ok((await w.listIds('soc.karlstad')).includes(sip.id));

    const v2 = await putPlan('psykiatri.karlstad', sip, planNaming(psyk, psyk))();
    assert.equal(v2.status, 200, v2.text);
    assert.equal(v2.body.plan.version, 2);
    assertHidden(await w.by('soc.karlstad')('GET', `/api/sips/${sip.id}`), sip, 'named no longer');
    assert.ok(!(await w.listIds('soc.karlstad')).includes(sip.id));

    const v3 = await putPlan('psykiatri.karlstad', sip, planNaming(psyk, soc))();
    assert.equal(v3.status, 200, v3.text);
    assert.equal(await w.sees('soc.karlstad', sip), true, 'overall responsibility');
    // Named in the plan, it takes part and may save the plan too.
    const v4 = await putPlan('soc.karlstad', sip, planNaming(soc, soc))();
    assert.equal(v4.status, 200, v4.text);

    const count = await w.logCount();
    const versions = await w.by('soc.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`);
    assert.equal(versions.status, 200, versions.text);
    assert.deepEqual(
      versions.body.map((p: Json) => p.version),
      [1, 2, 3, 4],
    );
    assertLike(versions.body, [
      { ...planNaming(soc, psyk), version: 1 },
      { ...planNaming(psyk, psyk), version: 2 },
      { ...planNaming(psyk, soc), version: 3 },
      { ...planNaming(soc, soc), version: 4 },
    ]);
    assert.equal(await w.logCount(), count + 1);
  });

  test('a plan for a closed SIP is 409, from the convening unit and from a taking-part unit', async () => {
    const sip = await w.active();
    const invitation = await w.invite(sip, w.unit('soc.karlstad'));
    assert.equal((await answering('soc.karlstad', invitation, { accepted: true })()).status, 200);
    const closed = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/closure`, {
      reason: 'goalsMet',
      note: 'Klart',
    });
    assert.equal(closed.status, 200, closed.text);
    const plan = planNaming(w.unit('soc.karlstad'), w.unit('psykiatri.karlstad'));
    await refused(sip, 409, putPlan('psykiatri.karlstad', sip, plan), 'convening');
    await refused(sip, 409, putPlan('soc.karlstad', sip, plan), 'taking part');
  });
});

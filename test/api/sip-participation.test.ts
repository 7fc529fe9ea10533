import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { sipPlanUnits, sips } from '../../src/modules/sip/schema.ts';
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
    w = await world(s, ['admin.varmland']);
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

  // Issue 20, item 6: the plan is written by the convening unit and the units that have accepted, names only
  // them, and grants nothing; a unit that declines is out whatever the plan says.

  const followUp = (u: string, sip: Json) => () =>
    w.by(u)('POST', `/api/sips/${sip.id}/follow-ups`, {
      heldOn: TODAY,
      outcomes: [
        { index: 0, outcome: 'done' },
        { index: 1, outcome: 'ongoing' },
      ],
      nextFollowUpOn: null,
    });
  const psyk = () => w.unit('psykiatri.karlstad');
  const soc = () => w.unit('soc.karlstad');

  test('a unit whose invitation waits for its answer reads the SIP but may not write the plan or its follow-up: 403', async () => {
    const sip = await w.active();
    const v1 = await putPlan('psykiatri.karlstad', sip, planNaming(psyk(), psyk()))();
    assert.equal(v1.status, 200, v1.text);
    await w.invite(sip, soc());
    assert.equal(await w.sees('soc.karlstad', sip), true);
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      for (const [what, plan] of [
        ['naming itself', planNaming(soc(), soc())],
        ['naming the convening unit only', planNaming(psyk(), psyk())],
        ['not matching the schema', { goals: 'x' }],
      ] as const) {
        const res = await refused(
          sip,
          what.startsWith('not') ? 400 : 403,
          putPlan(u, sip, plan),
          `${u} ${what}`,
        );
        if (res.status === 403) assert.match(res.body.title + res.body.detail, /tackat ja/);
      }
      await refused(sip, 403, followUp(u, sip), `${u} follow-up`);
    }
    const versions = await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`);
    assert.deepEqual(
      versions.body.map((p: Json) => p.version),
      [1],
    );
  });

  test('a plan may name only the convening unit and units that have accepted: 422 for pending, declined, never invited', async () => {
    const sip = await w.active(['region-17', 'municipality-1780', 'municipality-1784']);
    const pending = await w.invite(sip, soc());
    const arvika = await w.invite(sip, w.unit('soc.arvika'));
    const declined = await answering('soc.arvika', arvika, { accepted: false, reason: 'Inte vår person' })();
    assert.equal(declined.status, 200, declined.text);
    // A care unit of Region Värmland that nobody invited (the log reviewers' unit is not a care unit, and is
    // refused for that: sip-rules.test.ts).
    const made = await w.by('admin.varmland')('POST', '/api/admin/units', {
      principalId: 'region-17',
      name: 'Psykiatrisk öppenvård Arvika',
    });
    assert.equal(made.status, 201, made.text);
    const others: [string, string][] = [
      ['pending', soc()],
      ['declined', w.unit('soc.arvika')],
      ['never invited', made.body.id],
    ];
    for (const [what, unitId] of others) {
      for (const [where, plan] of [
        ['responsible', planNaming(unitId, psyk())],
        ['overall', planNaming(psyk(), unitId)],
      ] as const) {
        const res = await refused(sip, 422, putPlan('psykiatri.karlstad', sip, plan), `${what} as ${where}`);
        assert.equal(
          res.body.errors?.[0]?.message,
          'Planen kan bara nämna den sammankallande enheten och enheter som har tackat ja till kallelsen.',
        );
      }
    }
    assert.equal((await w.snapshot(sip)).plan, null);

    // Accepted, the unit may be named, and may write the plan itself; the convening unit still may.
    assert.equal((await answering('soc.karlstad', pending, { accepted: true })()).status, 200);
    const byConvening = await putPlan('psykiatri.karlstad', sip, planNaming(soc(), psyk()))();
    assert.equal(byConvening.status, 200, byConvening.text);
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      const byAccepted = await putPlan(u, sip, planNaming(psyk(), soc()))();
      assert.equal(byAccepted.status, 200, `${u}: ${byAccepted.text}`);
    }
    const followed = await followUp('soc.karlstad', sip)();
    assert.equal(followed.status, 201, followed.text);
    assert.equal((await w.snapshot(sip)).plan.version, 3);
  });

  test('a unit that declines loses the SIP whatever the plan says, until it is invited again', async () => {
    const sip = await w.active();
    await w.join(sip);
    const named = await putPlan('soc.karlstad', sip, planNaming(soc(), soc()))();
    assert.equal(named.status, 200, named.text);
    // A second meeting, which the unit declines: from its answer on it is out, though the plan names it.
    const second = await w.invite(sip, soc());
    const declined = await answering('soc.karlstad', second, {
      accepted: false,
      reason: 'Vi avslutar vår insats',
    })();
    assert.equal(declined.status, 200, declined.text);
    assertLike((await w.snapshot(sip)).plan, { overallResponsibility: { unitId: soc() } });
    for (const u of ['soc.karlstad', 'chef.soc.karlstad']) {
      const count = await w.logCount();
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}`), sip, `${u} GET`);
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}/plan/versions`), sip, `${u} versions`);
      assert.equal(await w.logCount(), count, 'nothing read, nothing logged');
      assertHidden(await refused(sip, 404, putPlan(u, sip, planNaming(soc(), soc())), `${u} plan`), sip, u);
      assertHidden(await refused(sip, 404, followUp(u, sip), `${u} follow-up`), sip, `${u} follow-up`);
      assert.ok(!(await w.listIds(u)).includes(sip.id), `${u} still lists it`);
    }
    // Nor does the convening unit's plan let it back in: naming a unit that declined is refused.
    await refused(sip, 422, putPlan('psykiatri.karlstad', sip, planNaming(soc(), psyk())), 'naming it again');
    // Invited again, it may read the SIP to answer; accepting, it takes part again.
    const third = await w.invite(sip, soc());
    assert.equal(await w.sees('soc.karlstad', sip), true);
    await refused(sip, 403, putPlan('soc.karlstad', sip, planNaming(soc(), soc())), 'invited again, pending');
    assert.equal((await answering('soc.karlstad', third, { accepted: true })()).status, 200);
    const again = await putPlan('soc.karlstad', sip, planNaming(soc(), soc()))();
    assert.equal(again.status, 200, again.text);
  });

  test('a unit in sip_plan_units without an accepted invitation (data from before the rule) sees nothing', async () => {
    const sip = await w.active(['region-17', 'municipality-1780', 'municipality-1784']);
    await s.database.db
      .insert(sipPlanUnits)
      .values([w.unit('soc.arvika'), soc()].map((unitId) => ({ sipId: sip.id, unitId })));
    await s.database.db.update(sips).set({ overallUnitId: soc() }).where(eq(sips.id, sip.id));
    for (const u of ['soc.arvika', 'soc.karlstad']) {
      assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}`), sip, u);
      assert.ok(!(await w.listIds(u)).includes(sip.id), `${u} lists it`);
    }
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

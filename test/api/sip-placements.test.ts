import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sipPlanVersions } from '../../src/modules/sip/schema.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertLike, type Json, type World, world } from '../helpers/sip-world.ts';

// API.md "SIP", issue 22 item 11: a placement outside the home in the plan (Värmland, Ansvarsfördelning vid
// placeringar utanför det egna hemmet; Sörmland §9). Every rule over HTTP: bad input is a Swedish 422 naming the
// field, and nothing is stored.

describe('API: a placement outside the home in the SIP plan', () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  const psychiatry = () => w.unit('psykiatri.karlstad');
  const social = () => w.unit('soc.karlstad');
  const placement = (extra: Json = {}) => ({
    kind: 'hvb',
    place: 'Behandlingshemmet Solgläntan',
    startsOn: '2027-01-10',
    jointPlanning: { heldOn: '2026-12-15', unitIds: [psychiatry(), social()] },
    goal: 'Drogfrihet och egen bostad efter placeringen.',
    followUp: { on: '2027-03-01', how: 'Uppföljningsmöte på behandlingshemmet med båda huvudmännen.' },
    returnHome: 'Boendestöd och öppenvård från första dagen hemma.',
    costSplit: [
      { principalId: 'municipality-1780', percent: 70 },
      { principalId: 'region-17', percent: 30 },
    ],
    ...extra,
  });
  const plan = (placementPart: unknown) => ({
    interventions: [{ description: 'Boendestöd', responsibleUnitId: social() }],
    overallResponsibility: { unitId: psychiatry() },
    goals: ['Eget boende'],
    personsOwnWords: 'Jag vill bli drogfri.',
    followUpOn: '2027-02-01',
    childrenConsidered: null,
    ...(placementPart === undefined ? {} : { placement: placementPart }),
  });
  const putPlan = (sip: Json, body: unknown) => () =>
    w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, body);
  /** A SIP with consent for Region Värmland and Karlstads kommun, where Socialtjänsten Karlstad takes part. */
  const joined = async () => {
    const sip = await w.active();
    await w.join(sip);
    return sip;
  };
  /** Refused with a Swedish 422 at the path, and no plan version stored. */
  const refusedAt = async (sip: Json, body: unknown, path: string, what: string) => {
    const versionsBefore = await s.database.db.$count(sipPlanVersions);
    const res: ApiResponse = await w.refused(sip, 422, putPlan(sip, body), what);
    assert.equal(res.body.title, 'Uppgifterna bryter mot en regel', what);
    const error = res.body.errors.find((e: Json) => e.path === path);
    assert.ok(error, `${what}: no error at ${path}: ${res.text}`);
    assert.match(error.message, /[åäö]/, `${what}: not in Swedish: ${error.message}`);
    assert.equal(await s.database.db.$count(sipPlanVersions), versionsBefore, `${what} stored a version`);
    return error.message as string;
  };

  test('a plan saved without a placement still works, and reads placement null', async () => {
    const sip = await joined();
    const res = await putPlan(sip, plan(undefined))();
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.plan.placement, null);
    const explicit = await putPlan(sip, plan(null))();
    assert.equal(explicit.status, 200, explicit.text);
    assert.equal(explicit.body.plan.placement, null);
  });

  test('a placement is stored in the plan with its planning, goal, follow-up, return home and cost split', async () => {
    const sip = await joined();
    const res = await putPlan(sip, plan(placement()))();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.plan.placement, placement());
    const versions = await w.by('soc.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`);
    assert.deepEqual(versions.body[0].placement, placement());
    // Without a place, and a later version without the placement: the earlier version keeps it.
    const other = placement({ kind: 'supportedHousing', place: undefined });
    const second = await putPlan(sip, plan(other))();
    assert.equal(second.status, 200, second.text);
    assertLike(second.body.plan.placement, { kind: 'supportedHousing', place: null });
    const third = await putPlan(sip, plan(null))();
    assert.equal(third.body.plan.placement, null);
    const all = await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`);
    assert.deepEqual(
      all.body.map((v: Json) => v.placement?.kind ?? null),
      ['hvb', 'supportedHousing', null],
    );
  });

  test('the shares must sum to 100 per cent: 422 at placement.costSplit', async () => {
    const sip = await joined();
    for (const [shares, sum] of [
      [[70, 20], 90],
      [[70, 40], 110],
      [[0, 0], 0],
    ] as const) {
      const costSplit = [
        { principalId: 'municipality-1780', percent: shares[0] },
        { principalId: 'region-17', percent: shares[1] },
      ];
      const message = await refusedAt(
        sip,
        plan(placement({ costSplit })),
        'placement.costSplit',
        `sum ${sum}`,
      );
      assert.match(message, new RegExp(`100 procent \\(nu ${sum} procent\\)`));
    }
    const whole = [{ principalId: 'municipality-1780', percent: 100 }];
    assert.equal((await putPlan(sip, plan(placement({ costSplit: whole })))()).status, 200);
  });

  test('the cost split names only principals the consent covers, each once', async () => {
    const sip = await joined();
    const arvika = {
      costSplit: [
        { principalId: 'municipality-1780', percent: 50 },
        { principalId: 'municipality-1784', percent: 50 },
      ],
    };
    const outside = await refusedAt(
      sip,
      plan(placement(arvika)),
      'placement.costSplit.1.principalId',
      'Arvika',
    );
    assert.match(outside, /samtycke omfattar/);
    const unknown = { costSplit: [{ principalId: 'principal-x', percent: 100 }] };
    await refusedAt(sip, plan(placement(unknown)), 'placement.costSplit.0.principalId', 'unknown principal');
    const twice = {
      costSplit: [
        { principalId: 'region-17', percent: 50 },
        { principalId: 'region-17', percent: 50 },
      ],
    };
    const message = await refusedAt(
      sip,
      plan(placement(twice)),
      'placement.costSplit.1.principalId',
      'twice',
    );
    assert.match(message, /en gång/);
  });

  test('the follow-up is after the start: 422 at placement.followUp.on', async () => {
    const sip = await joined();
    for (const on of ['2027-01-10', '2027-01-09']) {
      const body = plan(placement({ followUp: { on, how: 'Möte' } }));
      const message = await refusedAt(sip, body, 'placement.followUp.on', `follow-up ${on}`);
      assert.match(message, /efter placeringens start/);
    }
    const next = plan(placement({ followUp: { on: '2027-01-11', how: 'Möte' } }));
    assert.equal((await putPlan(sip, next)()).status, 200);
  });

  test('the joint planning is not after the start: 422 at placement.jointPlanning.heldOn', async () => {
    const sip = await joined();
    const late = plan(placement({ jointPlanning: { heldOn: '2027-01-11', unitIds: [psychiatry()] } }));
    const message = await refusedAt(sip, late, 'placement.jointPlanning.heldOn', 'planning after start');
    assert.match(message, /före placeringen/);
    const sameDay = plan(placement({ jointPlanning: { heldOn: '2027-01-10', unitIds: [psychiatry()] } }));
    assert.equal((await putPlan(sip, sameDay)()).status, 200);
  });

  test('the units at the joint planning are units of the SIP: 422 at placement.jointPlanning.unitIds', async () => {
    const sip = await w.active();
    // Socialtjänsten Karlstad is of a consented principal but has not accepted an invitation.
    const notJoined = plan(placement({ jointPlanning: { heldOn: '2026-12-15', unitIds: [social()] } }));
    // psykiatri.orebro's principal is outside the consent.
    const orebro = { jointPlanning: { heldOn: '2026-12-15', unitIds: [w.unit('psykiatri.orebro')] } };
    const body = (p: unknown) => ({ ...notJoined, interventions: [], placement: p });
    await refusedAt(sip, body(notJoined.placement), 'placement.jointPlanning.unitIds', 'not joined');
    await refusedAt(sip, body(placement(orebro)), 'placement.jointPlanning.unitIds', 'outside consent');
  });

  test('every rule broken at once is named, each at its field', async () => {
    const sip = await joined();
    const body = plan(
      placement({
        jointPlanning: { heldOn: '2027-02-01', unitIds: [psychiatry()] },
        followUp: { on: '2027-01-01', how: 'Möte' },
        costSplit: [{ principalId: 'municipality-1784', percent: 10 }],
      }),
    );
    const res = await w.refused(sip, 422, putPlan(sip, body), 'all');
    assert.deepEqual(
      res.body.errors.map((e: Json) => e.path),
      [
        'placement.jointPlanning.heldOn',
        'placement.followUp.on',
        'placement.costSplit.0.principalId',
        'placement.costSplit',
      ],
    );
  });

  test('a placement of an unknown kind, a share over 100 or no shares is 400', async () => {
    const sip = await joined();
    await w.refused(sip, 400, putPlan(sip, plan(placement({ kind: 'fängelse' }))), 'kind');
    const over = { costSplit: [{ principalId: 'region-17', percent: 101 }] };
    await w.refused(sip, 400, putPlan(sip, plan(placement(over))), 'over 100');
    await w.refused(sip, 400, putPlan(sip, plan(placement({ costSplit: [] }))), 'no shares');
    await w.refused(sip, 400, putPlan(sip, plan(placement({ goal: '  ' }))), 'no goal');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sipAssessments, sipMeetings, sips } from '../../src/modules/sip/schema.ts';
import { persons } from '../../src/platform/people/schema.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';
import { assertLike, consentFor, type Json, tolvan, type World, world } from '../helpers/sip-world.ts';

// API.md "SIP", issue 22: the plan's kind, the needs assessment, the meetings as held, the interventions' details
// and the evaluation at closure. Every rule over HTTP: bad input is a Swedish 422 naming the field, and nothing
// is stored.

describe('API: the SIP plan content', () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  const refusedWith = async (sip: Json, attempt: () => Promise<ApiResponse>, path: string, what: string) => {
    const res = await w.refused(sip, 422, attempt, what);
    assert.equal(res.body.title, 'Uppgifterna bryter mot en regel', what);
    assert.ok(
      res.body.errors.some((e: Json) => e.path === path && /[åäöÅÄÖ]|[a-z]/.test(e.message)),
      `${what}: no error at ${path}: ${res.text}`,
    );
    return res;
  };
  const plan = (unitId: string, extra: Json = {}, interventions: Json[] = []) => ({
    interventions: interventions.length
      ? interventions
      : [{ description: 'Boendestöd', responsibleUnitId: unitId }],
    overallResponsibility: { unitId },
    goals: ['Eget boende'],
    personsOwnWords: 'Jag vill bo själv.',
    followUpOn: '2027-02-01',
    childrenConsidered: null,
    ...extra,
  });
  const putPlan =
    (sip: Json, body: unknown, u = 'psykiatri.karlstad') =>
    () =>
      w.by(u)('PUT', `/api/sips/${sip.id}/plan`, body);
  const startAs = (u: string, body: Json) =>
    w.by(u)('POST', '/api/sips', { person: tolvan, reason: 'Behöver samordnade insatser', ...body });
  const psychiatry = () => w.unit('psykiatri.karlstad');

  // --- plan kinds ---

  test('a SIP is of kind SIP unless the convener chooses; SPU is a kind too', async () => {
    const plain = await w.start();
    assert.equal(plain.planKind, 'SIP');
    assert.equal(plain.chiefPhysicianUnitId, null);
    const spu = await startAs('soc.karlstad', { planKind: 'SPU' });
    assert.equal(spu.status, 201, spu.text);
    assertLike(spu.body, { planKind: 'SPU', chiefPhysicianUnitId: null });
    const read = await w.by('soc.karlstad')('GET', `/api/sips/${spu.body.id}`);
    assert.equal(read.body.planKind, 'SPU');
  });

  test("an LPT/LRV plan is convened by a regional unit, recorded as the chief physician's unit", async () => {
    const res = await startAs('psykiatri.karlstad', { planKind: 'SPLPTLRV' });
    assert.equal(res.status, 201, res.text);
    assertLike(res.body, {
      planKind: 'SPLPTLRV',
      chiefPhysicianUnitId: psychiatry(),
      convening: { unitId: psychiatry() },
    });
  });

  test('a municipal unit convening an LPT/LRV plan is 422 at planKind, and nothing is stored', async () => {
    const sipsBefore = await s.database.db.$count(sips);
    const personsBefore = await s.database.db.$count(persons);
    const logBefore = await w.logCount();
    const res = await w.by('soc.karlstad')('POST', '/api/sips', {
      person: { personalIdentityNumber: '19400101-0008', name: 'Ny Person' },
      reason: 'Öppen tvångsvård',
      planKind: 'SPLPTLRV',
    });
    assert.equal(res.status, 422, res.text);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    assert.deepEqual(
      res.body.errors.map((e: Json) => e.path),
      ['planKind'],
    );
    assert.match(res.body.errors[0].message, /chefsöverläkare.*regionen/);
    assert.equal(await s.database.db.$count(sips), sipsBefore);
    assert.equal(await s.database.db.$count(persons), personsBefore);
    assert.equal(await w.logCount(), logBefore);
  });

  test('an unknown plan kind is 400', async () => {
    const res = await startAs('psykiatri.karlstad', { planKind: 'VARDPLAN' });
    assert.equal(res.status, 400, res.text);
  });

  // --- interventions ---

  test('a plan saved without the new fields still works: planned, open-ended, no view', async () => {
    const sip = await w.active();
    const res = await putPlan(sip, plan(psychiatry()))();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.plan.interventions, [
      {
        description: 'Boendestöd',
        responsibleUnitId: psychiatry(),
        startsOn: null,
        endsOn: null,
        status: 'planned',
        personsView: null,
      },
    ]);
    assert.equal(res.body.plan.relativesTookPart, null);
  });

  test('interventions have their start, end or tills vidare, status and the person view, any number of them', async () => {
    const sip = await w.active();
    const interventions = Array.from({ length: 7 }, (_, i) => ({
      description: `Insats ${i + 1}`,
      ...(i % 2 ? { externalActor: 'Försäkringskassan' } : { responsibleUnitId: psychiatry() }),
      startsOn: '2026-12-01',
      endsOn: i === 0 ? null : '2027-06-30',
      status: ['planned', 'ongoing', 'ended', 'cancelled'][i % 4],
      personsView: i === 0 ? 'Jag vill gärna ha stöd hemma.' : null,
    }));
    const res = await putPlan(sip, plan(psychiatry(), { relativesTookPart: true }, interventions))();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.plan.interventions, interventions);
    assert.equal(res.body.plan.relativesTookPart, true);
    const versions = await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`);
    assert.deepEqual(versions.body[0].interventions, interventions);
  });

  test('an intervention that ends before it starts is 422 at its endsOn', async () => {
    const sip = await w.active();
    const body = plan(psychiatry(), {}, [
      { description: 'Boendestöd', responsibleUnitId: psychiatry(), startsOn: '2027-01-01' },
      {
        description: 'Arbetsträning',
        externalActor: 'Arbetsförmedlingen',
        startsOn: '2027-01-01',
        endsOn: '2026-12-31',
      },
    ]);
    const res = await refusedWith(sip, putPlan(sip, body), 'interventions.1.endsOn', 'end before start');
    assert.match(res.body.errors[0].message, /Insats 2: slutdatumet kan inte vara före startdatumet/);
  });

  test('an unknown intervention status is 400', async () => {
    const sip = await w.active();
    const body = plan(psychiatry(), {}, [
      { description: 'Boendestöd', responsibleUnitId: psychiatry(), status: 'paused' },
    ]);
    await w.refused(sip, 400, putPlan(sip, body), 'status paused');
  });

  test("an LPT/LRV plan needs the law, the person's view of each intervention and whether relatives took part", async () => {
    const started = await startAs('psykiatri.karlstad', { planKind: 'SPLPTLRV' });
    const sip = await w.consent(started.body);
    const viewed = { description: 'Depotinjektion', responsibleUnitId: psychiatry(), personsView: 'Okej.' };
    const unviewed = { description: 'Boendestöd', responsibleUnitId: psychiatry() };
    const full = { compulsoryCare: { law: 'LPT' }, relativesTookPart: false };
    await refusedWith(
      sip,
      putPlan(sip, plan(psychiatry(), full, [viewed, unviewed])),
      'interventions.1.personsView',
      'no view',
    );
    await refusedWith(
      sip,
      putPlan(sip, plan(psychiatry(), full, [viewed, { ...unviewed, personsView: '   ' }])),
      'interventions.1.personsView',
      'blank view',
    );
    await refusedWith(
      sip,
      putPlan(sip, plan(psychiatry(), { compulsoryCare: { law: 'LRV' } }, [viewed])),
      'relativesTookPart',
      'relatives not stated',
    );
    await refusedWith(
      sip,
      putPlan(sip, plan(psychiatry(), { relativesTookPart: true }, [viewed])),
      'compulsoryCare',
      'no law',
    );
    // All three wrong at once: each is named.
    const all = await refusedWith(
      sip,
      putPlan(sip, plan(psychiatry(), {}, [unviewed])),
      'compulsoryCare',
      'all',
    );
    assert.deepEqual(
      all.body.errors.map((e: Json) => e.path),
      ['interventions.0.personsView', 'compulsoryCare', 'relativesTookPart'],
    );
    const res = await putPlan(sip, plan(psychiatry(), full, [viewed]))();
    assert.equal(res.status, 200, res.text);
    assertLike(res.body.plan, { compulsoryCare: { law: 'LPT' }, relativesTookPart: false });
  });

  test('relatives cannot have taken part in the plan when the consent does not let them', async () => {
    const started = await w.start();
    const consent = { ...consentFor(['region-17', 'municipality-1780']), relativesMayTakePart: false };
    const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${started.id}/consent`, consent);
    assert.equal(res.status, 200, res.text);
    const sip = res.body;
    await refusedWith(
      sip,
      putPlan(sip, plan(psychiatry(), { relativesTookPart: true })),
      'relativesTookPart',
      'relatives without consent',
    );
    assert.equal((await putPlan(sip, plan(psychiatry(), { relativesTookPart: false }))()).status, 200);
  });

  // --- needs assessment ---

  const assess =
    (sip: Json, body: unknown, u = 'psykiatri.karlstad') =>
    () =>
      w.by(u)('PUT', `/api/sips/${sip.id}/assessment`, body);

  test('each taking-part unit records its assessment by life area; saving again replaces only its own', async () => {
    const sip = await w.active();
    await w.join(sip);
    const first = await assess(sip, {
      areas: [
        { area: 'safety', situation: 'Känner sig otrygg på kvällarna.' },
        {
          area: 'housing',
          situation: 'Bor i andrahand, kontraktet går ut i mars.',
          strengths: 'Sköter hemmet.',
          wishes: 'Vill ha ett eget kontrakt.',
        },
      ],
    })();
    assert.equal(first.status, 200, first.text);
    const social = await assess(
      sip,
      { areas: [{ area: 'economy', situation: 'Skulder hos Kronofogden.', wishes: 'Budgetrådgivning.' }] },
      'soc.karlstad',
    )();
    assert.equal(social.status, 200, social.text);
    const again = await assess(sip, {
      areas: [{ area: 'health', situation: 'Sover dåligt.', strengths: 'Tar sin medicin.' }],
    })();
    assert.equal(again.status, 200, again.text);
    const byUnit = Object.fromEntries(again.body.assessments.map((a: Json) => [a.unitId, a]));
    assert.deepEqual(byUnit[psychiatry()].areas, [
      { area: 'health', situation: 'Sover dåligt.', strengths: 'Tar sin medicin.', wishes: '' },
    ]);
    assert.equal(byUnit[psychiatry()].recordedAt, '2026-11-26');
    assert.deepEqual(byUnit[w.unit('soc.karlstad')].areas, [
      { area: 'economy', situation: 'Skulder hos Kronofogden.', strengths: '', wishes: 'Budgetrådgivning.' },
    ]);
  });

  test('areas come back in the order of the life areas', async () => {
    const sip = await w.active();
    const res = await assess(sip, {
      areas: ['safety', 'economy', 'housing', 'health'].map((area) => ({ area, situation: 'Text.' })),
    })();
    assert.deepEqual(
      res.body.assessments[0].areas.map((a: Json) => a.area),
      ['housing', 'health', 'economy', 'safety'],
    );
  });

  test('an assessment with an area twice, or without the situation, is 422 at that field; an unknown area 400', async () => {
    const sip = await w.active();
    const before = await s.database.db.$count(sipAssessments);
    const twice = {
      areas: [
        { area: 'housing', situation: 'Bor hos sin mamma.' },
        { area: 'housing', situation: 'Vill flytta.' },
      ],
    };
    await refusedWith(sip, assess(sip, twice), 'areas.1.area', 'area twice');
    const blank = { areas: [{ area: 'economy', situation: '  ', wishes: 'Mer pengar.' }] };
    const res = await refusedWith(sip, assess(sip, blank), 'areas.0.situation', 'no situation');
    assert.match(res.body.errors[0].message, /Beskriv personens situation/);
    await w.refused(sip, 400, assess(sip, { areas: [{ area: 'hobbies', situation: 'Text' }] }), 'hobbies');
    assert.equal(await s.database.db.$count(sipAssessments), before);
  });

  test('an assessment is for units that take part, while consent is in force and the SIP open', async () => {
    const requested = await w.start();
    const body = { areas: [{ area: 'housing', situation: 'Hemlös.' }] };
    await w.refused(requested, 409, assess(requested, body), 'before consent');
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    await w.refused(sip, 403, assess(sip, body, 'soc.karlstad'), 'invited, not yet answered');
    await w.refused(sip, 404, assess(sip, body, 'soc.arvika'), 'outsider');
    const closed = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/closure`, {
      reason: 'moved',
    });
    assert.equal(closed.status, 200, closed.text);
    await w.refused(sip, 409, assess(sip, body), 'closed');
  });

  // --- meetings ---

  const meet =
    (sip: Json, body: unknown, u = 'psykiatri.karlstad') =>
    () =>
      w.by(u)('POST', `/api/sips/${sip.id}/meetings`, body);
  const meeting = (extra: Json = {}) => ({
    heldOn: '2026-11-25',
    personsParticipation: 'present',
    participants: [
      { kind: 'unit', unitId: psychiatry(), role: 'Samordnare', attended: true },
      { kind: 'relative', name: 'Anna Tolvansson', role: 'Syster', attended: true },
      { kind: 'external', name: 'Försäkringskassan', role: 'Handläggare', attended: false },
    ],
    notes: 'Kom överens om boendestöd.',
    ...extra,
  });

  test('a meeting records who took part and who was absent, with roles, the person and short notes', async () => {
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    const body = meeting({
      personsParticipation: 'remote',
      participants: [
        ...meeting().participants,
        { kind: 'unit', unitId: w.unit('soc.karlstad'), role: 'Biståndshandläggare', attended: false },
      ],
    });
    const res = await meet(sip, body)();
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.meetings.length, 1);
    const [held] = res.body.meetings;
    assert.equal(typeof held.id, 'string');
    assert.deepEqual(
      { ...held, id: undefined },
      {
        id: undefined,
        heldOn: '2026-11-25',
        personsParticipation: 'remote',
        participants: body.participants,
        notes: body.notes,
      },
    );
    assert.equal((await w.snapshot(sip)).meetings.length, 1);
  });

  test('a meeting with a unit the SIP did not call, a relative without consent, or in the future is 422', async () => {
    const started = await w.start();
    const consent = { ...consentFor(['region-17', 'municipality-1780']), relativesMayTakePart: false };
    const sip = (await w.by('psykiatri.karlstad')('POST', `/api/sips/${started.id}/consent`, consent)).body;
    const meetingsBefore = await s.database.db.$count(sipMeetings);
    const uncalled = meeting({
      participants: [{ kind: 'unit', unitId: w.unit('soc.karlstad'), role: 'Handläggare', attended: true }],
    });
    await refusedWith(sip, meet(sip, uncalled), 'participants.0.unitId', 'unit not called');
    await refusedWith(sip, meet(sip, meeting()), 'participants.1.kind', 'relative without consent');
    const absentRelative = meeting({
      participants: [{ kind: 'relative', name: 'Anna', role: 'Syster', attended: false }],
    });
    assert.equal((await meet(sip, absentRelative)()).status, 201, 'an absent relative is no sharing');
    const future = meeting({ heldOn: '2026-11-27', participants: [] });
    const res = await refusedWith(sip, meet(sip, future), 'heldOn', 'future');
    assert.match(res.body.errors[0].message, /innan det har hållits/);
    const twice = meeting({
      participants: [
        { kind: 'unit', unitId: psychiatry(), role: 'Samordnare', attended: true },
        { kind: 'unit', unitId: psychiatry(), role: 'Läkare', attended: true },
      ],
    });
    await refusedWith(sip, meet(sip, twice), 'participants.1.unitId', 'a unit twice');
    assert.equal(await s.database.db.$count(sipMeetings), meetingsBefore + 1);
  });

  test('a meeting needs its fields: a participant without a role, an unknown participation are 400', async () => {
    const sip = await w.active();
    const noRole = meeting({
      participants: [{ kind: 'external', name: 'Skolan', role: '', attended: true }],
    });
    await w.refused(sip, 400, meet(sip, noRole), 'no role');
    await w.refused(sip, 400, meet(sip, meeting({ personsParticipation: 'maybe' })), 'participation');
  });

  test('meetings are recorded by units that take part, while consent is in force', async () => {
    const requested = await w.start();
    await w.refused(requested, 409, meet(requested, meeting({ participants: [] })), 'before consent');
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    await w.refused(sip, 403, meet(sip, meeting(), 'soc.karlstad'), 'invited, not yet answered');
    await w.refused(sip, 404, meet(sip, meeting(), 'soc.arvika'), 'outsider');
  });

  // --- evaluation at closure ---

  const close = (sip: Json, body: unknown) => () =>
    w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/closure`, body);

  test('closing evaluates the goals: whether they were met, what the person says, and the note', async () => {
    const sip = await w.active();
    assert.equal((await putPlan(sip, plan(psychiatry()))()).status, 200);
    const res = await close(sip, {
      reason: 'goalsMet',
      note: 'Personen har eget boende.',
      evaluation: { goalsMet: 'partly', personsView: 'Jag är nöjd med boendet.' },
    })();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.closure, {
      reason: 'goalsMet',
      closedAt: '2026-11-26',
      note: 'Personen har eget boende.',
      evaluation: { goalsMet: 'partly', personsView: 'Jag är nöjd med boendet.' },
    });
  });

  test('a closure without evaluation still works, as before', async () => {
    const sip = await w.active();
    const res = await close(sip, { reason: 'moved' })();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.closure, {
      reason: 'moved',
      closedAt: '2026-11-26',
      note: null,
      evaluation: null,
    });
  });

  test('an evaluation without a plan, or "goals met" with goals not met, is 422 and the SIP stays open', async () => {
    const sip = await w.active();
    const noPlan = { reason: 'other', evaluation: { goalsMet: 'not' } };
    await refusedWith(sip, close(sip, noPlan), 'evaluation', 'no plan');
    assert.equal((await putPlan(sip, plan(psychiatry()))()).status, 200);
    const contradiction = { reason: 'goalsMet', evaluation: { goalsMet: 'not' } };
    await refusedWith(sip, close(sip, contradiction), 'evaluation.goalsMet', 'contradiction');
    await w.refused(sip, 400, close(sip, { reason: 'other', evaluation: { goalsMet: 'mostly' } }), 'mostly');
    assert.equal((await w.snapshot(sip)).status, 'active');
  });
});

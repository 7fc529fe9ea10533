import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  answerBody,
  assertLike,
  assertProblem,
  type DeviationWorld,
  deviationWorld,
  type Json,
  NOW,
  reportBody,
  TODAY,
} from '../helpers/deviation-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// API.md "Deviations": report, read, answer, escalate, decide, close, and what is refused.

const beredning = {
  kind: 'governanceBody',
  id: 'body-17-beredningsgruppen',
  name: 'Beredningsgruppen Nya perspektiv',
};

describe('API: deviations', () => {
  let s: TestServer;
  let w: DeviationWorld;
  before(async () => {
    s = await startTestServer();
    w = deviationWorld(s);
  });
  after(() => s.close());

  describe('the Värmland walk: Arvika reports about the region, up to Beredningsgruppen', () => {
    const body = reportBody({
      title: 'Kallelse till SIP besvarades inte',
      description: 'Vuxenpsykiatrin svarade inte på kallelsen till SIP-mötet inom tre arbetsdagar.',
      concernedPrincipalIds: ['region-17'],
      occurredOn: '2026-11-20',
    });
    const escalation = { reason: 'Åtgärden räcker inte: samma sak har hänt tre gånger i år.' };
    const decision = {
      decision: 'Huvudmännen tar fram en gemensam rutin för kallelser till SIP.',
      outcome: 'routineClarified',
    };
    // Each step walks a deviation of its own up to where it begins.
    const walk = {
      async reported(): Promise<Json> {
        const res = await w.by('soc.arvika')('POST', '/api/deviations', body);
        assert.equal(res.status, 201, res.text);
        w.track(res.body.id, 'soc.arvika');
        return res.body;
      },
      async answered(): Promise<Json> {
        const d = await walk.reported();
        await w.answer('chef.psykiatri.karlstad', d.id);
        return d;
      },
      async escalated(): Promise<Json> {
        const d = await walk.answered();
        await w.escalate('soc.arvika', d.id, escalation.reason);
        return d;
      },
      async closed(): Promise<Json> {
        const d = await walk.escalated();
        await w.decide('beredning.varmland', d.id, decision);
        return d;
      },
    };

    test('soc.arvika reports concerning Region Värmland: 201, level 1, reported, with the managers', async () => {
      const d = await walk.reported();
      assert.equal(typeof d.id, 'string');
      assert.ok(d.id.length > 0);
      assertLike(d, {
        status: 'reported',
        level: 1,
        countyCode: '17',
        title: body.title,
        description: body.description,
        category: 'unansweredInvitation',
        reportedBy: { unitId: await w.unit('soc.arvika') },
        concernedPrincipalIds: ['region-17'],
        assignedTo: { kind: 'manager', id: await w.unit('chef.psykiatri.karlstad') },
        answers: [],
      });
      assert.equal(typeof d.assignedTo.name, 'string');
      assert.ok(d.assignedTo.name.length > 0);
    });

    test('the reporter unit and the receiving manager read it; Beredningsgruppen not yet', async () => {
      const d = await walk.reported();
      const mine = await w.by('soc.arvika')('GET', `/api/deviations/${d.id}`);
      assert.equal(mine.status, 200, mine.text);
      assert.deepEqual(mine.body, d, 'the reporter reads what the report returned');
      // The whole reporting unit, not only the person who wrote it.
      const colleague = await w.by('chef.soc.arvika')('GET', `/api/deviations/${d.id}`);
      assert.equal(colleague.status, 200, colleague.text);
      assert.equal(colleague.body.id, d.id);
      const manager = await w.by('chef.psykiatri.karlstad')('GET', `/api/deviations/${d.id}`);
      assert.equal(manager.status, 200, manager.text);
      assertLike(manager.body, { id: d.id, level: 1, status: 'reported', title: d.title });
      assertProblem(await w.by('beredning.varmland')('GET', `/api/deviations/${d.id}`), 404, 'body before');
    });

    test('chef.psykiatri.karlstad answers: answered, and the reporter sees the investigation, cause and measures', async () => {
      const d = await walk.reported();
      const answer = answerBody();
      const answered = await w.answer('chef.psykiatri.karlstad', d.id, answer);
      assertLike(answered, { id: d.id, status: 'answered', level: 1 });
      const seen = await w.snapshot(d.id);
      assert.equal(seen.status, 'answered');
      assert.equal(seen.answers.length, 1);
      assertLike(seen.answers[0], {
        principalId: 'region-17',
        unitId: await w.unit('chef.psykiatri.karlstad'),
        investigation: answer.investigation,
        cause: answer.cause,
        measures: answer.measures,
      });
    });

    test('soc.arvika escalates with a reason: 200, level 2, assigned to Beredningsgruppen Nya perspektiv', async () => {
      const d = await walk.answered();
      const res = await w.by('soc.arvika')('POST', `/api/deviations/${d.id}/escalation`, escalation);
      assert.equal(res.status, 200, res.text);
      assertLike(res.body, { id: d.id, level: 2, status: 'escalated', assignedTo: beredning });
      // The answers stay with the deviation on its way up.
      assert.equal(res.body.answers.length, 1);
    });

    test('beredning.varmland now sees it and decides with an outcome: closed', async () => {
      const d = await walk.escalated();
      const seen = await w.by('beredning.varmland')('GET', `/api/deviations/${d.id}`);
      assert.equal(seen.status, 200, seen.text);
      assertLike(seen.body, { id: d.id, level: 2, assignedTo: beredning });
      const decided = await w.decide('beredning.varmland', d.id, decision);
      assertLike(decided, { id: d.id, status: 'closed', level: 2, outcome: 'routineClarified' });
      assertLike(await w.snapshot(d.id), { status: 'closed', level: 2, outcome: 'routineClarified' });
    });

    test('a closed deviation cannot be escalated further (409) and stays as it is', async () => {
      const d = await walk.closed();
      for (const username of ['beredning.varmland', 'soc.arvika']) {
        await w.refused(
          d.id,
          409,
          () => w.by(username)('POST', `/api/deviations/${d.id}/escalation`, { reason: 'En gång till.' }),
          `escalation by ${username} after the decision`,
        );
      }
    });
  });

  test('at the top of the ladder escalation is 409 and nothing changes', async () => {
    const d = await w.report('soc.arvika');
    const up = await w.escalate('soc.arvika', d.id, 'Inget svar från psykiatrin.');
    assertLike(up, { level: 2, status: 'escalated', assignedTo: beredning });
    await w.refused(
      d.id,
      409,
      () => w.by('beredning.varmland')('POST', `/api/deviations/${d.id}/escalation`, { reason: 'Vidare.' }),
      'escalation above Beredningsgruppen',
    );
    assertLike(await w.snapshot(d.id), { level: 2, status: 'escalated' });
  });

  test('the reporter closes at level 1 after the answer, with an outcome', async () => {
    const d = await w.report('soc.arvika');
    await w.answer('chef.psykiatri.karlstad', d.id);
    const closed = await w.close('soc.arvika', d.id, {
      outcome: 'measuresTaken',
      comment: 'Rutinen är ändrad.',
    });
    assertLike(closed, { id: d.id, status: 'closed', level: 1, outcome: 'measuresTaken' });
    assertLike(await w.snapshot(d.id), { status: 'closed', outcome: 'measuresTaken' });
    // Closed means closed: no second closure, no answer, no escalation.
    await w.refused(
      d.id,
      409,
      () => w.by('soc.arvika')('POST', `/api/deviations/${d.id}/closure`, { outcome: 'noMeasureNeeded' }),
      'second closure',
    );
  });

  test('closure before every concerned principal has answered is 409; only the reporter closes', async () => {
    const d = await w.report('soc.arvika');
    await w.refused(
      d.id,
      409,
      () => w.by('soc.arvika')('POST', `/api/deviations/${d.id}/closure`, { outcome: 'measuresTaken' }),
      'closure before any answer',
    );
    await w.answer('chef.psykiatri.karlstad', d.id);
    await w.refused(
      d.id,
      403,
      () =>
        w.by('chef.psykiatri.karlstad')('POST', `/api/deviations/${d.id}/closure`, {
          outcome: 'measuresTaken',
        }),
      'closure by the answering manager',
    );
  });

  test('a deviation concerning two principals is answered only when both have answered', async () => {
    const d = await w.report('soc.arvika', { concernedPrincipalIds: ['region-17', 'municipality-1780'] });
    assert.deepEqual([...d.concernedPrincipalIds].sort(), ['municipality-1780', 'region-17']);
    const receivers = [await w.unit('chef.psykiatri.karlstad'), await w.unit('chef.soc.karlstad')].sort();
    assert.deepEqual(d.assignees.map((a: Json) => a.id).sort(), receivers, 'both managers receive it');
    assert.ok(await w.sees('chef.soc.karlstad', d.id));

    const first = await w.answer('chef.psykiatri.karlstad', d.id);
    assert.equal(first.status, 'reported', 'one answer of two');
    assert.deepEqual(first.assignedTo, {
      kind: 'manager',
      id: await w.unit('chef.soc.karlstad'),
      name: first.assignedTo.name,
    });
    await w.refused(
      d.id,
      409,
      () => w.by('soc.arvika')('POST', `/api/deviations/${d.id}/closure`, { outcome: 'measuresTaken' }),
      'closure with one answer of two',
    );
    // The same manager cannot answer twice to make up the count.
    await w.refused(
      d.id,
      409,
      () => w.by('chef.psykiatri.karlstad')('POST', `/api/deviations/${d.id}/answers`, answerBody()),
      'second answer from the same unit',
    );
    const second = await w.answer('chef.soc.karlstad', d.id);
    assert.equal(second.status, 'answered');
    assert.deepEqual(second.answers.map((a: Json) => a.principalId).sort(), [
      'municipality-1780',
      'region-17',
    ]);
    assertLike(await w.close('soc.arvika', d.id), { status: 'closed' });
  });

  test('answers, escalations, decisions and closures are checked against their schema (400)', async () => {
    const d = await w.report('soc.arvika');
    const post = (username: string, what: string, body: unknown) =>
      w.refused(d.id, 400, () => w.by(username)('POST', `/api/deviations/${d.id}/${what}`, body), what);
    await post('chef.psykiatri.karlstad', 'answers', { investigation: 'Utrett.', cause: 'Oklart.' });
    await post('chef.psykiatri.karlstad', 'answers', answerBody({ measures: '  ' }));
    await post('soc.arvika', 'escalation', { reason: '' });
    await post('soc.arvika', 'escalation', {});
    await w.answer('chef.psykiatri.karlstad', d.id);
    await post('soc.arvika', 'closure', { outcome: 'solved' });
    await post('soc.arvika', 'closure', { comment: 'Utan utfall.' });
    await w.escalate('soc.arvika', d.id);
    await post('beredning.varmland', 'decision', { decision: 'Beslut.', outcome: 'whatever' });
    await post('beredning.varmland', 'decision', { outcome: 'routineClarified' });
  });

  test('GET of a deviation that does not exist is 404; without a token 401', async () => {
    assertProblem(await w.by('soc.arvika')('GET', '/api/deviations/no-such-deviation'), 404, 'unknown id');
    const d = await w.report('soc.arvika');
    assertProblem(await s.api('GET', `/api/deviations/${d.id}`, { now: NOW }), 401, 'no token');
    assertProblem(
      await s.api('POST', '/api/deviations', { body: reportBody(), now: NOW }),
      401,
      'report without a token',
    );
  });

  describe('bad input: nothing is stored', () => {
    test('400 when the body does not match the schema', async () => {
      const { title: _, ...noTitle } = reportBody();
      const cases: [string, unknown][] = [
        ['missing title', noTitle],
        ['empty title', reportBody({ title: '   ' })],
        ['not a date', reportBody({ occurredOn: '20 november' })],
        ['impossible date', reportBody({ occurredOn: '2026-02-30' })],
        ['no principals', reportBody({ concernedPrincipalIds: [] })],
        ['principals not a list', reportBody({ concernedPrincipalIds: 'region-17' })],
      ];
      for (const [what, body] of cases) await w.refusedReport('soc.arvika', body, 400, what);
      const rows = await w.counts();
      const res = await w.by('soc.arvika')('POST', '/api/deviations', undefined);
      assert.equal(res.status, 400, 'no body');
      const raw = await s.api('POST', '/api/deviations', {
        token: (await w.user('soc.arvika')).token,
        rawBody: '{"title": ',
        now: NOW,
      });
      assertProblem(raw, 400, 'not JSON');
      assert.deepEqual(await w.counts(), rows);
    });

    test('422 for a category the county does not have', async () => {
      const res = await w.refusedReport(
        'soc.arvika',
        reportBody({ category: 'nonsense' }),
        422,
        'unknown category',
      );
      assert.ok(
        res.body.errors.some((e: Json) => e.path === 'category'),
        res.text,
      );
      // A dispute category is not a deviation category.
      await w.refusedReport('soc.arvika', reportBody({ category: 'costSharing' }), 422, 'dispute category');
    });

    test('422 for a principal of another county, an unknown one, or a user organisation', async () => {
      for (const [what, ids] of [
        ['Region Örebro län', ['region-18']],
        ['a municipality in Sörmland', ['region-17', 'municipality-0484']],
        ['an unknown principal', ['municipality-9999']],
      ] as const) {
        const res = await w.refusedReport(
          'soc.arvika',
          reportBody({ concernedPrincipalIds: ids }),
          422,
          what,
        );
        assert.ok(
          res.body.errors.some((e: Json) => e.path === 'concernedPrincipalIds'),
          res.text,
        );
      }
      // Sörmland has user organisations; a deviation is reported between principals, not about NSPH.
      const res = await w.refusedReport(
        'soc.eskilstuna',
        reportBody({ concernedPrincipalIds: ['principal-04-nsph'] }),
        422,
        'a user organisation',
      );
      assert.ok(
        res.body.errors.some((e: Json) => e.path === 'concernedPrincipalIds'),
        res.text,
      );
    });

    test('422 for an occurredOn in the future; today is fine', async () => {
      const res = await w.refusedReport(
        'soc.arvika',
        reportBody({ occurredOn: '2026-11-27' }),
        422,
        'tomorrow',
      );
      assert.ok(
        res.body.errors.some((e: Json) => e.path === 'occurredOn'),
        res.text,
      );
      // 23:30 UTC on 26 November is already 27 November in Sweden: the 27th is today there.
      const late = await w.report('soc.arvika', { occurredOn: '2026-11-27' }, '2026-11-26T23:30:00Z');
      assert.equal(late.status, 'reported');
      assert.equal((await w.report('soc.arvika', { occurredOn: TODAY })).status, 'reported');
    });
  });
});

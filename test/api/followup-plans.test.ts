import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { type FollowUpWorld, followUpWorld, type Json } from '../helpers/followup-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Indicators entered by hand from national sources, targets, action plans with their reminders, the annual
// report and the calendar: the rules, who may do what, and the Swedish messages.

const NOW = '2026-11-26T10:00:00Z';
const manual = '/api/followup/indicators/indicator-17-personalOmbud/values';

describe('API: hand-entered values, action plans and the annual report', () => {
  let s: TestServer;
  let w: FollowUpWorld;
  const as = (username: string, at = NOW) => w.at(username, at);
  before(async () => {
    s = await startTestServer();
    w = followUpWorld(s);
  });
  after(() => s.close());

  const errorsOf = (res: Json) =>
    Object.fromEntries((res.body.errors ?? []).map((e: Json) => [e.path, e.message]));

  test('a national figure is entered with its period and source; bad input is named field by field in Swedish', async () => {
    const bad = await as('avtal.varmland')('POST', manual, { period: '2025-13', value: -3, source: ' ' });
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(errorsOf(bad), {
      period: 'Ange perioden som ett år (2025) eller en månad (2025-03).',
      value: 'Värdet kan inte vara negativt.',
      source: 'Ange källan, till exempel ”Socialstyrelsen, Öppna jämförelser 2025”.',
    });
    const future = await as('avtal.varmland')('POST', manual, {
      period: '2027',
      value: 10,
      source: 'Länsstyrelsen',
    });
    assert.equal(errorsOf(future).period, 'Perioden har inte börjat än. Ange en period som har varit.');
    const fraction = await as('avtal.varmland')('POST', manual, {
      period: '2026',
      value: 2.5,
      source: 'Länsstyrelsen',
    });
    assert.equal(errorsOf(fraction).value, 'Ett antal är ett heltal.');
    const percent = await as('avtal.orebro')(
      'POST',
      '/api/followup/indicators/indicator-18-participation/values',
      {
        period: '2026',
        value: 101,
        source: 'SKR',
      },
    );
    assert.equal(errorsOf(percent).value, 'En andel anges i procent, från 0 till 100.');
    const computed = await as('avtal.varmland')(
      'POST',
      '/api/followup/indicators/indicator-17-sipsStarted/values',
      {
        period: '2026',
        value: 1,
        source: 'x',
      },
    );
    assert.equal(computed.status, 422);

    const ok = await as('avtal.varmland')('POST', manual, {
      period: '2026',
      value: 190,
      source: 'Länsstyrelsen Värmland 2026',
    });
    assert.equal(ok.status, 201, ok.text);
    const again = await as('avtal.varmland')('POST', manual, {
      period: '2026',
      value: 195,
      source: 'Länsstyrelsen Värmland 2026, rättad',
    });
    assert.equal(again.status, 201, again.text);
    const d = await w.indicators('soc.karlstad', NOW);
    const values = d.personalOmbud.rows.map((r: Json) => [r.key, r.value]);
    assert.deepEqual(values, [
      ['2024', 168],
      ['2025', 181],
      ['2026', 195],
    ]);
    assert.equal(
      d.personalOmbud.sourceName,
      'Länsstyrelsen, redovisning av statsbidrag till personligt ombud',
    );
  });

  test('only agreement administrators enter values; another county’s indicator is 404', async () => {
    const staff = await as('soc.karlstad')('POST', manual, { period: '2026', value: 1, source: 'x' });
    assert.equal(staff.status, 403);
    const other = await as('avtal.orebro')('POST', manual, { period: '2026', value: 1, source: 'x' });
    assert.equal(other.status, 404);
    const shape = await as('avtal.varmland')('POST', manual, { period: '2026', value: 'många', source: 'x' });
    assert.equal(shape.status, 400);
  });

  const newPlan = (overrides: Json = {}) => ({
    title: 'Samordnad utskrivning',
    description: 'Alla utskrivningar planeras tillsammans.',
    origin: 'deviationCompilation',
    originNote: 'Sammanställningen 2026-01-01 – 2026-10-31.',
    owner: { bodyId: 'body-17-beredningsgruppen' },
    startsOn: '2026-12-01',
    endsOn: '2027-06-30',
    ...overrides,
  });

  test('an action plan: made by a member of the owning body, with actions, a done action and notes', async () => {
    const plan = w.ok(await as('beredning.varmland')('POST', '/api/action-plans', newPlan()), 201, 'create');
    assert.equal(plan.status, 'planned');
    const unit = await w.unit('soc.karlstad');
    const withAction = w.ok(
      await as('beredning.varmland')('POST', `/api/action-plans/${plan.id}/actions`, {
        description: 'Gemensam checklista vid utskrivning',
        responsibleUnitId: unit,
        dueOn: '2027-02-15', // not yet overdue when the reminder test runs the jobs
      }),
      201,
      'action',
    );
    const action = withAction.actions[0];
    assert.equal(action.responsible, 'Socialtjänst vuxen, Karlstad, Karlstads kommun');
    const future = await as('beredning.varmland')(
      'POST',
      `/api/action-plans/${plan.id}/actions/${action.id}/done`,
      {
        doneOn: '2026-12-01',
      },
    );
    assert.equal(future.status, 422);
    const noted = w.ok(
      await as('beredning.varmland')('POST', `/api/action-plans/${plan.id}/notes`, {
        on: '2026-11-26',
        text: 'Arbetet har börjat.',
      }),
      201,
      'note',
    );
    assert.equal(noted.notes[0].text, 'Arbetet har börjat.');
    const otherCounty = await as('soc.falun')('GET', `/api/action-plans/${plan.id}`);
    assert.equal(otherCounty.status, 404);
    const read = await as('soc.arvika')('GET', `/api/action-plans/${plan.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.can.edit, false);
  });

  test('who may change a plan: not a member of another body, not staff; an owner outside the county is refused', async () => {
    const rkph = await as('beredning.varmland')('POST', '/api/action-plans/action-plan-17-2/notes', {
      on: '2026-11-26',
      text: 'x',
    });
    assert.equal(rkph.status, 403, rkph.text);
    const staff = await as('soc.karlstad')('POST', '/api/action-plans', newPlan());
    assert.equal(staff.status, 403);
    const elsewhere = await as('avtal.varmland')(
      'POST',
      '/api/action-plans',
      newPlan({ owner: { bodyId: 'body-18-chefsgrupp' } }),
    );
    assert.equal(elsewhere.status, 422);
    assert.equal(errorsOf(elsewhere).owner, 'Välj ett samverkansorgan eller en huvudman i länet.');
    const backwards = await as('avtal.varmland')(
      'POST',
      '/api/action-plans',
      newPlan({ endsOn: '2026-01-01' }),
    );
    assert.equal(errorsOf(backwards).endsOn, 'Planen måste sluta samma dag som den börjar eller senare.');
    // A completed plan takes notes, not new actions, until it is reopened.
    const completed = await as('avtal.varmland')('POST', '/api/action-plans/action-plan-17-3/actions', {
      description: 'Mer',
      responsibleUnitId: await w.unit('soc.karlstad'),
      dueOn: '2027-01-01',
    });
    assert.equal(completed.status, 409);
  });

  test('an overdue action is reminded to its responsible unit, once however often the job runs', async () => {
    const plan = w.ok(await as('beredning.varmland')('POST', '/api/action-plans', newPlan()), 201, 'create');
    w.ok(
      await as('beredning.varmland')('POST', `/api/action-plans/${plan.id}/actions`, {
        description: 'Gemensam checklista vid utskrivning',
        responsibleUnitId: await w.unit('soc.karlstad'),
        dueOn: '2026-12-20',
      }),
      201,
      'action',
    );
    const late = new Date('2027-01-05T06:00:00Z');
    const first = await runJobs({ db: s.database.db, now: late });
    const again = await runJobs({ db: s.database.db, now: late });
    // The demo's action due 2026-12-31, and the one due 2026-12-20 made here.
    assert.equal(first['actionPlan.remindOverdueActions'], 2);
    assert.equal(again['actionPlan.remindOverdueActions'], 0);
    const reminded = await s.database.db
      .select({ unit: notices.recipientUnitId, subject: notices.subjectId })
      .from(notices)
      .where(eq(notices.kind, 'actionPlan.actionOverdue'));
    assert.deepEqual(
      reminded.map((n) => n.unit).sort(),
      [await w.unit('psykiatri.karlstad'), await w.unit('soc.karlstad')].sort(),
    );
  });

  test("the annual report: the body that follows up, the year's action plans by status, the calendar with Örebro's evaluation", async () => {
    // On a server of its own, with the demo's plans and one new this year: the report lists every plan.
    const own = await startTestServer();
    try {
      const w = followUpWorld(own);
      const as = (username: string, at = NOW) => w.at(username, at);
      w.ok(await as('beredning.varmland')('POST', '/api/action-plans', newPlan()), 201, 'a new plan');
      await w.refresh(NOW);
      const report = w.ok(
        await as('psykiatri.karlstad')('GET', '/api/followup/annual-report?year=2026'),
        200,
        'report',
      );
      assert.equal(report.responsible, 'Regional Koordinering Psykisk Hälsa');
      assert.deepEqual(
        report.actionPlans.map((p: Json) => [p.title, p.status]),
        [
          ['Kallelser till SIP besvaras i tid', 'Pågår'],
          ['Samordnad utskrivning', 'Planerad'],
          ['Överenskommelsen och socialtjänstlagen (2025:400)', 'Genomförd'],
        ],
      );
      assert.deepEqual(
        report.calendar.map((c: Json) => [c.on, c.title]),
        [
          ['2027-02-15', 'RKPH:s årliga uppföljning'],
          ['2027-04-20', 'Samverkansdag Nya perspektiv'],
        ],
      );
      // Örebro: the evaluation two years after the agreement came into force (every party adopted 2026-01-01).
      const orebro = w.ok(
        await as('soc.orebro')('GET', '/api/followup/annual-report?year=2026'),
        200,
        'Örebro',
      );
      assert.equal(orebro.responsible, 'Samverkansrådet för folkhälsa, välfärd och vård');
      assert.deepEqual(
        orebro.calendar.map((c: Json) => [c.on, c.title]),
        [
          ['2027-05-12', 'Samverkansdag 2027'],
          ['2028-01-01', 'Utvärdering av samverkan'],
        ],
      );
    } finally {
      await own.close();
    }
  });
});

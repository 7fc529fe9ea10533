import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Db } from '../../src/db/client.ts';
import '../../src/jobs.ts';
import { indicatorFigures, indicatorRefreshes } from '../../src/modules/followup/schema.ts';
import { units, users } from '../../src/modules/organisations/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { deliverOutbox } from '../../src/platform/mail/deliver.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { testTarget } from '../helpers/database.ts';
import { followUpWorld } from '../helpers/followup-world.ts';
import { shortFormRecord } from '../helpers/needs-inventory.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 10, item 6: two instances of Sömlös on one database run every scheduled job at the same moments, at a
// clock moved from January 2027 to December 2030, while the work that makes each job fire is done through the
// API in between. Every notice, every job event and every mail must exist exactly once: the same, cycle by
// cycle, as one instance alone gives on a database of its own with the same history. Each kind of notice must
// fire, so a job that silently did nothing fails the test. On PGlite the "second instance" is the same
// database (one process owns it), so there the test proves the sequential behaviour only.

type World = ReturnType<typeof followUpWorld> & { ids: Record<string, string[]>; db: () => Db };
type Step = { on: string; act?: (w: World, on: string) => Promise<void> };

const day = (on: string) => `${on}T09:00:00Z`;
// The jobs run after the day's work, every runner at the same instant.
const jobsAt = (on: string) => new Date(`${on}T11:00:00Z`);

/** The work of 2027: SIPs, deviations, an action plan, a local agreement, an inventory round, password links. */
async function begin(w: World, on: string) {
  const call = (username: string) => w.at(username, day(on));
  const socKarlstad = await w.unit('soc.karlstad');
  for (let i = 0; i < 6; i++) {
    const sip = await w.startSip('psykiatri.karlstad', on);
    await w.consent('psykiatri.karlstad', sip, on, ['region-17', 'municipality-1780']);
    // Half are convened (their invitations go unanswered), half never are.
    if (i % 2 === 0)
      for (let k = 0; k < 3; k++) await w.invite('psykiatri.karlstad', sip, on, socKarlstad, '2027-01-25');
  }
  for (let i = 0; i < 4; i++) {
    const d = w.ok(
      await call('soc.arvika')('POST', '/api/deviations', {
        title: 'Kallelse till SIP besvarades inte',
        description: 'Socialtjänsten kallade psykiatrin till ett SIP-möte. Kallelsen besvarades inte i tid.',
        category: 'unansweredInvitation',
        concernedPrincipalIds: i % 2 ? ['region-17', 'municipality-1780'] : ['region-17'],
        occurredOn: on,
      }),
      201,
      'deviation',
    );
    w.ids.deviations!.push(d.id);
  }
  await actionPlan(w, on);
  await localAgreement(w, on);
  const round = w.ok(
    await call('avtal.sormland')('POST', '/api/needs-inventories', {
      title: 'Behovsinventering 2027',
      periodStart: '2027-02-01',
      periodEnd: '2027-03-31',
      formId: 'skl-kortversion-2015',
      coordinatorBodyId: 'body-04-bgp',
      unitIds: [
        await w.unit('soc.eskilstuna'),
        await w.unit('boendestod.eskilstuna'),
        await w.unit('soc.nykoping'),
      ],
      instructions: 'Socialtjänsten registrerar den som båda känner.',
    }),
    201,
    'inventory round',
  );
  w.ids.round = [round.id];
  await passwordResets(w, on, resetsFirst);
}

async function actionPlan(w: World, on: string) {
  const call = w.at('beredning.varmland', day(on));
  const plan = w.ok(
    await call('POST', '/api/action-plans', {
      title: 'Samordnad utskrivning',
      description: 'Alla utskrivningar planeras tillsammans.',
      origin: 'deviationCompilation',
      originNote: 'Sammanställningen 2026.',
      owner: { bodyId: 'body-17-beredningsgruppen' },
      startsOn: on,
      endsOn: '2029-12-31',
    }),
    201,
    'action plan',
  );
  const due: [string, string][] = [
    ['soc.karlstad', '2027-03-01'],
    ['psykiatri.karlstad', '2027-06-30'],
    ['soc.arvika', '2027-12-31'],
    ['soc.karlstad', '2028-06-30'],
    ['psykiatri.karlstad', '2029-06-30'],
    ['soc.arvika', '2028-12-31'], // done in time, never reminded
  ];
  for (const [username, dueOn] of due) {
    const withAction = w.ok(
      await call('POST', `/api/action-plans/${plan.id}/actions`, {
        description: `Åtgärd till ${dueOn}`,
        responsibleUnitId: await w.unit(username),
        dueOn,
      }),
      201,
      'action',
    );
    w.ids.actions!.push(withAction.actions.at(-1).id);
  }
  w.ids.plan = [plan.id];
}

/** Eskilstuna's local agreement, in force from 2027-02-01: followed up every 24 months, notice by 2030-06-30. */
async function localAgreement(w: World, on: string) {
  const call = w.at('avtal.sormland', day(on));
  const local = w.ok(
    await call('POST', '/api/agreements/agreement-04/local-agreements', {
      title: 'Lokal överenskommelse Eskilstuna',
      scope: 'Eskilstuna kommun',
      principalIds: ['municipality-0484'],
    }),
    201,
    'local agreement',
  );
  const v1 = `/api/agreements/${local.id}/versions/1`;
  w.ok(
    await call('PUT', `${v1}/terms`, {
      startsOn: '2027-02-01',
      endsOn: '2030-12-31',
      noticeMonths: 6,
      extensionMonths: 12,
      noticeRecipient: 'Styrgruppen',
      changeNote: null,
    }),
    200,
    'terms',
  );
  w.ok(await call('POST', `${v1}/decision`), 200, 'decision');
  for (const principalId of ['region-04', 'municipality-0484'])
    w.ok(
      await call('POST', `${v1}/adoptions`, {
        principalId,
        decidedOn: on,
        body: principalId.startsWith('region') ? 'Regionstyrelsen' : 'Socialnämnden',
        reference: `Dnr ${principalId}`,
      }),
      200,
      principalId,
    );
}

// Password links asked for by the county administrator: each is a mail in the outbox.
const resetsFirst = ['soc.arvika', 'soc.karlstad', 'psykiatri.karlstad'];
const resetsLater = ['soc.arvika', 'chef.soc.karlstad'];

async function passwordResets(w: World, on: string, usernames: string[]) {
  const db = w.db();
  const found = await db.select({ id: users.id }).from(users).where(inArray(users.username, usernames));
  assert.equal(found.length, usernames.length);
  for (const { id } of found)
    w.ok(
      await w.at('admin.varmland', day(on))('POST', `/api/admin/accounts/${id}/password-reset`, {}),
      202,
      id,
    );
}

async function escalate(w: World, on: string) {
  for (const id of w.ids.deviations!.slice(0, 2))
    w.ok(
      await w.at('soc.arvika', day(on))('POST', `/api/deviations/${id}/escalation`, {
        reason: 'Regionen har inte svarat.',
      }),
      200,
      'escalation',
    );
}

const record = shortFormRecord('0484');

async function openRound(w: World, on: string) {
  await advanceRound('collecting')(w, on);
  const path = `/api/needs-inventories/${w.ids.round![0]}/records`;
  w.ok(await w.at('soc.eskilstuna', day(on))('POST', path, record), 201, 'record');
}

async function actionDone(w: World, on: string) {
  const path = `/api/action-plans/${w.ids.plan![0]}/actions/${w.ids.actions!.at(-1)}/done`;
  w.ok(await w.at('beredning.varmland', day(on))('POST', path, { doneOn: on }), 200, 'done');
  await passwordResets(w, on, resetsLater);
}

const advanceRound = (status: string) => async (w: World, on: string) => {
  w.ok(
    await w.at('bgp.sormland', day(on))('POST', `/api/needs-inventories/${w.ids.round![0]}/status`, {
      status,
    }),
    200,
    status,
  );
};

const quiet = (...days: string[]): Step[] => days.map((on) => ({ on }));

// The days the jobs run, and the work done through the API on some of them. What each day brings is in the
// comment; the test asserts only that one instance and two give the same, and that every kind came.
const steps: Step[] = [
  { on: '2027-01-11', act: begin }, // the demo's action due 2026-12-31
  ...quiet('2027-01-14'), // the invitations' last day to answer: nothing yet
  ...quiet('2027-01-15'), // invitations reminded and flagged
  { on: '2027-02-01', act: openRound }, // the round collects
  ...quiet('2027-02-11'), // deviations overdue at level 1; SIPs not convened in 30 days
  { on: '2027-02-15', act: escalate },
  ...quiet('2027-03-02', '2027-03-18'), // an action overdue; deviations overdue at level 2
  ...quiet('2027-03-24'), // a week before the round ends
  { on: '2027-04-05', act: advanceRound('interpreting') },
  { on: '2027-05-17', act: advanceRound('reported') },
  { on: '2028-03-01', act: actionDone }, // two actions overdue since the last run
  ...quiet('2028-07-01', '2028-10-01'), // warnings before the county agreements' notice deadline
  ...quiet('2029-02-02', '2029-07-01'), // the local agreement's follow-up; another action
  ...quiet('2030-05-17'), // both warnings before the local agreement's deadline; the next inventory is due
  ...quiet('2030-12-31'),
];

type Sent = { text: string; to: string; messageId: string };
type Played = { workDone: Record<string, number>[]; mailsSent: Sent[] };

/**
 * Plays the steps on a server: each day's work through the API, then every runner runs every job and delivers
 * the outbox at the same instant. Returns what the runners said they did each day, added up.
 */
async function play(s: TestServer, runners: Db[]): Promise<Played> {
  const w: World = Object.assign(followUpWorld(s), {
    ids: { deviations: [], actions: [] } as Record<string, string[]>,
    db: () => s.database.db,
  });
  const mailsSent: Sent[] = [];
  const transport = {
    sendMail: async (m: Sent) => {
      mailsSent.push({ text: m.text, to: m.to, messageId: m.messageId });
    },
  } as unknown as Transporter;
  const workDone: Record<string, number>[] = [];
  for (const step of steps) {
    if (step.act) await step.act(w, step.on);
    const now = jobsAt(step.on);
    const done = await Promise.all(
      runners.map(
        async (db) =>
          (
            await Promise.all([runJobs({ db, now }), deliverOutbox(db, transport, now, { publicUrl: s.url })])
          )[0],
      ),
    );
    const sum: Record<string, number> = {};
    for (const d of done) for (const [job, n] of Object.entries(d)) sum[job] = (sum[job] ?? 0) + n;
    workDone.push(sum);
  }
  // The mail the last day's jobs queued while the runners were sending goes an hour later, by every runner at once.
  const last = new Date(jobsAt(steps.at(-1)!.on).getTime() + 3600_000);
  await Promise.all(runners.map((db) => deliverOutbox(db, transport, last, { publicUrl: s.url })));
  return { workDone, mailsSent };
}

/** What the jobs left, in terms that do not depend on the random ids: comparable between two databases. */
async function outcome(db: Db) {
  // Unit ids are random; a unit is known by its principal and name in both databases.
  const noticeRows = await db
    .select({
      kind: notices.kind,
      unit: sql<string>`coalesce(${units.principalId} || '/' || ${units.name}, ${notices.recipientUnitId})`,
      at: notices.createdAt,
    })
    .from(notices)
    .leftJoin(units, eq(units.id, notices.recipientUnitId))
    .orderBy(asc(notices.createdAt), asc(notices.kind));
  const jobEvents = await db
    .select({ type: events.type, at: events.at, subjectId: events.subjectId, data: events.data })
    .from(events)
    .where(inArray(events.type, jobEventTypes))
    .orderBy(asc(events.at), asc(events.type));
  const figures = await db
    .select({
      county: indicatorFigures.countyCode,
      measure: indicatorFigures.measure,
      period: indicatorFigures.period,
      n: sql<number>`sum(${indicatorFigures.n})::int`,
    })
    .from(indicatorFigures)
    .groupBy(indicatorFigures.countyCode, indicatorFigures.measure, indicatorFigures.period)
    .orderBy(indicatorFigures.countyCode, indicatorFigures.measure, indicatorFigures.period);
  const refreshes = await db
    .select({ county: indicatorRefreshes.countyCode, version: indicatorRefreshes.version })
    .from(indicatorRefreshes)
    .orderBy(indicatorRefreshes.countyCode);
  const mail = await db
    .select({
      sentAt: outbox.sentAt,
      body: outbox.body,
      messageId: outbox.messageId,
      passwordLinkId: outbox.passwordLinkId,
      notificationId: outbox.notificationId,
      toAddress: outbox.toAddress,
      dedupeKey: outbox.dedupeKey,
    })
    .from(outbox);
  return { noticeRows, jobEvents, figures, refreshes, mail };
}
type Outcome = Awaited<ReturnType<typeof outcome>>;

// The events the jobs write, and what makes each one unique: a job that acted twice would write two alike.
const jobEventTypes = [
  'sip.invitationReminded',
  'deviation.overdue',
  'actionPlan.actionOverdue',
  'needsInventory.reminded',
];
const eventIdentity = (e: Outcome['jobEvents'][number]) =>
  `${e.type}:${e.subjectId}:${e.data.invitationId ?? ''}:${e.data.level ?? ''}:${e.data.actionId ?? ''}:${e.data.dueOn ?? ''}:${e.data.kind ?? ''}`;

const noticeKinds = [
  'sip.invitationReminder',
  'sip.invitationUnanswered',
  'sip.notConvened',
  'deviation.overdue',
  'agreement.noticeDeadline',
  'agreement.followUpDue',
  'actionPlan.actionOverdue',
  'needsInventory.collecting',
  'needsInventory.closing',
  'needsInventory.nextDue',
  // The discharge job's flag, and the notices the base demo's stays were made with (the demo plays them through
  // the discharge use cases, which notify as they go).
  'discharge.sipNotCalled',
  'discharge.admissionNotice',
  'discharge.ready',
  'discharge.readyRevoked',
  'discharge.discharged',
];

const countBy = <T>(rows: T[], key: (row: T) => string) => {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return counts;
};
/** Notices per kind, recipient unit and moment: when and to whom each kind fired. */
const timeline = (o: Outcome) => countBy(o.noticeRows, (n) => `${n.at.toISOString()} ${n.kind} ${n.unit}`);

describe(`two instances running the scheduled jobs on one database (${testTarget})`, () => {
  const servers: TestServer[] = [];
  let two: Played & Outcome;
  let one: Played & Outcome;
  // On PostgreSQL three runners on two connection pools: two instances, the second running the jobs twice at
  // once. PGlite is one connection in this process, so a third runner there would only wait its turn.
  const runners = testTarget === 'postgres' ? 3 : 2;

  before(async () => {
    // The two histories are independent (a database each), so they are played side by side.
    const [shared, alone] = await Promise.all([startTestServer(), startTestServer()]);
    servers.push(shared, alone);
    const second = await shared.database.secondInstance();
    const pools = [shared.database.db, second.db, second.db].slice(0, runners);
    const [a, b] = await Promise.all([play(shared, pools), play(alone, [alone.database.db])]);
    two = { ...a, ...(await outcome(shared.database.db)) };
    one = { ...b, ...(await outcome(alone.database.db)) };
  });
  after(() => Promise.all(servers.map((s) => s.close())));

  test('every kind of notice fires, and every job that writes events writes them', (t) => {
    const kinds = countBy(two.noticeRows, (n) => n.kind);
    for (const kind of noticeKinds) assert.ok((kinds[kind] ?? 0) > 0, `no ${kind} notice was created`);
    assert.deepEqual(Object.keys(kinds).sort(), [...noticeKinds].sort(), 'a kind this test does not know');
    const types = countBy(two.jobEvents, (e) => e.type);
    for (const type of jobEventTypes) assert.ok((types[type] ?? 0) > 0, `no ${type} event`);
    t.diagnostic(`${steps.length} days, ${runners} runners on ${testTarget}`);
    t.diagnostic(`notices: ${two.noticeRows.length} ${JSON.stringify(kinds)}`);
    t.diagnostic(`job events: ${two.jobEvents.length} ${JSON.stringify(types)}`);
  });

  test('no job event is written twice', (t) => {
    const ids = two.jobEvents.map(eventIdentity);
    const duplicates = ids.length - new Set(ids).size;
    t.diagnostic(`duplicate job events: ${duplicates}`);
    assert.equal(duplicates, 0);
  });

  test('the notices the runners say they created add up to those that exist: none counted by two', () => {
    const created = countBy(two.noticeRows, (n) => n.at.toISOString());
    steps.forEach((step, i) => {
      const now = jobsAt(step.on).toISOString();
      // The figures, and the mail about work (notifications/: not notices), are counted elsewhere.
      const said = Object.entries(two.workDone[i]!)
        .filter(([job]) => job !== 'followUp.refreshFigures' && !job.startsWith('notifications.'))
        .reduce((a, [, n]) => a + n, 0);
      assert.equal(said, created[now] ?? 0, `notices on ${step.on}`);
    });
  });

  test('each county’s figures are computed once a day, by one runner', () => {
    const countyCount = two.refreshes.length;
    assert.ok(countyCount >= 4, 'every county has its figures');
    steps.forEach((step, i) => {
      assert.equal(two.workDone[i]!['followUp.refreshFigures'], countyCount, step.on);
    });
    for (const r of two.refreshes) assert.equal(r.version, steps.length, `county ${r.county}`);
  });

  test('every mail in the outbox is sent once: password links, and the notices’ mail', (t) => {
    const links = two.mail.filter((m) => m.passwordLinkId);
    const notices = two.mail.filter((m) => !m.passwordLinkId);
    t.diagnostic(
      `mails: ${two.mail.length} in the outbox (${notices.length} about work), ${two.mailsSent.length} sent`,
    );
    assert.equal(links.length, resetsFirst.length + resetsLater.length, 'one mail per password link');
    assert.ok(notices.length > 0, 'the notices were mailed');
    assert.ok(two.mail.every((m) => m.sentAt !== null));
    assert.equal(two.mailsSent.length, two.mail.length, 'as many sent as there are in the outbox');
    const ids = two.mailsSent.map((m) => m.messageId);
    assert.equal(new Set(ids).size, ids.length, 'no Message-ID went twice');
    assert.deepEqual(ids.sort(), two.mail.map((m) => m.messageId).sort(), 'each row’s Message-ID went once');
    const keys = notices.map((m) => m.dedupeKey);
    assert.equal(new Set(keys).size, keys.length, 'no notice mailed twice to an address');
    // The outbox holds a password link masked; the sent mail has the token in its place.
    const masked = two.mailsSent.map((m) =>
      m.text.replace(/\/losenord\/[A-Za-z0-9_-]+/, '/losenord/••••••••'),
    );
    const bodies = links.map((m) => m.body);
    assert.deepEqual(
      masked.filter((text) => bodies.includes(text)).sort(),
      bodies.sort(),
      'each password link’s mail went',
    );
  });

  test('the same notices, events, mail and figures, on the same days, as one instance alone', (t) => {
    const a = timeline(two);
    const b = timeline(one);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const extra = keys.reduce((n, k) => n + Math.max(0, (a[k] ?? 0) - (b[k] ?? 0)), 0);
    const missing = keys.reduce((n, k) => n + Math.max(0, (b[k] ?? 0) - (a[k] ?? 0)), 0);
    t.diagnostic(`notices: ${two.noticeRows.length} with two instances, ${one.noticeRows.length} with one`);
    t.diagnostic(`duplicated: ${extra}, missing: ${missing}`);
    t.diagnostic(`per kind alone: ${JSON.stringify(countBy(one.noticeRows, (n) => n.kind))}`);
    const differing = keys.filter((k) => a[k] !== b[k]).map((k) => `${k}: ${a[k] ?? 0}, alone ${b[k] ?? 0}`);
    assert.deepEqual(differing, [], 'notices that differ by kind, recipient or day');
    const eventsByDay = (o: Outcome) => countBy(o.jobEvents, (e) => `${e.at.toISOString()} ${e.type}`);
    assert.deepEqual(eventsByDay(two), eventsByDay(one));
    assert.deepEqual(two.figures, one.figures);
    assert.deepEqual(two.refreshes, one.refreshes);
    assert.equal(two.mailsSent.length, one.mailsSent.length);
    assert.deepEqual(two.workDone, one.workDone, 'what was done each day');
  });
});

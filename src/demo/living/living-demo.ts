import { and, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { refreshCountyFigures } from '../../modules/followup/index.ts';
import { loadNotificationDemo } from '../../modules/notifications/demo.ts';
import { bodyId } from '../../modules/organisations/index.ts';
import { events } from '../../platform/events/schema.ts';
import { playActionPlans } from './action-plan-stories.ts';
import { type DeviationScript, type DisputeScript, playDeviation, playDispute } from './case-stories.ts';
import { atHour, dayAfter, rng, seedOf } from './random.ts';
import { playSip, type SipScript } from './sip-stories.ts';
import { type CountyWorld, countyWorld, type Party } from './world.ts';

/**
 * The living demo (issue 28): two years of work in every demo county up to the demo's "now", played through the
 * same use cases the product uses, each at its own moment, by the demo accounts. A seeded generator decides what
 * happens, so the same seed and "now" give the same demo. Every month has its new SIPs, deviations and disputes;
 * a few showcase stories just before "now" make sure that every stage is there today. Then each county's
 * follow-up figures are computed, so its dashboards show them at once.
 *
 * The base demo (load-demo.ts: accounts, agreements, follow-up plans) is what the test suite loads; this is
 * played on top of it by `npm start` (main.ts, in the background while the server answers) and by the tests that
 * are about it. A county that already has work (a SIP, deviation or dispute) is left as it is.
 */
export type DemoActivityOptions = {
  now: Date;
  publicUrl: string;
  seed?: number;
  /** Asked between two months of history: true stops the filling (the server is shutting down). */
  stopping?: () => boolean;
};

/** Per county: the municipalities of the README's accounts, and the body that owns the action plans. */
const livingCounties = [
  { code: '17', main: ['Karlstad', 'Arvika'], owner: 'beredningsgruppen' },
  { code: '18', main: ['Örebro'], owner: 'chefsgrupp' },
  { code: '04', main: ['Eskilstuna'], owner: 'lansstyrgruppen' },
  { code: '20', main: ['Falun'], owner: 'styrgrupp' },
];

/** Two years: 24 windows of 30 days, the last ending at "now". */
const months = 24;
const windowDays = 30;

/**
 * Plays the living demo into each demo county without work, a month of one county per transaction (so that on the
 * embedded database requests are served between them); returns the counties filled.
 */
export async function fillDemoActivity(db: Db, opts: DemoActivityOptions): Promise<string[]> {
  // The use cases go through the access layer, whose rules the manifests register (as buildApp does).
  await import('../../jobs.ts');
  const filled: string[] = [];
  for (const c of livingCounties) {
    if (opts.stopping?.() || (await countiesWithWork(db, [c.code])).length) continue;
    const w = await countyWorld(db, {
      code: c.code,
      now: opts.now,
      r: rng(seedOf(c.code, opts.seed ?? 2026)),
      main: c.main,
      publicUrl: opts.publicUrl,
    });
    for (let month = months - 1; month >= 0; month--) {
      if (opts.stopping?.()) return filled;
      await inTransaction(db, (tx) => playMonth(w.in(tx), month));
      // The embedded database answers in microtasks: without a turn of the event loop, no request would get in.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await inTransaction(db, async (tx) => {
      await playShowcase(w.in(tx));
      const owner = bodyId(c.code, c.owner);
      const units = [w.region, w.readmeMunicipality];
      await playActionPlans(w.in(tx), { bodyId: owner, member: w.memberOf(owner) }, units);
      await refreshCountyFigures(tx, c.code, opts.now);
      // From now on the county mails new work at once, as the base demo's counties do.
      await loadNotificationDemo(tx, [c.code], opts.now);
    });
    filled.push(c.code);
  }
  return filled;
}

/**
 * Of the counties, those with any work: a SIP requested or a deviation reported. Not a dispute: the base demo's
 * discharge stays open one (a municipality disputing a paid day), and that is no history.
 */
export async function countiesWithWork(db: Db, countyCodes: string[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ countyCode: events.countyCode })
    .from(events)
    .where(
      and(
        inArray(events.countyCode, countyCodes),
        inArray(events.type, ['sip.requested', 'deviation.reported']),
      ),
    );
  return countyCodes.filter((code) => rows.some((r) => r.countyCode === code));
}

/**
 * `npm start`'s living demo: filled in the background, logged when done (`finished`, which never rejects); `stop`
 * lets the month being played finish and fills no more (what was played stays; the rest of that county's history
 * does not come).
 */
export function startDemoActivity(
  db: Db,
  opts: Omit<DemoActivityOptions, 'stopping'>,
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
): { finished: Promise<void>; stop(): Promise<void> } {
  let stopping = false;
  const started = performance.now();
  const done = fillDemoActivity(db, { ...opts, stopping: () => stopping }).then(
    (counties) => {
      if (counties.length)
        log.info({ counties, ms: Math.round(performance.now() - started) }, 'demo history filled in');
    },
    (err: unknown) => log.error({ err }, 'demo history failed'),
  );
  return {
    finished: done,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

/** A moment in the window `month` windows before "now", on a working-day hour, never after "now". */
function momentIn(w: CountyWorld, month: number): Date {
  const day = dayAfter(w.now, -(month * windowDays + w.r.int(1, windowDays)));
  return atHour(day, w.r.int(8, 15), w.r.pick([0, 15, 30, 45]));
}

/** A municipality's adult social services: one of the README's most of the time, any other now and then. */
const someMunicipality = (w: CountyWorld): Party =>
  w.r.chance(0.6) ? w.r.pick(w.municipalities.filter((m) => m.main)) : w.r.pick(w.municipalities);

/** The other units of a municipality's that a SIP may invite besides its social services (housing support). */
const withOtherUnits = (w: CountyWorld, p: Party): Party[] => [
  p,
  ...w.otherUnits.filter((o) => o.principalId === p.principalId && w.r.chance(0.4)),
];

/**
 * The level a case ends at, in turn: level 1 most often, the top of the ladder now and then (capped at the
 * county's own top), so that every level has its decided cases in every year.
 */
const levelOf = (n: number) => [1, 2, 1, 3, 1, 2, 4][n % 7]!;

/**
 * One month's new work. The volumes are what the dashboards need (at least five observations of each indicator
 * in a year, or they hide it) and little more, since every step is a real use case: a SIP a month, two in three
 * for a person with children, one a year closed without consent and one with the consent withdrawn; a deviation a
 * month; a dispute every other month.
 */
async function playMonth(w: CountyWorld, month: number): Promise<void> {
  const fate = month % 12 === 5 ? 'noConsent' : month % 12 === 9 ? 'withdrawn' : 'full';
  await playSip(w, sipScript(w, momentIn(w, month), { fate, children: month % 3 !== 1 }));
  await playDeviation(w, deviationScript(w, momentIn(w, month), { level: levelOf(month) }));
  if (month % 2 === 0)
    await playDispute(w, disputeScript(w, momentIn(w, month), { level: levelOf(month / 2) }));
}

/** The deviation categories, the common ones most often (as in the seeds' compilations). */
const categories = [
  'unansweredInvitation',
  'unansweredInvitation',
  'unansweredInvitation',
  'dischargeInformation',
  'dischargeInformation',
  'unclearResponsibility',
  'sipNotHeld',
  'agreementNotFollowed',
  'other',
];

function sipScript(w: CountyWorld, start: Date, over: Partial<SipScript> = {}): SipScript {
  const { r } = w;
  const municipality = someMunicipality(w);
  const byRegion = r.chance(0.5);
  return {
    start,
    convener: byRegion ? w.region : municipality,
    others: byRegion ? withOtherUnits(w, municipality) : [w.region],
    fate: 'full',
    children: r.chance(0.5),
    ...over,
  };
}

function deviationScript(w: CountyWorld, at: Date, over: Partial<DeviationScript> = {}): DeviationScript {
  const { r } = w;
  const municipality = someMunicipality(w);
  const byRegion = r.chance(0.4);
  return {
    at,
    reporter: byRegion ? w.region : municipality,
    concerned: byRegion ? [municipality] : [w.region],
    category: r.pick(categories),
    level: 1,
    ...over,
  };
}

function disputeScript(w: CountyWorld, at: Date, over: Partial<DisputeScript> = {}): DisputeScript {
  const { r } = w;
  const municipality = someMunicipality(w);
  const byRegion = r.chance(0.5);
  return {
    at,
    opener: byRegion ? w.region : municipality,
    counterpart: byRegion ? municipality : w.region,
    kind: r.chance(0.6) ? 'individualCase' : 'interpretation',
    level: 1,
    ...over,
  };
}

/**
 * Stories that make every stage visible today, between the README's accounts: a SIP requested yesterday, one with
 * consent, two invited to a meeting ahead (one each way, the answers still to give) and one planned; a deviation
 * each way waiting for its answer, and a dispute in dialogue.
 */
async function playShowcase(w: CountyWorld): Promise<void> {
  const main = w.readmeMunicipality;
  const region = { convener: w.region, others: [main] };
  const municipality = { convener: main, others: [w.region] };
  const ago = (days: number) => atHour(dayAfter(w.now, -days), 9, 30);
  const sips: Partial<SipScript>[] = [
    { ...region, start: ago(1), until: 'requested' },
    { ...municipality, start: ago(4), until: 'consent', quick: true },
    { ...region, start: ago(6), until: 'invited', quick: true },
    { ...municipality, start: ago(5), until: 'invited', quick: true },
    { ...region, start: ago(50), until: 'planned', quick: true },
  ];
  for (const s of sips) await playSip(w, sipScript(w, s.start!, s));
  await playDeviation(w, deviationScript(w, ago(2), { reporter: main, concerned: [w.region] }));
  await playDeviation(w, deviationScript(w, ago(1), { reporter: w.region, concerned: [main] }));
  await playDispute(w, disputeScript(w, ago(8), { opener: main, counterpart: w.region, level: 2 }));
}

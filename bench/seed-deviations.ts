// Seeds what the deviation scenarios load: 10 000 deviations in Värmland (county 17) reported over the last two
// years by the county's staff, each concerning one or two principals, with the path the county's ladder gives
// (level 1 the managers, level 2 Beredningsgruppen Nya perspektiv), answers, escalations, decisions and
// closures to match their state, and the overdue flags the job would have set. Also 50 bench members of the
// Beredningsgruppen, each with a web session. The benchmark calls seedDeviations() after seedSips(), before the
// measured start; on its own, `DATABASE_URL=… node bench/seed-deviations.ts` or `DATA_DIR=… node
// bench/seed-deviations.ts` (server stopped, for PGlite) seeds a database that has the demo data.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, openDatabase, queryRows } from '../src/db/client.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { loadDemoData } from '../src/demo/load-demo.ts';
import type { DeviationOutcome, DeviationStatus } from '../src/modules/deviations/schema.ts';
import { type PathLevel, planEscalationPath, resolveReceivers } from '../src/modules/organisations/ladder.ts';
import { bodyId, municipalityId, regionId } from '../src/modules/organisations/load-reference.ts';
import {
  caseCategories,
  counties,
  governanceBodyMembers,
  userRoles,
  users,
} from '../src/modules/organisations/schema.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { addDays } from '../src/platform/calendar/working-days.ts';
import { isoDate } from '../src/platform/clock.ts';
import {
  countyCode,
  day,
  existingColumns,
  insertRows,
  mulberry32,
  personName,
  population,
  type Row,
} from './seed-sips.ts';

export const deviationCount = 10_000;
/** The body the scenarios read as, its demo member, and how many bench members it gets (one a connection). */
export const benchBody = {
  id: bodyId(countyCode, 'beredningsgruppen'),
  name: 'Beredningsgruppen Nya perspektiv',
  demoUser: 'beredning.varmland',
};
const memberCount = 50;
export const benchMembers = () =>
  Array.from(
    { length: memberCount },
    (_, i) => `bench.${benchBody.demoUser}.${String(i + 1).padStart(2, '0')}`,
  );

export type MemberSession = { username: string; webToken: string };
export type DeviationSeedSummary = {
  deviations: number;
  byStatus: Record<DeviationStatus, number>;
  /** Deviations whose path has reached the body: the body's members see them (API.md "Deviations"). */
  visibleToBody: number;
  entries: number;
  notices: number;
  users: number;
  /** A web session for each bench member, opened as a login would once the password is checked. */
  sessions: MemberSession[];
  ms: number;
};

/** Opens the database, seeds it and closes it; for PGlite the server must not be running. */
export async function seedDeviations(target: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<DeviationSeedSummary> {
  const started = performance.now();
  const database = await openDatabase(target);
  try {
    await database.migrate();
    await loadDemoData(database.db);
    const summary = await seed(database.db, new Date());
    await database.db.execute(sql`analyze`);
    return { ...summary, ms: performance.now() - started };
  } finally {
    await database.close();
  }
}

type Person = { userId: string; unitId: string };
type Deviation = Row & { id: string; reported_at: Date; level: number; status: DeviationStatus };

async function seed(db: Db, now: Date): Promise<Omit<DeviationSeedSummary, 'ms'>> {
  const random = mulberry32(1717);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const chance = (p: number) => random() < p;

  return inTransaction(db, async (tx) => {
    const columns = await existingColumns(tx);
    const insert = (table: string, rows: Row[]) => insertRows(tx, columns, table, rows);
    const [already] = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.username, benchMembers()));
    if (already) throw new Error('this database already has the bench members and deviations');

    // Who reports: the staff of the region's and the municipalities' units in the county (the demo's accounts,
    // and those seed-sips.ts added when it ran first), grouped by principal and unit.
    const staff = await queryRows<{ user_id: string; unit_id: string; principal_id: string }>(
      tx,
      sql`select u.id as user_id, u.unit_id, un.principal_id from users u
        join user_roles r on r.user_id = u.id and r.role = 'staff'
        join units un on un.id = u.unit_id
        join principals p on p.id = un.principal_id
        where p.county_code = ${countyCode} and p.kind in ('region', 'municipality') and u.active
        order by u.username`,
    );
    const staffOf = new Map<string, Map<string, Person[]>>();
    for (const s of staff) {
      const units = staffOf.get(s.principal_id) ?? new Map<string, Person[]>();
      units.set(s.unit_id, [...(units.get(s.unit_id) ?? []), { userId: s.user_id, unitId: s.unit_id }]);
      staffOf.set(s.principal_id, units);
    }
    const region = regionId(countyCode);
    const municipalities = Object.keys(population).map(municipalityId);
    for (const p of [region, ...municipalities])
      if (!staffOf.has(p)) throw new Error(`no staff for ${p}; was the demo data loaded?`);

    // Who receives at level 1: the unit reportDeviation would pick (the principal's configured receiver, the
    // unit of its demo manager), and the manager there who answers.
    const receivers = await resolveReceivers(tx, [region, ...municipalities]);
    const managers = await tx
      .select({ userId: users.id, unitId: users.unitId })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'manager')))
      .where(inArray(users.unitId, [...receivers.values()]))
      .orderBy(users.username);
    const managerOf = (unitId: string): Person => {
      const m = managers.find((x) => x.unitId === unitId);
      if (!m) throw new Error(`no manager in receiving unit ${unitId}`);
      return m;
    };

    // The county's categories and answer days, as a report reads them.
    const categories = (
      await tx
        .select({ key: caseCategories.key })
        .from(caseCategories)
        .where(
          and(
            eq(caseCategories.countyCode, countyCode),
            eq(caseCategories.caseKind, 'deviation'),
            eq(caseCategories.active, true),
          ),
        )
        .orderBy(caseCategories.position)
    ).map((c) => c.key);
    if (categories.length === 0) throw new Error('Värmland has no deviation categories');
    const [county] = await tx.select().from(counties).where(eq(counties.code, countyCode));
    const answerDays = county!.deviationAnswerDays;

    // The bench members: in the demo member's unit, with the governance role and membership in the body.
    const [demoMember] = await tx
      .select({ id: users.id, unitId: users.unitId, hash: users.passwordHash })
      .from(users)
      .where(eq(users.username, benchBody.demoUser));
    if (!demoMember) throw new Error(`demo account ${benchBody.demoUser} is missing`);
    const memberRows = benchMembers().map((username, i) => ({
      id: randomUUID(),
      username,
      name: personName(i + 301),
      unit_id: demoMember.unitId,
      password_hash: demoMember.hash,
      active: true,
      created_at: now,
    }));
    await insert('users', memberRows);
    await insert(
      'user_roles',
      memberRows.map((u) => ({ user_id: u.id, role: 'governance' })),
    );
    await insert(
      'governance_body_members',
      memberRows.map((u) => ({ body_id: benchBody.id, user_id: u.id })),
    );
    const sessions: MemberSession[] = [];
    for (const u of memberRows)
      sessions.push({ username: u.username, webToken: (await createSession(tx, u.id, 'web', now)).token });
    const deciders: Person[] = await tx
      .select({ userId: users.id, unitId: users.unitId })
      .from(governanceBodyMembers)
      .innerJoin(users, eq(users.id, governanceBodyMembers.userId))
      .where(eq(governanceBodyMembers.bodyId, benchBody.id));

    // The path of each deviation, from the ladder as it stands, for the principals involved (as a report plans
    // it); the same few principal sets recur, so each is planned once.
    const paths = new Map<string, PathLevel[]>();
    const pathFor = async (principalIds: string[]) => {
      const key = [...principalIds].sort().join(',');
      if (!paths.has(key))
        paths.set(key, await planEscalationPath(tx, countyCode, 'deviation', principalIds));
      return paths.get(key)!;
    };

    const weights = Object.entries(population);
    const totalWeight = weights.reduce((sum, [, w]) => sum + w, 0);
    const municipality = () => {
      let roll = random() * totalWeight;
      for (const [code, w] of weights) {
        roll -= w;
        if (roll < 0) return municipalityId(code);
      }
      return municipalityId(weights[0]![0]);
    };

    const deviations: Deviation[] = [];
    const concerned: Row[] = [];
    const pathLevels: Row[] = [];
    const pathBodies: Row[] = [];
    const entries: (Row & { at: Date })[] = [];
    const notices: Row[] = [];
    const byStatus: Record<DeviationStatus, number> = { reported: 0, answered: 0, escalated: 0, closed: 0 };
    let visibleToBody = 0;
    const today = isoDate(now);

    for (let i = 0; i < deviationCount; i++) {
      // Reported by a unit of the region (45 %) or of a municipality (by population), about the other side and
      // now and then about its own principal too.
      const byRegion = chance(0.45);
      const reporterPrincipal = byRegion ? region : municipality();
      const units = [...staffOf.get(reporterPrincipal)!.values()];
      const reporter = pick(pick(units));
      const principalIds = [byRegion ? municipality() : region];
      if (chance(0.25)) principalIds.push(reporterPrincipal);
      const path = await pathFor([reporterPrincipal, ...principalIds]);

      const roll = random();
      const status: DeviationStatus =
        roll < 0.3 ? 'reported' : roll < 0.5 ? 'answered' : roll < 0.85 ? 'escalated' : 'closed';
      // Reported within the last two years (a deviation that got further is some days old at least); the
      // events follow it, all before now.
      const minAge = { reported: 0, answered: 3, escalated: 7, closed: 14 }[status];
      const reportedAt = new Date(
        now.getTime() - between(minAge, 729) * day - between(3600, 9 * 3600) * 1000,
      );
      let clock = reportedAt.getTime();
      const later = (lowDays: number, highDays: number) => {
        const room = now.getTime() - clock;
        clock += Math.max(60_000, Math.min(between(lowDays * 24, highDays * 24) * 3600_000, room / 3));
        return new Date(clock);
      };
      const id = randomUUID();
      const category = chance(0.7) ? pick(categories.slice(0, 4)) : pick(categories);
      // A closed deviation was decided by the body at level 2, or (one in five) closed by the reporter at level 1.
      const level = status === 'escalated' || (status === 'closed' && chance(0.8)) ? 2 : 1;
      let dueOn = addDays(isoDate(reportedAt), answerDays);

      // The managers' answers at level 1: all of them when answered or closed there; when reported, at most
      // one of two; before an escalation, all, some or none (escalated for want of an answer).
      const answering =
        status === 'answered' || (status === 'closed' && level === 1)
          ? principalIds
          : status === 'reported'
            ? principalIds.length === 2 && chance(0.3)
              ? [principalIds[0]!]
              : []
            : chance(0.5)
              ? principalIds
              : chance(0.4)
                ? principalIds.slice(0, 1)
                : [];
      const entry = (e: Row & { at: Date }) =>
        entries.push({
          id: randomUUID(),
          deviation_id: id,
          principal_id: null,
          body_id: null,
          investigation: null,
          cause: null,
          measures: null,
          text: null,
          outcome: null,
          ...e,
        });
      for (const principalId of answering) {
        const manager = managerOf(receivers.get(principalId)!);
        entry({
          kind: 'answer',
          level: 1,
          at: later(2, 25),
          by_user_id: manager.userId,
          by_unit_id: manager.unitId,
          principal_id: principalId,
          investigation: pick(investigations),
          cause: pick(causes),
          measures: pick(measures),
        });
      }
      if (level === 2) {
        const fromReporter = answering.length === principalIds.length || chance(0.6);
        const by = fromReporter ? reporter : managerOf(receivers.get(principalIds[0]!)!);
        const at = later(3, 40);
        entry({
          kind: 'escalation',
          level: 2,
          at,
          by_user_id: by.userId,
          by_unit_id: by.unitId,
          text: pick(reasons),
        });
        dueOn = addDays(isoDate(at), answerDays);
      }
      let closedAt: Date | null = null;
      let outcome: DeviationOutcome | null = null;
      if (status === 'closed') {
        outcome = pick(outcomes);
        closedAt = later(5, 60);
        const by = level === 2 ? pick(deciders) : reporter;
        entry({
          kind: level === 2 ? 'decision' : 'closure',
          level,
          at: closedAt,
          by_user_id: by.userId,
          by_unit_id: by.unitId,
          body_id: level === 2 ? benchBody.id : null,
          text: level === 2 ? pick(decisions) : chance(0.5) ? 'Svaren är tillräckliga.' : null,
          outcome,
        });
      }

      // An open deviation past its day has been flagged by the overdue job at its level: to the reporter's unit,
      // and at level 1 to the receiving units that have not answered.
      const overdue = (status === 'reported' || status === 'escalated') && dueOn < today;
      if (overdue) {
        const waiting = level === 1 ? principalIds.filter((p) => !answering.includes(p)) : [];
        const flaggedAt = new Date(Math.min(now.getTime(), Date.parse(`${addDays(dueOn, 1)}T02:00:00Z`)));
        for (const unitId of new Set([reporter.unitId, ...waiting.map((p) => receivers.get(p)!)]))
          notices.push({
            id: randomUUID(),
            key: `deviation.overdue:${id}:${level}:${unitId}`,
            kind: 'deviation.overdue',
            recipient_unit_id: unitId,
            subject_type: 'deviation',
            subject_id: id,
            created_at: flaggedAt,
          });
      }

      deviations.push({
        id,
        county_code: countyCode,
        title: pick(titles[category] ?? titles.other!),
        description: pick(descriptions),
        category,
        occurred_on: isoDate(new Date(reportedAt.getTime() - between(0, 14) * day)),
        reported_by_unit_id: reporter.unitId,
        reported_by_user_id: reporter.userId,
        reported_at: reportedAt,
        status,
        level,
        due_on: dueOn,
        overdue_flagged_level: overdue ? level : null,
        closed_at: closedAt,
        outcome,
        suggestion_key: null,
      });
      for (const principalId of principalIds)
        concerned.push({
          deviation_id: id,
          principal_id: principalId,
          receiving_unit_id: receivers.get(principalId)!,
        });
      // Exactly what savePath writes: every level of the path, and each level's bodies.
      for (const l of path) {
        pathLevels.push({ case_kind: 'deviation', case_id: id, level: l.level, label: l.label });
        for (const b of l.bodies)
          pathBodies.push({ case_kind: 'deviation', case_id: id, level: l.level, body_id: b.id });
      }
      if (path.some((l) => l.level <= level && l.bodies.some((b) => b.id === benchBody.id))) visibleToBody++;
      byStatus[status]++;
    }

    // In the order a live database would have them: reported, and entries written, as time went by.
    const order = new Map(
      [...deviations]
        .sort((a, b) => a.reported_at.getTime() - b.reported_at.getTime())
        .map((d, i) => [d.id, i]),
    );
    const byReport = (key: string) => (a: Row, b: Row) =>
      order.get(a[key] as string)! - order.get(b[key] as string)!;
    await insert('deviations', [...deviations].sort(byReport('id')));
    await insert('deviation_principals', concerned.sort(byReport('deviation_id')));
    await insert('escalation_path_levels', pathLevels.sort(byReport('case_id')));
    await insert('escalation_path_bodies', pathBodies.sort(byReport('case_id')));
    await insert(
      'deviation_entries',
      entries.sort((a, b) => a.at.getTime() - b.at.getTime()),
    );
    await insert('notices', notices);
    return {
      deviations: deviations.length,
      byStatus,
      visibleToBody,
      entries: entries.length,
      notices: notices.length,
      users: memberRows.length,
      sessions,
    };
  });
}

const outcomes: DeviationOutcome[] = [
  'measuresTaken',
  'measuresTaken',
  'routineClarified',
  'noMeasureNeeded',
  'referredToActionPlan',
];
const titles: Record<string, string[]> = {
  unansweredInvitation: [
    'Kallelse till SIP besvarades inte inom svarstiden',
    'Ingen från den kallade enheten kom till SIP-mötet',
    'Påminnelse om SIP-kallelse lämnades utan svar',
  ],
  dischargeInformation: [
    'Information saknades vid utskrivning från slutenvården',
    'Planering inför hemgång påbörjades inte före utskrivning',
    'Läkemedelslista följde inte med vid utskrivning',
  ],
  unclearResponsibility: [
    'Oklart vem som ansvarar för boendestödet efter flytt',
    'Oklart ansvar för läkemedelshantering i hemmet',
    'Ingen huvudman tog ansvar för samordningen',
  ],
  sipNotHeld: [
    'SIP hölls inte trots begäran från den enskilde',
    'SIP-mötet ställdes in utan att ny tid bokades',
    'SIP genomfördes inte inom överenskommen tid',
  ],
  agreementNotFollowed: [
    'Överenskommelsens rutin för samordning följdes inte',
    'Remiss skickades inte enligt överenskommelsen',
    'Uppföljning av insatser gjordes inte som överenskommet',
  ],
  other: [
    'Brister i informationsöverföring mellan huvudmännen',
    'Kontaktvägar mellan enheterna fungerade inte',
  ],
};
const descriptions = [
  'Vid samverkan kring en gemensam brukare uteblev det som överenskommelsen föreskriver. Enheten har dokumenterat händelseförloppet utan personuppgifter.',
  'Informationen nådde inte mottagande enhet i tid, vilket försenade insatserna. Händelsen har diskuterats på arbetsplatsträff.',
  'Flera kontaktförsök gjordes utan svar. Vi vill att rutinen ses över så att det inte upprepas.',
  'Det var oklart vilken huvudman som skulle agera, och ingen insats kom till stånd under flera veckor.',
];
const investigations = [
  'Vi har gått igenom journal och dokumentation och talat med berörd personal.',
  'Händelsen har utretts av enhetschef tillsammans med medarbetarna.',
  'Rutinen och hur den tillämpades har granskats.',
];
const causes = [
  'Rutinen var inte känd av alla medarbetare.',
  'Hög arbetsbelastning under perioden och vakanser.',
  'Kallelsen hamnade i fel funktionsbrevlåda.',
  'Ansvarsfördelningen i överenskommelsen tolkades olika.',
];
const measures = [
  'Rutinen har gåtts igenom på arbetsplatsträff.',
  'Funktionsbrevlådan bevakas nu dagligen av två personer.',
  'Vi har infört en checklista vid utskrivning.',
  'Kontaktpersoner hos båda huvudmännen har utsetts.',
];
const reasons = [
  'Svaret saknas trots påminnelse.',
  'Svaret tar inte upp orsaken; vi vill att samverkansorganet tittar på rutinen.',
  'Frågan gäller ansvarsfördelningen i överenskommelsen och behöver avgöras på länsnivå.',
];
const decisions = [
  'Beredningsgruppen har gått igenom svaren och ser att åtgärderna är tillräckliga.',
  'Rutinen förtydligas i överenskommelsens nästa revidering.',
  'Frågan förs in i länets handlingsplan och följs upp om ett halvår.',
];

if (import.meta.main) {
  const summary = await seedDeviations({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? './data',
  });
  console.log(JSON.stringify({ ...summary, sessions: summary.sessions.length }, null, 2));
}

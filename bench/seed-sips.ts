// Seeds what the SIP scenarios load: 2 000 active SIPs in Värmland (county 17) with made-up persons, consent in
// force, invitations, plan versions and follow-ups, plus 50 bench users in two Karlstad units who log in with
// the demo password. The benchmark calls seedSips() between a first start of the server (which migrates and loads the
// demo data) and the measured start; on its own, `DATABASE_URL=… node bench/seed-sips.ts` or
// `DATA_DIR=… node bench/seed-sips.ts` (server stopped, for PGlite) seeds an existing database.
import { randomUUID } from 'node:crypto';
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type Db, openDatabase, queryRows } from '../src/db/client.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { demoPassword, loadDemoData } from '../src/demo/load-demo.ts';
import { municipalityId, readMunicipalities, regionId } from '../src/modules/organisations/load-reference.ts';
import { users } from '../src/modules/organisations/schema.ts';
import type { PlanContent } from '../src/modules/sip/schema.ts';
import { verifyPassword } from '../src/platform/auth/password.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { isoDate } from '../src/platform/clock.ts';
import { parseIdentityNumber } from '../src/platform/people/identity-number.ts';
import { slugify } from '../src/platform/slug.ts';
import { refreshParticipation } from './participation.ts';

export const countyCode = '17';
export const sipCount = 2000;
/** The bench users log in with the demo password: they get the demo accounts' shared hash. */
export const benchPassword = demoPassword;
const usersPerUnit = 25;

/** The two units whose staff are the 50 simulated users, each with the demo account that belongs there. */
export const benchUnits = [
  { key: 'psychiatry', label: 'Vuxenpsykiatri Karlstad (Region Värmland)', demoUser: 'psykiatri.karlstad' },
  { key: 'social', label: 'Socialtjänst vuxen, Karlstad (Karlstads kommun)', demoUser: 'soc.karlstad' },
] as const;
export type BenchUnitKey = (typeof benchUnits)[number]['key'];

/** The 50 bench users, alternating between the units, so any first n of them cover both. */
export function benchUsers(): { username: string; unit: BenchUnitKey }[] {
  return Array.from({ length: usersPerUnit * benchUnits.length }, (_, i) => {
    const unit = benchUnits[i % benchUnits.length]!;
    const n = String(Math.floor(i / benchUnits.length) + 1).padStart(2, '0');
    return { username: `bench.${unit.demoUser}.${n}`, unit: unit.key };
  });
}

export type SeedSummary = {
  sips: number;
  invitations: number;
  planVersions: number;
  followUps: number;
  users: number;
  /** How many of the SIPs each bench unit sees (convenes, or takes part in under a consent in force). */
  visible: Record<BenchUnitKey, number>;
  /**
   * A web and an API session for each bench user, opened with the app's own createSession (what a login does
   * once the password is checked), so the benchmark need not wait for 100 scrypt hashes. They last 30 minutes.
   */
  sessions: BenchSession[];
  /** What the mixed day writes to, per bench unit (bench/scenarios.ts mixedDay). */
  mixedDay: MixedDaySeed;
  ms: number;
};
export type MixedDaySeed = {
  /** Active SIPs the unit convenes (no children, consent in force): a bench user saves a new plan version. */
  planSips: Record<BenchUnitKey, string[]>;
  /** Invitations waiting for the unit's answer, to SIPs it already takes part in, so answering changes no access. */
  spareInvitations: Record<BenchUnitKey, string[]>;
  /** The bench units' ids, which a plan names. */
  unitIds: Record<BenchUnitKey, string>;
};
export type BenchSession = { username: string; unit: BenchUnitKey; webToken: string; apiToken: string };

/**
 * Opens the database the server uses (migrating and loading demo data if that has not happened yet), seeds it
 * and closes it again. For PGlite the server must not be running: only one process may open its data directory.
 */
export async function seedSips(target: { databaseUrl?: string | undefined; dataDir: string }) {
  const started = performance.now();
  const database = await openDatabase(target);
  try {
    await database.migrate();
    await loadDemoData(database.db);
    const summary = await seed(database.db, new Date());
    // The planner's statistics for the new rows, as a database that has grown over months would have them.
    await database.db.execute(sql`analyze`);
    return { ...summary, ms: performance.now() - started };
  } finally {
    await database.close();
  }
}

// Region Värmland's adult psychiatry by catchment area; Karlstad is the demo's unit, the others are added here.
const psychiatry: { unit: string; municipalities: string[] }[] = [
  { unit: 'Vuxenpsykiatri Karlstad', municipalities: ['1780', '1761', '1715', '1763', '1764', '1762'] },
  { unit: 'Vuxenpsykiatri Arvika', municipalities: ['1784', '1730', '1765', '1785'] },
  { unit: 'Vuxenpsykiatri Kristinehamn', municipalities: ['1781', '1760', '1782'] },
  { unit: 'Vuxenpsykiatri Torsby', municipalities: ['1737', '1783', '1766'] },
];
const addictionUnit = 'Beroendecentrum Värmland';
// Inhabitants, rounded (SCB 2023): SIPs are spread over the municipalities in proportion.
export const population: Record<string, number> = {
  '1780': 95_000,
  '1784': 26_000,
  '1781': 24_000,
  '1761': 16_900,
  '1785': 15_300,
  '1766': 13_200,
  '1715': 12_000,
  '1763': 11_600,
  '1737': 11_500,
  '1783': 11_400,
  '1782': 10_400,
  '1765': 9_900,
  '1764': 9_000,
  '1730': 8_400,
  '1760': 4_000,
  '1762': 3_600,
};

type Unit = { id: string; principalId: string; userId: string };
export type Row = Record<string, unknown>;
export const day = 24 * 60 * 60 * 1000;

async function seed(db: Db, now: Date): Promise<Omit<SeedSummary, 'ms'>> {
  const random = mulberry32(17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

  return inTransaction(db, async (tx) => {
    const benchUsernames = benchUsers().map((u) => u.username);
    const [already] = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.username, benchUsernames));
    if (already) throw new Error('this database already has the bench users and SIPs');
    const columns = await existingColumns(tx);
    const insert = (table: string, rows: Row[]) => insertRows(tx, columns, table, rows);

    // The demo's units and accounts in Värmland: the psychiatry unit in Karlstad and every social services unit.
    const places = readMunicipalities().filter((m) => m.countyCode === countyCode);
    const demoUsernames = [
      ...benchUnits.map((u) => u.demoUser),
      ...places.map((m) => `soc.${slugify(m.place)}`),
    ];
    const demo = new Map(
      (
        await tx
          .select({ id: users.id, username: users.username, unitId: users.unitId, hash: users.passwordHash })
          .from(users)
          .where(inArray(users.username, demoUsernames))
      ).map((u) => [u.username, u]),
    );
    const demoUnit = (username: string, principalId: string): Unit => {
      const user = demo.get(username);
      if (!user) throw new Error(`demo account ${username} is missing; was the demo data loaded?`);
      return { id: user.unitId, principalId, userId: user.id };
    };
    const social = new Map(
      places.map((m) => [m.code, demoUnit(`soc.${slugify(m.place)}`, municipalityId(m.code))]),
    );
    // The demo accounts' shared hash; checked once, so a bench login cannot fail later for a changed password.
    const passwordHash = demo.get('psykiatri.karlstad')!.hash;
    if (!(await verifyPassword(benchPassword, passwordHash)))
      throw new Error('psykiatri.karlstad no longer has the demo password');

    // Region units the demo lacks, each with one staff member who convenes and answers there.
    const region = regionId(countyCode);
    const newUnits = [...psychiatry.slice(1).map((p) => p.unit), addictionUnit].map((name) => ({
      name,
      unit: { id: randomUUID(), principalId: region, userId: randomUUID() },
    }));
    await insert(
      'units',
      newUnits.map(({ name, unit }) => ({ id: unit.id, principal_id: region, name })),
    );
    const psychiatryUnit = new Map<string, Unit>();
    for (const p of psychiatry) {
      const unit = newUnits.find((u) => u.name === p.unit)?.unit ?? demoUnit('psykiatri.karlstad', region);
      for (const code of p.municipalities) psychiatryUnit.set(code, unit);
    }
    const addiction = newUnits.find((u) => u.name === addictionUnit)!.unit;

    // Users: one per new unit, and the 50 bench users in the two Karlstad units.
    const karlstad = { psychiatry: psychiatryUnit.get('1780')!, social: social.get('1780')! };
    const userRows = [
      ...newUnits.map(({ name, unit }, i) => ({
        id: unit.userId,
        username: `bench.${slugify(name)}`,
        name: personName(i + 101),
        unit_id: unit.id,
      })),
      ...benchUsers().map((u, i) => ({
        id: randomUUID(),
        username: u.username,
        name: personName(i + 1),
        unit_id: karlstad[u.unit].id,
      })),
    ].map((u) => ({ ...u, password_hash: passwordHash, active: true, created_at: now }));
    await insert('users', userRows);
    await insert(
      'user_roles',
      userRows.map((u) => ({ user_id: u.id, role: 'staff' })),
    );
    const sessions: BenchSession[] = [];
    for (const u of benchUsers()) {
      const userId = userRows.find((r) => r.username === u.username)!.id;
      const web = await createSession(tx, userId, 'web', now);
      const api = await createSession(tx, userId, 'api', now);
      sessions.push({ ...u, webToken: web.token, apiToken: api.token });
    }

    // Persons and SIPs: municipality by population, convened by the catchment's psychiatry (40 %) or the
    // municipality's social services, who invite the other side (or, now and then, addiction care).
    const codes = allocate(sipCount, population, random);
    const pins = identityNumbers(sipCount, random);
    const persons: Row[] = [];
    const sips: Row[] = [];
    const consents: Row[] = [];
    const consentPrincipals: Row[] = [];
    const invitations: Row[] = [];
    const planVersions: Row[] = [];
    const planUnits: Row[] = [];
    const followUps: Row[] = [];
    const visible: Record<BenchUnitKey, number> = { psychiatry: 0, social: 0 };
    const mixedDay: MixedDaySeed = {
      planSips: { psychiatry: [], social: [] },
      spareInvitations: { psychiatry: [], social: [] },
      unitIds: { psychiatry: karlstad.psychiatry.id, social: karlstad.social.id },
    };
    const spare: Row[] = [];

    codes.forEach((code, i) => {
      const psych = psychiatryUnit.get(code)!;
      const soc = social.get(code)!;
      const byPsychiatry = random() < 0.4;
      const convening = byPsychiatry ? psych : soc;
      const invited = [byPsychiatry ? soc : random() < 0.65 ? psych : addiction];
      if (random() < 0.15 && !invited.includes(addiction)) invited.push(addiction);

      const createdAt = new Date(now.getTime() - between(10, 900) * day - between(0, 8 * 3600) * 1000);
      const consentAt = new Date(createdAt.getTime() + between(0, 10) * day);
      const sipId = randomUUID();
      const personId = randomUUID();
      persons.push({
        id: personId,
        personal_identity_number: pins[i],
        identity_number_kind: 'personnummer',
        name: personName(i + 1000),
        protected_identity: false,
        created_at: createdAt,
      });

      // Invitations to one meeting: answered long ago for older SIPs (mostly accepted); for a SIP whose
      // meeting is still ahead, often not yet. One already past its last day has had its reminder.
      const taking: Unit[] = [];
      const accepted: Unit[] = [];
      const sentAt = new Date(consentAt.getTime() + 3600_000);
      const meetingAt = new Date(
        Date.parse(`${isoDate(new Date(sentAt.getTime() + between(7, 20) * day))}T12:00:00Z`),
      );
      const upcoming = meetingAt.getTime() > now.getTime();
      for (const unit of invited) {
        const roll = random();
        const status = upcoming && roll < 0.4 ? 'pending' : roll < 0.93 ? 'accepted' : 'declined';
        const answeredAt = status === 'pending' ? null : new Date(sentAt.getTime() + between(1, 3) * day);
        const answerBy = new Date(sentAt.getTime() + 5 * day);
        if (status !== 'declined') taking.push(unit);
        if (status === 'accepted') accepted.push(unit);
        invitations.push({
          id: randomUUID(),
          sip_id: sipId,
          unit_id: unit.id,
          meeting_at: meetingAt,
          place: 'Samverkansrummet, plan 2',
          external_participants: '[]',
          answer_by: isoDate(answerBy),
          reminded_at: status === 'pending' && answerBy < now ? new Date(answerBy.getTime() + day) : null,
          status,
          decline_reason: status === 'declined' ? 'Personen har inga pågående insatser hos oss.' : null,
          answered_at: answeredAt,
          answered_by: answeredAt ? unit.userId : null,
          created_at: sentAt,
        });
      }

      // The plan, written at the meeting once it has been held, followed up about every six months (a few
      // follow-ups are overdue); a third of the plans followed up were revised at their first follow-up.
      let plan: PlanContent | null = null;
      let version = 0;
      let dueOn: string | null = null;
      const savePlan = (at: Date) => {
        plan = planContent(
          convening,
          accepted,
          isoDate(new Date(at.getTime() + between(150, 210) * day)),
          pick,
        );
        version++;
        dueOn = plan.followUpOn;
        planVersions.push({
          sip_id: sipId,
          version,
          content: JSON.stringify(plan),
          saved_at: at,
          saved_by: convening.userId,
        });
      };
      if (!upcoming) savePlan(meetingAt);
      while (plan && dueOn && dueOn < isoDate(now) && random() < 0.9) {
        const current: PlanContent = plan;
        const heldOn = isoDate(new Date(Date.parse(dueOn) + between(-10, 10) * day));
        if (heldOn > isoDate(now)) break;
        const next = isoDate(new Date(Date.parse(heldOn) + between(150, 210) * day));
        followUps.push({
          id: randomUUID(),
          sip_id: sipId,
          held_on: heldOn,
          plan_version: version,
          outcomes: JSON.stringify(
            current.interventions.map((intervention, index) => ({
              index,
              description: intervention.description,
              outcome: pick(['done', 'ongoing', 'ongoing', 'notDone'] as const),
              comment: '',
            })),
          ),
          next_follow_up_on: next,
          recorded_at: new Date(Date.parse(`${heldOn}T15:00:00Z`)),
          recorded_by: convening.userId,
        });
        dueOn = next;
        if (version === 1 && random() < 0.33) {
          savePlan(new Date(Date.parse(`${heldOn}T15:30:00Z`)));
        }
      }
      const named = plan ? namedUnits(plan) : [];
      for (const unitId of named) planUnits.push({ sip_id: sipId, unit_id: unitId });

      sips.push({
        id: sipId,
        county_code: countyCode,
        person_id: personId,
        person_name: personName(i + 1000),
        convening_unit_id: convening.id,
        convening_principal_id: convening.principalId,
        reason: pick(reasons),
        requested_by: pick(['staff', 'staff', 'person', 'relative']),
        has_children: random() < 0.2,
        status: 'active',
        overall_unit_id: plan ? convening.id : null,
        follow_up_due_on: dueOn,
        created_at: createdAt,
        created_by: convening.userId,
      });
      consents.push({
        sip_id: sipId,
        given_on: isoDate(consentAt),
        form: random() < 0.8 ? 'written' : 'verbal',
        relatives_may_take_part: random() < 0.6,
        decision_participants: JSON.stringify(['person']),
        other_parties: '[]',
        withdrawn_on: null,
        recorded_at: consentAt,
        recorded_by: convening.userId,
      });
      for (const principalId of [region, municipalityId(code)])
        consentPrincipals.push({ sip_id: sipId, principal_id: principalId });

      // Who sees it, by the access rule: the convening unit, and units taking part while consent covers them
      // (it always covers the region and the person's municipality here, and only those units take part).
      const seenBy = new Set([convening.id, ...taking.map((u) => u.id), ...named]);
      for (const unit of benchUnits) if (seenBy.has(karlstad[unit.key].id)) visible[unit.key]++;

      // For the mixed day: plans a Karlstad unit may save again, and three more invitations (later meetings) to a
      // Karlstad unit that has accepted, for it to answer. Neither changes who sees the SIP.
      const hasChildren = sips.at(-1)!.has_children as boolean;
      for (const unit of benchUnits) {
        const own = karlstad[unit.key];
        if (convening === own && !hasChildren && plan) mixedDay.planSips[unit.key].push(sipId);
        if (convening !== own && accepted.includes(own))
          for (let k = 1; k <= 3; k++) {
            const id = randomUUID();
            mixedDay.spareInvitations[unit.key].push(id);
            spare.push({
              id,
              sip_id: sipId,
              unit_id: own.id,
              meeting_at: new Date(now.getTime() + (30 + 30 * k) * day),
              place: 'Samverkansrummet, plan 2',
              external_participants: '[]',
              answer_by: isoDate(new Date(now.getTime() + (20 + 30 * k) * day)),
              reminded_at: null,
              status: 'pending',
              decline_reason: null,
              answered_at: null,
              answered_by: null,
              created_at: new Date(now.getTime() - 3600_000),
            });
          }
      }
    });

    await insert('persons', persons);
    await insert('sips', sips);
    await insert('sip_consents', consents);
    await insert('sip_consent_principals', consentPrincipals);
    await insert('sip_invitations', invitations);
    await insert('sip_invitations', spare);
    await insert('sip_plan_versions', planVersions);
    await insert('sip_plan_units', planUnits);
    await insert('sip_follow_ups', followUps);
    // Who takes part, where this version of the code keeps it in a table (issue 27), as its writes would.
    await refreshParticipation(tx);
    return {
      sips: sips.length,
      invitations: invitations.length,
      planVersions: planVersions.length,
      followUps: followUps.length,
      users: userRows.length,
      visible,
      sessions,
      mixedDay,
    };
  });
}

const reasons = [
  'Behöver samordnade insatser kring boende, sysselsättning och psykiatrisk vård.',
  'Återkommande inläggningar; öppenvård och boendestöd behöver samordnas.',
  'Personen önskar stöd att komma tillbaka till arbete eller studier.',
  'Samsjuklighet med beroende; behandling och socialtjänstens insatser behöver planeras tillsammans.',
  'Utskrivning från slutenvården närmar sig; fortsatta insatser behöver planeras.',
];
const interventions = [
  'Boendestöd två gånger i veckan',
  'Samtalskontakt och läkemedelsuppföljning',
  'Daglig sysselsättning på träffpunkt',
  'Stöd i kontakter med myndigheter',
  'Behandling för beroende, individuellt och i grupp',
];

function planContent(
  convening: Unit,
  accepted: Unit[],
  followUpOn: string,
  pick: <T>(items: readonly T[]) => T,
): PlanContent {
  return {
    interventions: [
      { description: pick(interventions), responsibleUnitId: convening.id },
      ...accepted.map((u) => ({ description: pick(interventions), responsibleUnitId: u.id })),
      { description: 'Arbetsträning', externalActor: 'Arbetsförmedlingen' },
    ],
    overallResponsibility: { unitId: convening.id },
    goals: ['Ett eget boende med stöd', 'Någon form av sysselsättning varje vecka'],
    personsOwnWords: 'Jag vill klara mig själv i min lägenhet och träffa folk oftare.',
    followUpOn,
    childrenConsidered: null,
  };
}

/** The units a plan names, as src/modules/sip/save-plan.ts stores them in sip_plan_units. */
function namedUnits(plan: PlanContent): string[] {
  const responsible = plan.interventions.flatMap((i) =>
    'responsibleUnitId' in i ? [i.responsibleUnitId] : [],
  );
  return [...new Set([plan.overallResponsibility.unitId, ...responsible])];
}

/** n municipality codes in proportion to the weights (largest remainder), in random order. */
export function allocate(n: number, weights: Record<string, number>, random: () => number): string[] {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const shares = Object.entries(weights).map(([code, w]) => ({ code, exact: (n * w) / total }));
  const counts = new Map(shares.map((s) => [s.code, Math.floor(s.exact)]));
  let left = n - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const s of [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (left-- <= 0) break;
    counts.set(s.code, counts.get(s.code)! + 1);
  }
  const codes = [...counts].flatMap(([code, count]) => Array<string>(count).fill(code));
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  }
  return codes;
}

/**
 * n distinct made-up personnummer (born 1950–2000), normalised to twelve digits as the app stores them. The
 * check digit is computed here (Luhn) and every number is then validated by the app's own parser, which uses
 * the personnummer package.
 */
export function identityNumbers(n: number, random: () => number): string[] {
  const found = new Set<string>();
  while (found.size < n) {
    const year = 1950 + Math.floor(random() * 51);
    const month = 1 + Math.floor(random() * 12);
    const date = 1 + Math.floor(random() * 28);
    const serial = 1 + Math.floor(random() * 998);
    const nine = `${String(year).slice(2)}${pad(month)}${pad(date)}${String(serial).padStart(3, '0')}`;
    const candidate = `${year}${pad(month)}${pad(date)}-${nine.slice(6)}${luhn(nine)}`;
    const parsed = parseIdentityNumber(candidate);
    if (parsed?.kind !== 'personnummer') throw new Error(`made an invalid personnummer ${candidate}`);
    found.add(parsed.normalised);
  }
  return [...found];
}

const pad = (n: number) => String(n).padStart(2, '0');

function luhn(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const firstNames = [
  'Alva',
  'Bo',
  'Cecilia',
  'Dan',
  'Elsa',
  'Fredrik',
  'Greta',
  'Hugo',
  'Inger',
  'Jonas',
  'Kerstin',
  'Leif',
  'Märta',
  'Niklas',
  'Östen',
  'Åsa',
];
const lastNames = [
  'Ahlström',
  'Bergqvist',
  'Dahl',
  'Ek',
  'Forsberg',
  'Hedlund',
  'Lundgren',
  'Nyström',
  'Sandberg',
  'Wikström',
  'Åberg',
  'Öhman',
];
export const personName = (i: number) =>
  `${firstNames[i % firstNames.length]} ${lastNames[(i * 5 + Math.floor(i / 16)) % lastNames.length]}`;

/** A small seeded generator (mulberry32), so every run seeds the same data. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The columns each table has in this database, which may trail or lead the schema while it changes. */
export async function existingColumns(tx: Db): Promise<Map<string, Set<string>>> {
  const rows = await queryRows<{ table_name: string; column_name: string }>(
    tx,
    sql`select table_name, column_name from information_schema.columns where table_schema = current_schema()`,
  );
  const tables = new Map<string, Set<string>>();
  for (const r of rows) tables.set(r.table_name, (tables.get(r.table_name) ?? new Set()).add(r.column_name));
  return tables;
}

/**
 * Inserts rows with plain SQL in batches, naming only the columns the rows give and the table has, so columns
 * added later with a default (or nullable) do not break the seed; a new required column fails loudly instead.
 */
export async function insertRows(
  tx: Db,
  columns: Map<string, Set<string>>,
  table: string,
  rows: Row[],
): Promise<void> {
  const have = columns.get(table);
  if (!have) throw new Error(`table ${table} does not exist; have the migrations run?`);
  const names = Object.keys(rows[0] ?? {}).filter((c) => have.has(c));
  const batch = Math.floor(30_000 / Math.max(1, names.length));
  for (let start = 0; start < rows.length; start += batch) {
    const values: SQL[] = rows.slice(start, start + batch).map(
      (row) =>
        sql`(${sql.join(
          names.map((c) => sql`${row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c]}`),
          sql`, `,
        )})`,
    );
    await tx.execute(
      sql`insert into ${sql.identifier(table)} (${sql.join(
        names.map((c) => sql.identifier(c)),
        sql`, `,
      )}) values ${sql.join(values, sql`, `)}`,
    );
  }
}

if (import.meta.main) {
  const summary = await seedSips({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? './data',
  });
  console.log(JSON.stringify({ ...summary, sessions: summary.sessions.length }, null, 2));
}

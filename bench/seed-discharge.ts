// Seeds what the discharge scenario loads (issue 25): 300 current stays in Region Värmland's psychiatric inpatient
// care (the demo's unit in Karlstad, which sent every admission notice), made-up persons spread over the county's
// municipalities by population, the municipality's social services notified (and the outpatient psychiatry for
// a third), about 60 % ready for discharge since 1 to 20 days (some after a revoked readiness) and the rest in
// care; and a web session for the inpatient unit's demo account, whose board lists them all. The benchmark calls
// seedDischarge() after the other seeds, before the measured start; on its own, `DATABASE_URL=… node
// bench/seed-discharge.ts` or `DATA_DIR=… node bench/seed-discharge.ts` (server stopped, for PGlite) seeds a
// database that has the demo data.
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { type Db, openDatabase, queryRows } from '../src/db/client.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { loadDemoData } from '../src/demo/load-demo.ts';
import { municipalityId, readMunicipalities, regionId } from '../src/modules/organisations/load-reference.ts';
import { users } from '../src/modules/organisations/schema.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { isoDate } from '../src/platform/clock.ts';
import { slugify } from '../src/platform/slug.ts';
import {
  allocate,
  countyCode,
  day,
  existingColumns,
  identityNumbers,
  insertRows,
  mulberry32,
  personName,
  population,
  type Row,
} from './seed-sips.ts';

export const dischargeStayCount = 300;
/** The account whose board the scenario reads: the region's inpatient unit, which sent every notice. */
export const dischargeBoardUser = 'heldygn.karlstad';

export type DischargeSeedSummary = {
  stays: number;
  ready: number;
  webToken: string;
  ms: number;
};

/** Opens the database, seeds it and closes it; for PGlite the server must not be running. */
export async function seedDischarge(target: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<DischargeSeedSummary> {
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

async function seed(db: Db, now: Date): Promise<Omit<DischargeSeedSummary, 'ms'>> {
  const random = mulberry32(25);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return inTransaction(db, async (tx) => {
    const columns = await existingColumns(tx);
    const insert = (table: string, rows: Row[]) => insertRows(tx, columns, table, rows);
    const places = readMunicipalities().filter((m) => m.countyCode === countyCode);
    const accounts = new Map(
      (
        await tx
          .select({ id: users.id, username: users.username, unitId: users.unitId })
          .from(users)
          .where(
            inArray(users.username, [
              dischargeBoardUser,
              'psykiatri.karlstad',
              ...places.map((m) => `soc.${slugify(m.place)}`),
            ]),
          )
      ).map((u) => [u.username, u]),
    );
    const account = (username: string) => {
      const found = accounts.get(username);
      if (!found) throw new Error(`demo account ${username} is missing; was the demo data loaded?`);
      return found;
    };
    const inpatient = account(dischargeBoardUser);
    const outpatient = account('psykiatri.karlstad');
    // Numbers the database has already (the SIP seed's, the demo's) are not drawn again.
    const taken = new Set(
      (await queryRows<{ n: string }>(tx, sql`select personal_identity_number as n from persons`)).map(
        (r) => r.n,
      ),
    );
    const pins = identityNumbers(dischargeStayCount + taken.size, random)
      .filter((n) => !taken.has(n))
      .slice(0, dischargeStayCount);
    const codes = allocate(dischargeStayCount, population, random);
    const persons: Row[] = [];
    const stays: Row[] = [];
    const stayUnits: Row[] = [];
    const expected: Row[] = [];
    const readiness: Row[] = [];
    let ready = 0;
    codes.forEach((code, i) => {
      const personId = randomUUID();
      const stayId = randomUUID();
      const admittedAt = new Date(now.getTime() - between(2, 40) * day - between(0, 23) * 3_600_000);
      const noticeSentAt = new Date(admittedAt.getTime() + between(1, i % 9 === 0 ? 40 : 20) * 3_600_000);
      const expectedOn = isoDate(new Date(admittedAt.getTime() + between(5, 30) * day));
      const isReady = random() < 0.6;
      const name = personName(i + 5000);
      persons.push({
        id: personId,
        personal_identity_number: pins[i],
        identity_number_kind: 'personnummer',
        name,
        protected_identity: false,
        created_at: admittedAt,
      });
      const place = places.find((m) => m.code === code)!;
      const social = account(`soc.${slugify(place.place)}`);
      stays.push({
        id: stayId,
        county_code: countyCode,
        person_id: personId,
        person_name: name,
        inpatient_unit_id: inpatient.unitId,
        inpatient_principal_id: regionId(countyCode),
        municipality_principal_id: municipalityId(code),
        admitted_at: admittedAt,
        notice_sent_at: noticeSentAt,
        expected_ready_on: expectedOn,
        status: isReady ? 'ready' : 'inCare',
        created_at: noticeSentAt,
        created_by: inpatient.id,
      });
      stayUnits.push({
        stay_id: stayId,
        unit_id: social.unitId,
        kind: 'socialServices',
        notified_at: noticeSentAt,
      });
      if (i % 3 === 0)
        stayUnits.push({
          stay_id: stayId,
          unit_id: outpatient.unitId,
          kind: 'regionalOutpatient',
          notified_at: noticeSentAt,
        });
      expected.push({ stay_id: stayId, expected_ready_on: expectedOn, set_at: noticeSentAt });
      if (!isReady) return;
      ready++;
      const since = Math.min(between(1, 20), Math.floor((now.getTime() - noticeSentAt.getTime()) / day));
      const notifiedAt = new Date(now.getTime() - Math.max(0, since) * day);
      if (i % 7 === 0) {
        // A readiness revoked the day after, before the one in force.
        const earlier = new Date(notifiedAt.getTime() - 2 * day);
        if (earlier > noticeSentAt)
          readiness.push({
            id: randomUUID(),
            stay_id: stayId,
            judged_at: earlier,
            notified_at: earlier,
            recorded_by: inpatient.id,
            revoked_at: new Date(earlier.getTime() + day),
            revoked_by: inpatient.id,
          });
      }
      readiness.push({
        id: randomUUID(),
        stay_id: stayId,
        judged_at: notifiedAt,
        notified_at: notifiedAt,
        recorded_by: inpatient.id,
      });
    });
    await insert('persons', persons);
    await insert('discharge_stays', stays);
    await insert('discharge_stay_units', stayUnits);
    await insert('discharge_expected_dates', expected);
    await insert('discharge_readiness', readiness);
    const web = await createSession(tx, inpatient.id, 'web', now);
    return { stays: stays.length, ready, webToken: web.token };
  });
}

if (import.meta.main) {
  const summary = await seedDischarge({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? './data',
  });
  console.log(JSON.stringify({ ...summary, webToken: '(a web session)' }, null, 2));
}

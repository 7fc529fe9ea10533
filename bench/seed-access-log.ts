// Seeds the access log at national scale (issue 27): ACCESS_LOG_ROWS rows (10 million unless BENCH_ACCESS_LOG_ROWS
// says otherwise) of reads over the last two years, each of a SIP in the database by a (made-up) user of one of the
// principals its consent covers, spread evenly over the SIPs: about a hundred rows a person with the national seed's
// 102 000 SIPs. Generated in SQL with generate_series, a million rows a statement, so that each commit is bounded.
// Then 50 API sessions of Region Värmland's log reviewer (the demo's logg.regionvarmland) and the persons whose
// accesses the reviewer searches: persons of Värmland's county seed with a valid identity number. On its own,
// `DATABASE_URL=… node bench/seed-access-log.ts` seeds a database that has the SIPs.
import { eq, sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { users } from '../src/modules/organisations/schema.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { formatIdentityNumber } from '../src/platform/people/identity-number.ts';

export const accessLogRows = benchAccessLogRows();
export const reviewerUser = 'logg.regionvarmland';
const reviewerPrincipal = 'region-17';
const chunk = 1_000_000;

export type AccessLogSeedSummary = {
  rows: number;
  /** Rows in the whole log after the seed (the bench's own reads included). */
  total: number;
  ms: number;
  /** API tokens of the reviewer, one per connection. */
  tokens: string[];
  /** Formatted identity numbers to search for, each with the reviewer's principal's rows about that person. */
  persons: { pin: string; rows: number }[];
};

export async function seedAccessLog(target: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<AccessLogSeedSummary> {
  const started = performance.now();
  const database = await openDatabase(target);
  try {
    const { db } = database;
    await db.execute(sql`drop table if exists bench_readers`);
    // Who reads what: every SIP once per principal its consent covers, with a unit of that principal.
    await db.execute(sql`
      create unlogged table bench_readers as
      select (row_number() over (order by s.id, cp.principal_id) - 1)::int as k, s.id as sip_id, s.person_id,
             s.county_code, cp.principal_id,
             (select min(u.id) from units u where u.principal_id = cp.principal_id) as unit_id
      from sips s join sip_consent_principals cp on cp.sip_id = s.id`);
    await db.execute(sql`create unique index on bench_readers (k)`);
    const [{ n: readers } = { n: 0 }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from bench_readers`,
    );
    if (readers === 0) throw new Error('no SIP with a consent to read; seed the SIPs first');
    for (let from = 0; from < accessLogRows; from += chunk) {
      const to = Math.min(accessLogRows, from + chunk);
      // Readers by a hash of the row number, times spread over two years (63 072 000 s); 5 000 made-up users.
      await db.execute(sql`
        insert into access_log (at, actor, user_id, username, unit_id, principal_id, county_code, action,
                                person_id, object_type, object_id)
        select now() - make_interval(secs => (hashint4(g) & 2147483647) % 63072000),
               'staff', 'bench-reader-' || (g % 5000), 'bench.lasare.' || (g % 5000), r.unit_id, r.principal_id,
               r.county_code, 'read', r.person_id, 'sip', r.sip_id
        from generate_series(${from + 1}::int, ${to}::int) as g
        join bench_readers r on r.k = (hashint4(g * 7 + 1) & 2147483647) % ${readers}`);
      progress(`access log: ${to.toLocaleString('sv-SE')} of ${accessLogRows.toLocaleString('sv-SE')} rows`);
    }
    await db.execute(sql`drop table bench_readers`);
    await db.execute(sql`analyze access_log`);
    const persons = await queryRows<{ pin: string; rows: number }>(
      db,
      sql`select p.personal_identity_number as pin,
                 (select count(*)::int from access_log l where l.person_id = p.id
                    and l.principal_id = ${reviewerPrincipal}) as rows
          from persons p join sips s on s.person_id = p.id
          where s.county_code = '17' and p.personal_identity_number not like '99%'
          order by p.personal_identity_number limit 10`,
    );
    const [{ n: total } = { n: 0 }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from access_log`,
    );
    const tokens = await inTransaction(db, async (tx) => {
      const [reviewer] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, reviewerUser));
      if (!reviewer) throw new Error(`${reviewerUser} is missing; was the demo data loaded?`);
      const made: string[] = [];
      for (let i = 0; i < 50; i++) made.push((await createSession(tx, reviewer.id, 'api', new Date())).token);
      return made;
    });
    return {
      rows: accessLogRows,
      total,
      ms: performance.now() - started,
      tokens,
      persons: persons.map((p) => ({ pin: formatIdentityNumber(p.pin), rows: p.rows })),
    };
  } finally {
    await database.close();
  }
}

function benchAccessLogRows(): number {
  const raw = process.env.BENCH_ACCESS_LOG_ROWS;
  if (!raw) return 10_000_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`BENCH_ACCESS_LOG_ROWS must be a whole number ≥ 0`);
  return value;
}

const progress = (text: string) => console.error(`…        ${text}`);

if (import.meta.main) {
  const summary = await seedAccessLog({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? './data',
  });
  console.log(JSON.stringify({ ...summary, tokens: summary.tokens.length }, null, 2));
}

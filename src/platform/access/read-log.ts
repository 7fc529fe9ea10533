import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accessLog } from './schema.ts';

type LogRow = typeof accessLog.$inferInsert;
type Waiting = { rows: LogRow[]; done: () => void; failed: (err: unknown) => void };

// One insert takes this many rows at most, so a batch's JSON parameter stays under a megabyte (about 350 bytes
// a row); a single read's rows are never split, so a page of 500 goes whole.
const rowsPerInsert = 2_000;

/**
 * Group commit of the access log's read rows (issue 27, docs/decisions/0026). A read needs no transaction of its
 * own: what made it one was only the log row, and a transaction costs a read three round trips (BEGIN, INSERT,
 * COMMIT) and a WAL flush each. Instead every read's rows join the next insert: while one insert is in flight,
 * the rows of the reads that finish meanwhile wait and go together in the one after it, as one statement and one
 * commit. At low load an insert carries one read's rows and nothing waits longer than before; at high load the
 * inserts grow, not their number.
 *
 * The promise settles only when the rows are committed, and the caller sends its answer only then: no person's
 * data leaves the server before its read is in the log, exactly as before. If the insert fails, every read in it
 * fails (500), as a failed log insert failed the read's transaction before.
 */
export function logReads(db: Db, rows: LogRow[]): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  let writer = writers.get(db);
  if (!writer) {
    writer = new ReadLogWriter(db);
    writers.set(db, writer);
  }
  return writer.add(rows);
}

/**
 * One statement whatever the number of rows: the rows go as one JSON parameter, so the statement is the same text
 * each time (prepared once per connection) and nothing is built per row, where a multi-row VALUES of Drizzle's is
 * a new statement for every number of rows and costs more to build than the read it logs.
 */
async function insertRows(db: Db, rows: LogRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor ?? 'staff',
      user_id: r.userId ?? null,
      username: r.username ?? null,
      unit_id: r.unitId ?? null,
      principal_id: r.principalId ?? null,
      county_code: r.countyCode,
      action: r.action,
      person_id: r.personId,
      object_type: r.objectType,
      object_id: r.objectId,
      reason: r.reason ?? null,
    })),
  );
  await db.execute(sql`insert into ${accessLog} (${sql.raw(columns)})
    select ${sql.raw(columns)} from jsonb_to_recordset(${json}::jsonb) as x(
      at timestamptz, actor text, user_id text, username text, unit_id text, principal_id text, county_code text,
      action text, person_id text, object_type text, object_id text, reason text)`);
}

const columns =
  'at, actor, user_id, username, unit_id, principal_id, county_code, action, person_id, object_type, object_id, reason';

// One writer per database handle, so each instance's reads share its own inserts.
const writers = new WeakMap<Db, ReadLogWriter>();

class ReadLogWriter {
  private readonly db: Db;
  private waiting: Waiting[] = [];
  private inFlight = false;

  constructor(db: Db) {
    this.db = db;
  }

  add(rows: LogRow[]): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.waiting.push({ rows, done, failed });
      if (!this.inFlight) void this.flush();
    });
  }

  /** Inserts what waits, then again while more came meanwhile; one insert in flight at a time. */
  private async flush(): Promise<void> {
    this.inFlight = true;
    while (this.waiting.length > 0) {
      const batch = this.takeBatch();
      try {
        await insertRows(
          this.db,
          batch.flatMap((w) => w.rows),
        );
        for (const w of batch) w.done();
      } catch (err) {
        for (const w of batch) w.failed(err);
      }
    }
    this.inFlight = false;
  }

  /** The reads waiting longest, up to one insert's worth of rows (a read's rows are never split). */
  private takeBatch(): Waiting[] {
    let rows = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || rows + this.waiting[n]!.rows.length <= rowsPerInsert)) {
      rows += this.waiting[n]!.rows.length;
      n++;
    }
    return this.waiting.splice(0, n);
  }
}

import { addYears, format, parseISO, subDays } from 'date-fns';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import type { Job } from '../../platform/jobs/scheduler.ts';
import { createNotices } from '../../platform/notices/create-notices.ts';
import { notices } from '../../platform/notices/schema.ts';
import { governanceBodyMembers, principals, units, userRoles, users } from '../organisations/schema.ts';
import './events.ts';
import { needsInventoryRounds, needsInventoryRoundUnits } from './schema.ts';

// Reminders of an inventory round, as notices to units (each exists once, by key):
// - when a round is collecting, every taking-part unit is told it may enter its records;
// - seven days before the period ends, again, so no unit's persons are missing;
// - three years after a round was reported with no later round in the county, the coordinating body's members'
//   units and the county's agreement administrators' are told the next one is due (Sörmland §10: every three to
//   four years; the county steering group decides when).
export const noticeKinds = {
  collecting: 'needsInventory.collecting',
  closing: 'needsInventory.closing',
  nextDue: 'needsInventory.nextDue',
} as const;
const closingDays = 7;
const nextAfterYears = 3;
const day = (d: Date) => format(d, 'yyyy-MM-dd');

export const needsInventoryRemindJob: Job = {
  name: 'needsInventory.remind',
  async run(tx, { now }) {
    const today = isoDate(now);
    const collecting = await tx
      .select({
        id: needsInventoryRounds.id,
        county: needsInventoryRounds.countyCode,
        end: needsInventoryRounds.periodEnd,
      })
      .from(needsInventoryRounds)
      .where(eq(needsInventoryRounds.status, 'collecting'))
      .for('update', { skipLocked: true });
    let created = 0;
    for (const round of collecting) {
      created += await remindUnits(tx, now, round, noticeKinds.collecting);
      if (today >= day(subDays(parseISO(round.end), closingDays)))
        created += await remindUnits(tx, now, round, noticeKinds.closing);
    }
    return created + (await remindNextDue(tx, now));
  },
};

async function remindUnits(tx: Db, now: Date, round: { id: string; county: string }, kind: string) {
  const taking = await tx
    .select({ unitId: needsInventoryRoundUnits.unitId })
    .from(needsInventoryRoundUnits)
    .where(eq(needsInventoryRoundUnits.roundId, round.id));
  return notify(
    tx,
    now,
    round,
    kind,
    taking.map((t) => t.unitId),
  );
}

async function notify(
  tx: Db,
  now: Date,
  round: { id: string; county: string },
  kind: string,
  unitIds: string[],
) {
  const created = await createNotices(
    tx,
    now,
    [...new Set(unitIds)].map((unitId) => ({
      key: `${kind}:${round.id}:${unitId}`,
      kind,
      recipientUnitId: unitId,
      subject: { type: 'needsInventoryRound', id: round.id },
    })),
  );
  if (created > 0)
    await recordEvent(
      tx,
      { now, user: null, countyCode: round.county },
      'needsInventory.reminded',
      { type: 'needsInventoryRound', id: round.id },
      { roundId: round.id, units: created, kind },
    );
  return created;
}

/** The county's latest reported round, three years on, when no round has been started after it. */
async function remindNextDue(tx: Db, now: Date) {
  const latest = await tx
    .select({
      id: needsInventoryRounds.id,
      county: needsInventoryRounds.countyCode,
      reportedOn: needsInventoryRounds.reportedOn,
      bodyId: needsInventoryRounds.coordinatorBodyId,
    })
    .from(needsInventoryRounds)
    .where(
      and(
        eq(needsInventoryRounds.status, 'reported'),
        sql`not exists (select 1 from ${needsInventoryRounds} later where later.county_code = ${needsInventoryRounds.countyCode} and later.period_start > ${needsInventoryRounds.periodEnd})`,
      ),
    );
  let created = 0;
  for (const round of latest) {
    if (isoDate(now) < day(addYears(parseISO(round.reportedOn!), nextAfterYears))) continue;
    const recipients = await tx
      .selectDistinct({ unitId: users.unitId })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .innerJoin(principals, eq(principals.id, units.principalId))
      .where(
        and(
          eq(users.active, true),
          eq(principals.countyCode, round.county),
          sql`(exists (select 1 from ${governanceBodyMembers} m where m.user_id = ${users.id} and m.body_id = ${round.bodyId})
            or exists (select 1 from ${userRoles} r where r.user_id = ${users.id} and r.role = 'agreementAdmin'))`,
        ),
      );
    created += await notify(
      tx,
      now,
      round,
      noticeKinds.nextDue,
      recipients.map((r) => r.unitId),
    );
  }
  return created;
}

/** For "Mitt arbete": the inventory notices of the caller's unit that still ask for something. */
export async function listInventoryNotices(ctx: UserContext) {
  const rows = await ctx.db
    .selectDistinct({
      kind: notices.kind,
      roundId: needsInventoryRounds.id,
      title: needsInventoryRounds.title,
      status: needsInventoryRounds.status,
      periodEnd: needsInventoryRounds.periodEnd,
      reportedOn: needsInventoryRounds.reportedOn,
    })
    .from(notices)
    .innerJoin(needsInventoryRounds, eq(needsInventoryRounds.id, notices.subjectId))
    .where(
      and(eq(notices.recipientUnitId, ctx.user.unit.id), inArray(notices.kind, Object.values(noticeKinds))),
    );
  const due = rows.filter((r) => r.kind === noticeKinds.nextDue);
  // Entering records is asked for while the round collects (the closing notice says it more urgently); a
  // round's "next is due" stands until a later round exists, which the job's query already knows.
  const collecting = rows.filter((r) => r.status === 'collecting' && r.kind !== noticeKinds.nextDue);
  const byRound = new Map(collecting.map((r) => [r.roundId, r]));
  for (const r of collecting) if (r.kind === noticeKinds.closing) byRound.set(r.roundId, r);
  const later = await laterRoundsExist(ctx.db, ctx.user.county.code, due);
  return [...byRound.values(), ...due.filter((d) => !later.has(d.roundId))];
}

async function laterRoundsExist(db: Db, countyCode: string, due: { roundId: string; periodEnd: string }[]) {
  if (due.length === 0) return new Set<string>();
  const starts = await db
    .select({ periodStart: needsInventoryRounds.periodStart })
    .from(needsInventoryRounds)
    .where(eq(needsInventoryRounds.countyCode, countyCode));
  return new Set(due.filter((d) => starts.some((s) => s.periodStart > d.periodEnd)).map((d) => d.roundId));
}

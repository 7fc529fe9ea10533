import { and, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { Job, JobContext } from '../../platform/jobs/scheduler.ts';
import { createNotices, type NewNotice } from '../../platform/notices/create-notices.ts';
import { managersHoldHere } from './access-rule.ts';
import './events.ts';
import { deviationEntries, deviationPrincipals, deviations } from './schema.ts';

/**
 * A deviation not answered (the managers' level) or decided (a body's) by its day is flagged once per level: at
 * the managers' level to the receiving managers that have not answered and to the reporter; at a body's to the
 * reporter. Rows are claimed
 * FOR UPDATE SKIP LOCKED and marked in the same transaction, and notices are keyed, so two instances running
 * this together flag each deviation once.
 */
export async function flagOverdueDeviations(tx: Db, ctx: JobContext): Promise<number> {
  const due = await tx
    .select({
      id: deviations.id,
      level: deviations.level,
      atManagers: sql<boolean>`${managersHoldHere}`,
      dueOn: deviations.dueOn,
      countyCode: deviations.countyCode,
      reportedByUnitId: deviations.reportedByUnitId,
    })
    .from(deviations)
    .where(
      and(
        inArray(deviations.status, ['reported', 'escalated']),
        lt(deviations.dueOn, isoDate(ctx.now)),
        or(isNull(deviations.overdueFlaggedLevel), lt(deviations.overdueFlaggedLevel, deviations.level)),
      ),
    )
    .orderBy(deviations.id)
    .limit(500)
    .for('update', { of: deviations, skipLocked: true });
  if (due.length === 0) return 0;
  const ids = due.map((d) => d.id);
  await tx
    .update(deviations)
    .set({ overdueFlaggedLevel: sql`${deviations.level}` })
    .where(inArray(deviations.id, ids));
  const waiting = await tx
    .select({ deviationId: deviationPrincipals.deviationId, unitId: deviationPrincipals.receivingUnitId })
    .from(deviationPrincipals)
    .where(
      and(
        inArray(deviationPrincipals.deviationId, ids),
        sql`not exists (select 1 from ${deviationEntries} de where de.deviation_id = ${deviationPrincipals.deviationId}
          and de.kind = 'answer' and de.principal_id = ${deviationPrincipals.principalId})`,
      ),
    );
  const list: NewNotice[] = [];
  for (const d of due) {
    const managers = d.atManagers ? waiting.filter((w) => w.deviationId === d.id).map((w) => w.unitId) : [];
    for (const unitId of new Set([d.reportedByUnitId, ...managers])) {
      list.push({
        key: `deviation.overdue:${d.id}:${d.level}:${unitId}`,
        kind: 'deviation.overdue',
        recipientUnitId: unitId,
        subject: { type: 'deviation', id: d.id },
      });
    }
    await recordEvent(
      tx,
      { now: ctx.now, user: null, countyCode: d.countyCode },
      'deviation.overdue',
      { type: 'deviation', id: d.id },
      { deviationId: d.id, level: d.level, dueOn: d.dueOn },
    );
  }
  return createNotices(tx, ctx.now, list);
}

export const flagOverdueJob: Job = { name: 'deviation.flagOverdue', run: flagOverdueDeviations };

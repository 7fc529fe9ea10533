import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Job, JobContext } from '../../platform/jobs/scheduler.ts';
import { createNotices } from '../../platform/notices/create-notices.ts';
import { notices } from '../../platform/notices/schema.ts';
import { sips } from './schema.ts';

/**
 * A SIP whose follow-up date has passed is flagged to the unit with the overall responsibility, once per date
 * (a notice keyed by the SIP and the date; a new follow-up date is flagged again). "Mitt arbete" lists these
 * SIPs from the SIP itself; the notice is what mail about work (the notifications module) follows.
 */
export async function flagFollowUpsDue(tx: Db, ctx: JobContext): Promise<number> {
  const late = await tx
    .select({ id: sips.id, unitId: sips.overallUnitId, dueOn: sips.followUpDueOn })
    .from(sips)
    .where(
      and(
        eq(sips.status, 'active'),
        isNotNull(sips.overallUnitId),
        lt(sips.followUpDueOn, isoDate(ctx.now)),
        sql`not exists (select 1 from ${notices} n where n.key = 'sip.followUpDue:' || ${sips.id} || ':' || ${sips.followUpDueOn})`,
      ),
    )
    .orderBy(sips.id)
    .limit(500);
  return createNotices(
    tx,
    ctx.now,
    late.map((s) => ({
      key: `sip.followUpDue:${s.id}:${s.dueOn}`,
      kind: 'sip.followUpDue',
      recipientUnitId: s.unitId!,
      subject: { type: 'sip', id: s.id },
    })),
  );
}

export const flagFollowUpsDueJob: Job = { name: 'sip.flagFollowUpsDue', run: flagFollowUpsDue };

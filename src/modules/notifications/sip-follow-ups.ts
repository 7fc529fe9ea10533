import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import { type JobContext, registerJob } from '../../platform/jobs/scheduler.ts';
import { sips } from '../sip/schema.ts';
import { notify } from './notify.ts';
import { notifications } from './schema.ts';

/**
 * "Mitt arbete" lists a SIP whose follow-up date has passed for the unit with the overall responsibility, from
 * the SIP itself; no notice is kept for it. Its mail is keyed by the SIP and the date, so it goes once per date
 * (a new follow-up date is told again), once however many instances run this.
 */
export async function notifyFollowUpsDue(tx: Db, ctx: JobContext): Promise<number> {
  const late = await tx
    .select({ id: sips.id, unitId: sips.overallUnitId, dueOn: sips.followUpDueOn })
    .from(sips)
    .where(
      and(
        eq(sips.status, 'active'),
        isNotNull(sips.overallUnitId),
        lt(sips.followUpDueOn, isoDate(ctx.now)),
        sql`not exists (select 1 from ${notifications} n where n.key = 'sip.followUpDue:' || ${sips.id} || ':' || ${sips.followUpDueOn})`,
      ),
    )
    .orderBy(sips.id)
    .limit(500);
  return notify(
    tx,
    ctx.now,
    late.map((s) => ({
      key: `sip.followUpDue:${s.id}:${s.dueOn}`,
      kind: 'sip.followUpDue' as const,
      recipient: { unitId: s.unitId! },
      subject: { type: 'sip', id: s.id },
    })),
  );
}

registerJob({ name: 'notifications.sipFollowUpsDue', run: notifyFollowUpsDue });

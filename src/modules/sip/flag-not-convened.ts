import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Job, JobContext } from '../../platform/jobs/scheduler.ts';
import { createNotices } from '../../platform/notices/create-notices.ts';
import { notices } from '../../platform/notices/schema.ts';
import { counties } from '../organisations/schema.ts';
import { sipConsents, sipInvitations, sips } from './schema.ts';

/**
 * A SIP with consent but no meeting convened within the county's number of days (counties.sip_convene_days)
 * is flagged to its convening unit, once (keyed notice); "Mitt arbete" then suggests reporting a deviation.
 */
export async function flagSipsNotConvened(tx: Db, ctx: JobContext): Promise<number> {
  const today = isoDate(ctx.now);
  const late = await tx
    .select({ id: sips.id, conveningUnitId: sips.conveningUnitId })
    .from(sips)
    .innerJoin(sipConsents, and(eq(sipConsents.sipId, sips.id), isNull(sipConsents.withdrawnOn)))
    .innerJoin(counties, eq(counties.code, sips.countyCode))
    .where(
      and(
        eq(sips.status, 'active'),
        sql`${sipConsents.givenOn} + ${counties.sipConveneDays} < ${today}::date`,
        sql`not exists (select 1 from ${sipInvitations} i where i.sip_id = ${sips.id})`,
        sql`not exists (select 1 from ${notices} n where n.key = 'sip.notConvened:' || ${sips.id})`,
      ),
    )
    .limit(500);
  return createNotices(
    tx,
    ctx.now,
    late.map((s) => ({
      key: `sip.notConvened:${s.id}`,
      kind: 'sip.notConvened',
      recipientUnitId: s.conveningUnitId,
      subject: { type: 'sip', id: s.id },
    })),
  );
}

export const flagNotConvenedJob: Job = { name: 'sip.flagNotConvened', run: flagSipsNotConvened };

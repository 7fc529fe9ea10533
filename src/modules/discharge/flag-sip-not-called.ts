import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Job, JobContext } from '../../platform/jobs/scheduler.ts';
import { createNotices } from '../../platform/notices/create-notices.ts';
import { notices } from '../../platform/notices/schema.ts';
import { sipCallDays } from './rules.ts';
import { dischargeReadiness, dischargeStays, dischargeStayUnits } from './schema.ts';

/**
 * A stay whose first ready notice is more than three days old without a SIP called is flagged, once, to the
 * region's outpatient units notified about it (the fasta vårdkontakt calls the SIP: legalBasis.sipCall) and to the
 * inpatient unit.
 */
export async function flagSipsNotCalled(tx: Db, ctx: JobContext): Promise<number> {
  const today = isoDate(ctx.now);
  const firstNotice = sql`(select min(r.notified_at) from ${dischargeReadiness} r where r.stay_id = "discharge_stays"."id")`;
  const late = await tx
    .select({ id: dischargeStays.id, inpatientUnitId: dischargeStays.inpatientUnitId })
    .from(dischargeStays)
    .where(
      and(
        isNull(dischargeStays.sipId),
        sql`${dischargeStays.status} <> 'discharged'`,
        sql`(${firstNotice} at time zone 'Europe/Stockholm')::date + ${sipCallDays}::int < ${today}::date`,
        sql`not exists (select 1 from ${notices} n where n.key like 'discharge.sipNotCalled:' || "discharge_stays"."id" || ':%')`,
      ),
    )
    .limit(500);
  if (late.length === 0) return 0;
  const outpatient = await tx
    .select({ stayId: dischargeStayUnits.stayId, unitId: dischargeStayUnits.unitId })
    .from(dischargeStayUnits)
    .where(
      and(
        eq(dischargeStayUnits.kind, 'regionalOutpatient'),
        inArray(
          dischargeStayUnits.stayId,
          late.map((l) => l.id),
        ),
      ),
    );
  return createNotices(
    tx,
    ctx.now,
    late.flatMap((s) =>
      [s.inpatientUnitId, ...outpatient.filter((o) => o.stayId === s.id).map((o) => o.unitId)].map(
        (unitId) => ({
          key: `discharge.sipNotCalled:${s.id}::${unitId}`,
          kind: 'discharge.sipNotCalled',
          recipientUnitId: unitId,
          subject: { type: 'dischargeStay', id: s.id },
        }),
      ),
    ),
  );
}

export const flagSipsNotCalledJob: Job = { name: 'discharge.flagSipsNotCalled', run: flagSipsNotCalled };

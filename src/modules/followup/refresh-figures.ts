import { eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Job } from '../../platform/jobs/scheduler.ts';
import { deviationIndicatorFacts } from '../deviations/index.ts';
import { dischargeIndicatorFacts } from '../discharge/index.ts';
import { disputeIndicatorFacts } from '../disputes/index.ts';
import { counties } from '../organisations/schema.ts';
import { sipIndicatorFacts } from '../sip/index.ts';
import { indicatorFigures, indicatorRefreshes } from './schema.ts';

/**
 * Computes a county's figures again from the observations the SIP, deviation, dispute and discharge modules give, in one
 * statement: each observation counts in its month and in its year, per unit, principal, bucket and value. The
 * old figures go in the same transaction, so a dashboard never sees half a refresh. Returns the rows written. No
 * domain event: nothing in the work changed, and indicator_refreshes says when it ran.
 */
export async function refreshCountyFigures(tx: Db, countyCode: string, now: Date): Promise<number> {
  const today = isoDate(now);
  // PostgreSQL would JIT-compile this large statement on every refresh, which costs more than it saves here.
  await tx.execute(sql`set local jit = off`);
  const discharge = await dischargeIndicatorFacts(tx, countyCode, now);
  await tx.delete(indicatorFigures).where(eq(indicatorFigures.countyCode, countyCode));
  const inserted = await tx.execute(sql`
    insert into ${indicatorFigures} (county_code, period, measure, unit_id, principal_id, bucket, value, n)
    select ${countyCode}, p.period, f.measure, f.unit_id, f.principal_id, f.bucket, f.value, count(*)
    from (
      select * from (${sipIndicatorFacts(countyCode, today)}) as s
      union all select * from (${deviationIndicatorFacts(countyCode)}) as d
      union all select * from (${disputeIndicatorFacts(countyCode)}) as t
      union all select * from (${discharge}) as u
    ) as f
    cross join lateral (values (to_char(f.on_date, 'YYYY-MM')), (to_char(f.on_date, 'YYYY'))) as p(period)
    group by p.period, f.measure, f.unit_id, f.principal_id, f.bucket, f.value`);
  const rows =
    (inserted as unknown as { rowCount?: number; affectedRows?: number }).rowCount ??
    (inserted as unknown as { affectedRows?: number }).affectedRows ??
    0;
  await tx
    .insert(indicatorRefreshes)
    .values({ countyCode, refreshedAt: now, version: 1 })
    .onConflictDoUpdate({
      target: indicatorRefreshes.countyCode,
      set: { refreshedAt: now, version: sql`${indicatorRefreshes.version} + 1` },
    });
  return rows;
}

/** Something a dashboard shows changed (a value entered, a target): its cached charts are stale. */
export async function bumpFiguresVersion(tx: Db, countyCode: string): Promise<void> {
  await tx
    .insert(indicatorRefreshes)
    .values({ countyCode, version: 1 })
    .onConflictDoUpdate({
      target: indicatorRefreshes.countyCode,
      set: { version: sql`${indicatorRefreshes.version} + 1` },
    });
}

/**
 * The scheduled refresh: every county whose figures are older than its refresh interval (15 minutes unless set
 * otherwise) or were never computed. Rows are claimed FOR UPDATE SKIP LOCKED, so two instances never compute
 * the same county at once; the other instance skips it and finds it fresh next time.
 */
export const refreshFiguresJob: Job = {
  name: 'followUp.refreshFigures',
  async run(tx, { now }) {
    const all = await tx.select({ code: counties.code }).from(counties);
    if (all.length === 0) return 0;
    await tx
      .insert(indicatorRefreshes)
      .values(all.map((c) => ({ countyCode: c.code })))
      .onConflictDoNothing();
    const stale = await tx
      .select({ countyCode: indicatorRefreshes.countyCode })
      .from(indicatorRefreshes)
      .where(
        or(
          isNull(indicatorRefreshes.refreshedAt),
          lt(
            indicatorRefreshes.refreshedAt,
            sql`${now.toISOString()}::timestamptz - make_interval(mins => ${indicatorRefreshes.everyMinutes})`,
          ),
        ),
      )
      .orderBy(indicatorRefreshes.countyCode)
      .for('update', { skipLocked: true });
    for (const { countyCode } of stale) await refreshCountyFigures(tx, countyCode, now);
    return stale.length;
  },
};

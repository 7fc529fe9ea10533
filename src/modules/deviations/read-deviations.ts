import { and, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { notices } from '../../platform/notices/schema.ts';
import { categoryLabels } from '../organisations/index.ts';
import { unitNameAt } from '../organisations/unit-names.ts';
import {
  atCurrentBody,
  managersHoldHere,
  receivedBy,
  visibleDeviationIds,
  visibleDeviationRows,
} from './access-rule.ts';
import { loadDeviation } from './load.ts';
import { presentDeviation } from './present.ts';
import { type DeviationStatus, deviationEntries, deviations } from './schema.ts';

/**
 * One deviation, for those its access rule lets through; others get 404. In a transaction although it only reads:
 * its five statements then share one pooled connection instead of queueing for one each, which the bench
 * measured a fifth faster under load (issue 27).
 */
export function readDeviation(ctx: UserContext, id: string) {
  return inTransaction(ctx.db, async (tx) =>
    presentDeviation(await loadDeviation(tx, ctx.user, id), ctx.now),
  );
}

export type DeviationFilter = {
  status?: DeviationStatus | 'open' | undefined;
  /** toHandle: waiting for the caller: an answer from the caller's unit, or a decision of the caller's body. */
  show?: 'toHandle' | undefined;
  page?: { number: number; size: number } | undefined;
};

/**
 * The deviations the caller may see, newest first, filtered and paged in SQL, with their total. The page is
 * chosen and counted from narrow rows (visibleDeviationRows: id and date of each deviation the caller sees), and
 * only its own rows are then read in full, with the columns that cost a subquery each (issue 27). A summary per
 * row. De-identified, so no access-log rows and no transaction.
 */
export async function listDeviations(ctx: UserContext, filter: DeviationFilter = {}) {
  const { user } = ctx;
  const { ids, total } = await visiblePage(
    ctx.db,
    visibleDeviationRows(user, filterConditions(ctx, filter)),
    filter.page,
  );
  const rows = ids.length
    ? await ctx.db
        .select({
          id: deviations.id,
          title: deviations.title,
          category: deviations.category,
          status: deviations.status,
          level: deviations.level,
          atManagers: sql<boolean>`${managersHoldHere}`,
          reportedAt: deviations.reportedAt,
          dueOn: deviations.dueOn,
          reportedByUnitName: unitNameAt(deviations.reportedByUnitId, deviations.reportedAt),
        })
        .from(deviations)
        .where(inArray(deviations.id, ids))
        .orderBy(desc(deviations.reportedAt), desc(deviations.id))
    : [];
  const label = await categoryLabels(ctx.db, user.county.code, 'deviation', [
    ...new Set(rows.map((r) => r.category)),
  ]);
  const today = isoDate(ctx.now);
  return {
    total,
    deviations: rows.map((r) => ({
      ...r,
      reportedOn: isoDate(r.reportedAt),
      categoryLabel: label(r.category),
      overdue: (r.status === 'reported' || r.status === 'escalated') && r.dueOn < today,
    })),
  };
}

/** The ids on one page of the visible rows, newest first, and how many rows there are in all. */
async function visiblePage(db: Db, visible: SQL, page: DeviationFilter['page']) {
  const limit = page ? sql`limit ${page.size} offset ${(page.number - 1) * page.size}` : sql``;
  // The total rides on the page (a window count), so the visible set is built once, not again to count.
  const found = await queryRows<{ id: string; total: string }>(
    db,
    sql`select v.id, count(*) over () as total from (${visible}) v
      order by v.reported_at desc, v.id desc ${limit}`,
  );
  // Past the last page the window count has no row to ride on; count apart so the page can say how many.
  const counted =
    found.length === 0 && page && page.number > 1
      ? await queryRows<{ total: string }>(db, sql`select count(*) as total from (${visible}) v`)
      : found;
  return { ids: found.map((r) => r.id), total: Number(counted[0]?.total ?? 0) };
}

function filterConditions(ctx: UserContext, filter: DeviationFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.status === 'open') conditions.push(ne(deviations.status, 'closed'));
  else if (filter.status) conditions.push(eq(deviations.status, filter.status));
  if (filter.show === 'toHandle') conditions.push(waitingFor(ctx));
  return conditions;
}

/** SQL: the deviation waits for the caller: an answer from their unit at the managers' level, or their body's decision. */
export function waitingFor(ctx: UserContext): SQL {
  const { user } = ctx;
  const notAnsweredByMe = sql`not exists (select 1 from ${deviationEntries} de
    where de.deviation_id = "deviations"."id" and de.kind = 'answer' and de.by_unit_id = ${user.unit.id})`;
  const manager = user.roles.includes('manager')
    ? [and(managersHoldHere, receivedBy(user), notAnsweredByMe)!]
    : [];
  return and(
    inArray(deviations.status, ['reported', 'answered', 'escalated']),
    sql`(${sql.join([...manager, atCurrentBody(user)], sql` or `)})`,
  )!;
}

/**
 * Deviations flagged overdue to the caller's unit by the job (DOMAIN.md §4 deadlines) that still wait for an
 * answer or a decision, oldest day first.
 */
export async function listOverdueForMyUnit(ctx: UserContext) {
  return ctx.db
    .select({ id: deviations.id, title: deviations.title, dueOn: deviations.dueOn, level: deviations.level })
    .from(deviations)
    .where(
      and(
        eq(deviations.countyCode, ctx.user.county.code),
        visibleDeviationIds(ctx.user),
        inArray(deviations.status, ['reported', 'escalated']),
        sql`exists (select 1 from ${notices} n where n.subject_id = "deviations"."id" and n.kind = 'deviation.overdue'
          and n.recipient_unit_id = ${ctx.user.unit.id})`,
        sql`"deviations"."due_on" < ${isoDate(ctx.now)}`,
      ),
    )
    .orderBy(deviations.dueOn)
    .limit(50);
}

import { and, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { notices } from '../../platform/notices/schema.ts';
import { categoryLabels } from '../organisations/index.ts';
import { unitNameAt } from '../organisations/unit-names.ts';
import { atCurrentBody, managersHoldHere, receivedBy, visibleDeviationIds } from './access-rule.ts';
import { loadDeviation } from './load.ts';
import { presentDeviation } from './present.ts';
import { type DeviationStatus, deviationEntries, deviations } from './schema.ts';

/** One deviation, for those its access rule lets through; others get 404. */
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
 * The deviations the caller may see, newest first, filtered and paged in SQL, with their total. The query scopes
 * by the access rule's set form (visibleDeviationIds), hashed once, and counts with a window over the same rows,
 * so the visible set is built once a page (issue 27: it was built twice, for the page and for the count). A
 * summary per row.
 */
export async function listDeviations(ctx: UserContext, filter: DeviationFilter = {}) {
  const { user } = ctx;
  return inTransaction(ctx.db, async (tx) => {
    const where = and(
      eq(deviations.countyCode, user.county.code),
      visibleDeviationIds(user),
      ...filterConditions(ctx, filter),
    );
    const query = tx
      .select({
        // The total rides on the page (a window count), so the visible set is built once, not again to count.
        total: sql<number>`count(*) over ()`.mapWith(Number),
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
      .where(where)
      .orderBy(desc(deviations.reportedAt), desc(deviations.id))
      .$dynamic();
    const { page } = filter;
    const found = page ? await query.limit(page.size).offset((page.number - 1) * page.size) : await query;
    // Past the last page the window count has no row to ride on; count apart so the page can say how many.
    const total = found[0]?.total ?? (page && page.number > 1 ? await countVisible(tx, where) : 0);
    const rows = found.map(({ total: _, ...row }) => row);
    const label = await categoryLabels(tx, user.county.code, 'deviation', [
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
  });
}

async function countVisible(tx: Db, where: SQL | undefined): Promise<number> {
  return (await tx.select({ n: count() }).from(deviations).where(where))[0]?.n ?? 0;
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

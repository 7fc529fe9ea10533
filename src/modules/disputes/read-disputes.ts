import { and, asc, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { caseCategories, escalationPathLevels } from '../organisations/schema.ts';
import { disputeVisibleTo } from './access-rule.ts';
import { loadDispute } from './load.ts';
import { presentDispute } from './present.ts';
import { disputeEntries, disputes } from './schema.ts';

export function readDispute(ctx: UserContext, id: string) {
  return inTransaction(ctx.db, async (tx) => presentDispute(await loadDispute(tx, ctx.user, id)));
}

/** The disputes the caller may see, newest first, paged in SQL with the total as a window count. */
export async function listDisputes(
  ctx: UserContext,
  filter: { open?: boolean | undefined; page: { number: number; size: number } },
) {
  return inTransaction(ctx.db, async (tx) => {
    const where = and(
      disputeVisibleTo(ctx.user),
      filter.open === undefined ? undefined : openCondition(filter.open),
    );
    const rows = await tx
      .select({
        id: disputes.id,
        kind: disputes.kind,
        title: disputes.title,
        category: disputes.category,
        categoryLabel: caseCategories.label,
        status: disputes.status,
        level: disputes.level,
        openedAt: disputes.openedAt,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(disputes)
      .leftJoin(
        caseCategories,
        and(
          eq(caseCategories.countyCode, disputes.countyCode),
          eq(caseCategories.caseKind, 'dispute'),
          eq(caseCategories.key, disputes.category),
        ),
      )
      .where(where)
      .orderBy(desc(disputes.openedAt), desc(disputes.id))
      .limit(filter.page.size)
      .offset((filter.page.number - 1) * filter.page.size);
    const total = rows[0]?.total ?? (filter.page.number > 1 ? await countVisible(tx, where) : 0);
    return {
      total,
      disputes: rows.map(({ total: _, ...r }) => ({ ...r, categoryLabel: r.categoryLabel ?? r.category })),
    };
  });
}

const openCondition = (open: boolean) =>
  open ? ne(disputes.status, 'decided') : eq(disputes.status, 'decided');

async function countVisible(tx: Db, where: SQL | undefined) {
  return (await tx.select({ n: count() }).from(disputes).where(where))[0]?.n ?? 0;
}

/**
 * Earlier decisions in the county ("Tidigare beslut"), as precedent for later cases: the title, the
 * decision and its reasoning, the level that decided. Anyone in the county may read them; they are
 * de-identified, and the case description and its parties' dialogue are not part of a precedent.
 */
export async function listPrecedents(
  ctx: UserContext,
  filter: { category?: string | undefined; search?: string | undefined },
) {
  const rows = await ctx.db
    .select({
      id: disputes.id,
      kind: disputes.kind,
      category: disputes.category,
      categoryLabel: caseCategories.label,
      title: disputes.title,
      decidedOn: disputes.decidedOn,
      level: disputeEntries.level,
      levelLabel: escalationPathLevels.label,
      decision: disputeEntries.text,
      reasoning: disputeEntries.reasoning,
    })
    .from(disputes)
    .innerJoin(
      disputeEntries,
      and(eq(disputeEntries.disputeId, disputes.id), eq(disputeEntries.kind, 'decision')),
    )
    .leftJoin(
      escalationPathLevels,
      and(
        eq(escalationPathLevels.caseKind, 'dispute'),
        eq(escalationPathLevels.caseId, disputes.id),
        eq(escalationPathLevels.level, disputeEntries.level),
      ),
    )
    .leftJoin(
      caseCategories,
      and(
        eq(caseCategories.countyCode, disputes.countyCode),
        eq(caseCategories.caseKind, 'dispute'),
        eq(caseCategories.key, disputes.category),
      ),
    )
    .where(
      and(
        eq(disputes.countyCode, ctx.user.county.code),
        eq(disputes.status, 'decided'),
        filter.category ? eq(disputes.category, filter.category) : undefined,
      ),
    )
    .orderBy(desc(disputes.decidedOn), asc(disputes.title));
  // The text search folds case in JavaScript with Swedish rules: in SQL, ilike follows the database's
  // character type, which folds only A–Z on a server initialised without a locale, so Å, Ä, Ö would not match.
  const search = filter.search?.trim().toLocaleLowerCase('sv');
  if (!search) return rows;
  const matches = (r: (typeof rows)[number]) =>
    [r.title, r.decision, r.reasoning ?? ''].some((t) => t.toLocaleLowerCase('sv').includes(search));
  return rows.filter(matches);
}

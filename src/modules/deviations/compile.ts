import { and, asc, eq, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { type Cell, type ShownCell, suppressTable } from '../../platform/statistics/suppression.ts';
import { caseCategories, escalationLevels, principals, units } from '../organisations/schema.ts';
import { deviationOutcomeLabels } from './labels.ts';
import { deviationOutcomes, deviationPrincipals, deviations } from './schema.ts';

const outcomeLabels: Record<string, string> = { ...deviationOutcomeLabels, open: 'Pågår' };

export const dimensions = ['category', 'principal', 'level', 'month', 'outcome'] as const;
export type Dimension = (typeof dimensions)[number];
const dimensionLabels: Record<Dimension, string> = {
  category: 'Kategori',
  principal: 'Berörd huvudman',
  level: 'Högsta nivå',
  month: 'Månad',
  outcome: 'Utfall',
};

export type CompilationFilter = { from: string; to: string; principalId?: string | undefined };
export type CompilationTable = {
  dimension: Dimension;
  label: string;
  rows: ShownCell[];
  total: number | null;
  totalSuppressed: boolean;
  /** The principal table counts a deviation once per concerned principal, so it has no total. */
  hasTotal: boolean;
};

/**
 * Counts of a county's deviations reported in a period, by category, concerned principal, level reached,
 * month and outcome (DOMAIN.md §4: the basis of action plans and the annual follow-up). Counts only, no texts.
 * Counts under 5 are suppressed unless the caller's principal owns them: its own row in the principal table,
 * or every table when the compilation is narrowed to the caller's principal.
 */
export async function compileDeviations(ctx: UserContext, filter: CompilationFilter) {
  const county = ctx.user.county.code;
  const mine = ctx.user.principal.id;
  return inTransaction(ctx.db, async (tx) => {
    const where = scope(county, filter);
    const count = (key: SQL) =>
      tx
        .select({ key: sql<string>`${key}`, n: sql<number>`count(*)`.mapWith(Number) })
        .from(deviations)
        .where(where)
        .groupBy(key);
    const month = sql`to_char(${deviations.reportedAt} at time zone 'Europe/Stockholm', 'YYYY-MM')`;
    const byCategory = await count(sql`${deviations.category}`);
    const byLevel = await count(sql`${deviations.level}::text`);
    const byMonth = await count(month);
    const byOutcome = await count(sql`coalesce(${deviations.outcome}, 'open')`);
    const byPrincipal = await tx
      .select({ key: deviationPrincipals.principalId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(deviationPrincipals)
      .innerJoin(deviations, eq(deviations.id, deviationPrincipals.deviationId))
      .where(where)
      .groupBy(deviationPrincipals.principalId);
    const total = byOutcome.reduce((s, r) => s + r.n, 0);
    const owned = filter.principalId === mine;
    // A county total under 5 is itself a small count.
    const totalShown = owned || total === 0 || total >= 5;
    const labels = await dimensionValues(tx, county, filter);
    const table = (dimension: Dimension, counts: { key: string; n: number }[], hasTotal = true) => {
      const cells: Cell[] = labels[dimension].map((v) => ({
        key: v.key,
        label: v.label,
        count: counts.find((c) => c.key === v.key)?.n ?? 0,
        owned: owned || (dimension === 'principal' && v.key === mine),
      }));
      const shown = suppressTable(cells, hasTotal && totalShown ? total : null);
      const totalSuppressed = shown.totalSuppressed || (hasTotal && !totalShown);
      return {
        dimension,
        label: dimensionLabels[dimension],
        ...shown,
        totalSuppressed,
        hasTotal,
      } satisfies CompilationTable;
    };
    const tables = [
      table('category', byCategory),
      table('principal', byPrincipal, false),
      table('level', byLevel),
      table('month', byMonth),
      table('outcome', byOutcome),
    ];
    // Every table shares one total: if one table had to hide it to protect its cells, it is hidden everywhere.
    const hideTotal = !totalShown || tables.some((t) => t.hasTotal && t.totalSuppressed);
    return {
      filter,
      total: hideTotal ? null : total,
      tables: hideTotal
        ? tables.map((t) => (t.hasTotal ? { ...t, total: null, totalSuppressed: true } : t))
        : tables,
    };
  });
}

/** The county's deviations reported in the period, narrowed to those reported by or concerning a principal. */
function scope(countyCode: string, filter: CompilationFilter): SQL {
  const reportedOn = sql`(${deviations.reportedAt} at time zone 'Europe/Stockholm')::date`;
  const principal = filter.principalId
    ? or(
        sql`exists (select 1 from ${units} u where u.id = ${deviations.reportedByUnitId} and u.principal_id = ${filter.principalId})`,
        sql`exists (select 1 from ${deviationPrincipals} p where p.deviation_id = ${deviations.id} and p.principal_id = ${filter.principalId})`,
      )
    : undefined;
  return and(
    eq(deviations.countyCode, countyCode),
    sql`${reportedOn} between ${filter.from}::date and ${filter.to}::date`,
    principal,
  )!;
}

/** Every value a table has a row for, so empty ones show as 0 and the order is the county's. */
async function dimensionValues(tx: Db, countyCode: string, filter: CompilationFilter) {
  const categories = await tx
    .select({ key: caseCategories.key, label: caseCategories.label })
    .from(caseCategories)
    .where(and(eq(caseCategories.countyCode, countyCode), eq(caseCategories.caseKind, 'deviation')))
    .orderBy(asc(caseCategories.position));
  const principalRows = await tx
    .select({ key: principals.id, label: principals.name, kind: principals.kind })
    .from(principals)
    .where(and(eq(principals.countyCode, countyCode), ne(principals.kind, 'userOrganisation')))
    .orderBy(asc(principals.name));
  const levels = await tx
    .select({ level: escalationLevels.level, label: escalationLevels.label })
    .from(escalationLevels)
    .where(and(eq(escalationLevels.countyCode, countyCode), eq(escalationLevels.caseKind, 'deviation')))
    .orderBy(asc(escalationLevels.level));
  return {
    category: categories,
    principal: [
      ...principalRows.filter((p) => p.kind === 'region'),
      ...principalRows.filter((p) => p.kind !== 'region'),
    ],
    level: levels.map((l) => ({ key: String(l.level), label: `${l.level}. ${l.label}` })),
    month: monthsBetween(filter.from, filter.to).map((m) => ({ key: m, label: m })),
    outcome: [...deviationOutcomes, 'open' as const].map((o) => ({ key: o, label: outcomeLabels[o]! })),
  };
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    months.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

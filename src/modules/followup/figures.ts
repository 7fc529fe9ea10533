import { and, eq, like, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { indicatorFigures, indicatorRefreshes } from './schema.ts';

/** One precomputed figure: observations of a measure in a period for a unit, with its bucket or value. */
export type FigureRow = {
  period: string;
  measure: string;
  unitId: string | null;
  principalId: string | null;
  bucket: string;
  value: number | null;
  n: number;
};

/** Whose figures a dashboard shows: the whole county, one principal, or one unit (of its principal). */
export type Scope =
  | { kind: 'county' }
  | { kind: 'principal'; principalId: string }
  | { kind: 'unit'; unitId: string; principalId: string };

/** A county's figures for a year: the year's rows and its months'. */
export async function loadYearFigures(db: Db, countyCode: string, year: number): Promise<FigureRow[]> {
  return db
    .select({
      period: indicatorFigures.period,
      measure: indicatorFigures.measure,
      unitId: indicatorFigures.unitId,
      principalId: indicatorFigures.principalId,
      bucket: indicatorFigures.bucket,
      value: indicatorFigures.value,
      n: indicatorFigures.n,
    })
    .from(indicatorFigures)
    .where(
      and(
        eq(indicatorFigures.countyCode, countyCode),
        or(eq(indicatorFigures.period, String(year)), like(indicatorFigures.period, `${year}-%`)),
      ),
    );
}

/** When the county's figures were computed, and the version dashboards cache by. */
export async function refreshState(db: Db, countyCode: string) {
  const [row] = await db
    .select()
    .from(indicatorRefreshes)
    .where(eq(indicatorRefreshes.countyCode, countyCode));
  return { refreshedAt: row?.refreshedAt ?? null, version: row?.version ?? 0 };
}

/** What a period's observations of one measure add up to, for one scope. */
export type Tally = { n: number; yes: number; values: Map<number, number>; buckets: Map<string, number> };
const emptyTally = (): Tally => ({ n: 0, yes: 0, values: new Map(), buckets: new Map() });

/** Adds up rows by measure and period; `key` groups further (by principal, by unit) when given. */
export function tally(rows: FigureRow[], key: (r: FigureRow) => string | null = () => '') {
  const out = new Map<string, Tally>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const id = `${r.measure}|${r.period}|${k}`;
    const t = out.get(id) ?? emptyTally();
    out.set(id, t);
    t.n += r.n;
    if (r.bucket === 'yes') t.yes += r.n;
    if (r.value !== null) t.values.set(r.value, (t.values.get(r.value) ?? 0) + r.n);
    if (r.bucket) t.buckets.set(r.bucket, (t.buckets.get(r.bucket) ?? 0) + r.n);
  }
  return {
    get: (measure: string, period: string, k = ''): Tally =>
      out.get(`${measure}|${period}|${k}`) ?? emptyTally(),
  };
}

/** The median of a distribution of whole numbers (the mean of the two middle ones for an even count). */
export function median(values: Map<number, number>): number | null {
  const total = [...values.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const sorted = [...values.entries()].sort((a, b) => a[0] - b[0]);
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (rank < seen) return value;
    }
    return sorted.at(-1)![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

export const inScope = (scope: Scope) => (r: FigureRow) =>
  scope.kind === 'county' ||
  (scope.kind === 'principal' && r.principalId === scope.principalId) ||
  (scope.kind === 'unit' && r.unitId === scope.unitId);

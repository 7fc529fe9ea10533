import { type Cell, suppressionThreshold, suppressTable } from '../../platform/statistics/suppression.ts';
import { deviationOutcomeLabels } from '../deviations/index.ts';
import { type FigureRow, inScope, median, type Scope, type Tally, tally } from './figures.ts';
import { isMeasure, type MeasureKey, measureOf, measures } from './measures.ts';
import type { PlanIndicator } from './read-plan.ts';

/** The names a dashboard puts on codes: categories, ladder levels, principals, the units of a principal. */
export type Labels = {
  category: Map<string, string>;
  level: Map<string, string>;
  principal: Map<string, string>;
  /** Every principal and unit of the county, for the sibling check (see below). */
  principals: string[];
  unitsOf: Map<string, string[]>;
};

/** Who looks: their principal owns the figures of its own units and may see its small counts. */
export type Viewer = { principalId: string };

export type ShownRow = {
  key: string;
  label: string;
  /** The figure: a count, a median in days, a share in per cent; null when hidden or when nothing to show. */
  value: number | null;
  /** The observations behind it (the count itself for a count); null when hidden. */
  n: number | null;
  suppressed: boolean;
};

export type IndicatorView = {
  id: string;
  key: string;
  measure: string | null;
  name: string;
  definition: string;
  unit: PlanIndicator['unit'];
  source: PlanIndicator['source'];
  sourceName: string | null;
  kind: 'count' | 'median' | 'mean' | 'sum' | 'share' | 'breakdown' | 'manual';
  noun: string;
  target: { value: number; direction: 'atLeast' | 'atMost' } | null;
  /** Months of the year (count, median, share), buckets (breakdown) or entered periods (manual). */
  rows: ShownRow[];
  total: ShownRow | null;
  meetsTarget: boolean | null;
};

const outcomeLabels: Record<string, string> = { ...deviationOutcomeLabels, open: 'Pågår' };
const monthsOf = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/**
 * The dashboard's figures for one scope and year, as a viewer may see them. Counts from 1 to 4 are hidden from
 * viewers outside the principal that owns them (platform/statistics/suppression.ts), with more cells hidden
 * where a hidden one could be worked out from the table's total, and a total under 5 is itself hidden. A median
 * or a share is shown only where the number of observations behind it is; the number is in the table beside it.
 *
 * A principal's (or unit's) figures are also siblings of the other principals' (units') in the county
 * (principal): for a viewer outside, a period is hidden on a principal's dashboard when it would be hidden in
 * the table of all principals against the county's total, so it cannot be worked out as the county's figure
 * less the others'.
 */
export function dashboardIndicators(
  list: PlanIndicator[],
  rows: FigureRow[],
  scope: Scope,
  year: number,
  viewer: Viewer,
  labels: Labels,
): IndicatorView[] {
  const d: Dashboard = {
    scope,
    year,
    viewer,
    labels,
    ownsScope: scope.kind !== 'county' && scope.principalId === viewer.principalId,
    mine: tally(rows.filter(inScope(scope))),
    byPrincipal: tally(rows, (r) => r.principalId),
    byUnit: tally(rows, (r) => r.unitId),
    county: tally(rows),
    months: monthsOf(year),
  };
  const views = list.map((indicator) => {
    const base = {
      id: indicator.id,
      key: indicator.key,
      measure: indicator.measure,
      name: indicator.name,
      definition: indicator.definition,
      unit: indicator.unit,
      source: indicator.source,
      sourceName: indicator.sourceName,
      target:
        indicator.targetValue !== null && indicator.targetDirection
          ? { value: indicator.targetValue, direction: indicator.targetDirection }
          : null,
    };
    if (!isMeasure(indicator.measure)) return { ...base, ...manualRows(indicator, year) };
    const measure = measures[indicator.measure];
    if (measure.kind === 'breakdown')
      return { ...base, kind: 'breakdown' as const, noun: measure.noun, ...breakdown(d, indicator.measure) };
    return { ...base, kind: measure.kind, noun: measure.noun, ...series(d, indicator.measure, measure.kind) };
  });
  shareDeviationTotal(views);
  return views.map((v) => ({ ...v, meetsTarget: meets(v.total?.value ?? null, v.target) }));
}

/** What one dashboard's figures are computed from: the scope, the viewer and the tallies of the rows. */
type Dashboard = {
  scope: Scope;
  year: number;
  viewer: Viewer;
  labels: Labels;
  /** The viewer's own principal (or unit): its figures are shown unsuppressed to it. */
  ownsScope: boolean;
  mine: ReturnType<typeof tally>;
  byPrincipal: ReturnType<typeof tally>;
  byUnit: ReturnType<typeof tally>;
  county: ReturnType<typeof tally>;
  months: string[];
};

/** Hidden by the sibling check: this scope's count in (measure, period, bucket) among its siblings' counts. */
function hiddenAmongSiblings(d: Dashboard, measure: string, period: string, bucket?: string): boolean {
  const { scope, labels } = d;
  if (scope.kind === 'county' || d.ownsScope) return false;
  const count = (t: Tally) => (bucket === undefined ? t.n : (t.buckets.get(bucket) ?? 0));
  const hidden = (ids: string[], get: (id: string) => Tally, total: number, id: string) => {
    const cells: Cell[] = ids.map((key) => ({ key, label: key, count: count(get(key)), owned: false }));
    const shown = suppressTable(cells, total);
    return shown.totalSuppressed || shown.rows.find((c) => c.key === id)?.suppressed === true;
  };
  const countyTotal = count(d.county.get(measure, period));
  if (hidden(labels.principals, (p) => d.byPrincipal.get(measure, period, p), countyTotal, scope.principalId))
    return true;
  if (scope.kind !== 'unit') return false;
  const units = labels.unitsOf.get(scope.principalId) ?? [];
  const principalTotal = count(d.byPrincipal.get(measure, period, scope.principalId));
  return hidden(units, (u) => d.byUnit.get(measure, period, u), principalTotal, scope.unitId);
}

/** Months and the year of a count, median or share: the observations are what is suppressed. */
function series(d: Dashboard, measure: MeasureKey, kind: 'count' | 'median' | 'mean' | 'sum' | 'share') {
  const { mine, year } = d;
  const sum = (t: Tally) => [...t.values].reduce((s, [value, n]) => s + value * n, 0);
  const figure = (t: Tally) =>
    kind === 'count'
      ? t.n
      : kind === 'median'
        ? median(t.values)
        : kind === 'mean'
          ? t.n
            ? sum(t) / t.n
            : null
          : kind === 'sum'
            ? sum(t)
            : t.n
              ? (100 * t.yes) / t.n
              : null;
  const cells: Cell[] = d.months.map((m) => ({
    key: m,
    label: m,
    count: mine.get(measure, m).n,
    owned: d.ownsScope,
  }));
  const yearTally = mine.get(measure, String(year));
  const totalShown = d.ownsScope || yearTally.n === 0 || yearTally.n >= suppressionThreshold;
  const shown = suppressTable(cells, totalShown ? yearTally.n : null);
  const row = (key: string, label: string, t: Tally, hidden: boolean): ShownRow =>
    hidden || hiddenAmongSiblings(d, measure, key)
      ? { key, label, value: null, n: null, suppressed: true }
      : { key, label, value: figure(t), n: t.n, suppressed: false };
  return {
    rows: shown.rows.map((c) => row(c.key, c.label, mine.get(measure, c.key), c.suppressed)),
    total: row(String(year), `Hela ${year}`, yearTally, !totalShown || shown.totalSuppressed),
  };
}

/** The year's observations by bucket; the principal dimension counts a deviation once per principal. */
function breakdown(d: Dashboard, measure: MeasureKey) {
  const year = String(d.year);
  const dimension = measureOf(measure).dimension;
  const yearTally = d.mine.get(measure, year);
  const cells: Cell[] = bucketKeys(d.labels, measure, yearTally).map((k) => ({
    key: k,
    label: bucketLabel(d.labels, measure, k),
    count: yearTally.buckets.get(k) ?? 0,
    owned: d.ownsScope || (dimension === 'principal' && k === d.viewer.principalId),
  }));
  const hasTotal = dimension !== 'principal';
  const totalShown = d.ownsScope || yearTally.n === 0 || yearTally.n >= suppressionThreshold;
  const shown = suppressTable(cells, hasTotal && totalShown ? yearTally.n : null);
  const rows = shown.rows.map((c): ShownRow => {
    const hidden = c.suppressed || hiddenAmongSiblings(d, measure, year, c.key);
    return hidden
      ? { ...c, value: null, n: null, suppressed: true }
      : { key: c.key, label: c.label, value: c.count, n: c.count, suppressed: false };
  });
  const totalHidden = !totalShown || shown.totalSuppressed || hiddenAmongSiblings(d, measure, year);
  const total: ShownRow | null = hasTotal
    ? totalHidden
      ? { key: year, label: 'Totalt', value: null, n: null, suppressed: true }
      : { key: year, label: 'Totalt', value: yearTally.n, n: yearTally.n, suppressed: false }
    : null;
  return { rows, total };
}

function bucketKeys(labels: Labels, measure: MeasureKey, t: Tally): string[] {
  const dimension = measureOf(measure).dimension;
  const known =
    dimension === 'category'
      ? [...labels.category.keys()]
      : dimension === 'principal'
        ? labels.principals
        : dimension === 'outcome'
          ? Object.keys(outcomeLabels)
          : [...labels.level.keys(), ...(measure === 'disputesByLevelSolved' ? ['open'] : [])];
  return [...known, ...[...t.buckets.keys()].filter((k) => !known.includes(k))];
}

function bucketLabel(labels: Labels, measure: MeasureKey, key: string): string {
  const dimension = measureOf(measure).dimension;
  if (dimension === 'category') return labels.category.get(key) ?? key;
  if (dimension === 'principal') return labels.principal.get(key) ?? key;
  if (dimension === 'outcome') return outcomeLabels[key] ?? key;
  if (key === 'open') return 'Inte avgjord';
  return labels.level.get(key) ?? `Nivå ${key}`;
}

/** Entered values are published national figures: shown as entered, the selected year and four before it. */
function manualRows(indicator: PlanIndicator, year: number) {
  const periods = indicator.values
    .filter((v) => v.period.slice(0, 4) <= String(year) && v.period.slice(0, 4) > String(year - 5))
    .sort((a, b) => a.period.localeCompare(b.period));
  const rows: ShownRow[] = periods.map((v) => ({
    key: v.period,
    label: v.period,
    value: v.value,
    n: null,
    suppressed: false,
  }));
  const current = periods.filter((v) => v.period.startsWith(String(year))).at(-1);
  return {
    kind: 'manual' as const,
    noun: '',
    rows,
    total: current
      ? { key: current.period, label: current.period, value: current.value, n: null, suppressed: false }
      : null,
  };
}

/**
 * The deviation tables by category, level and outcome count the same deviations, so they share one total: if
 * one had to hide it to protect its cells, it is hidden in all (as in deviations/compile.ts).
 */
function shareDeviationTotal(views: Omit<IndicatorView, 'meetsTarget'>[]) {
  const shared = views.filter((v) =>
    ['deviationsByCategory', 'deviationsByLevel', 'deviationsByOutcome'].includes(v.measure ?? ''),
  );
  if (shared.some((v) => v.total?.suppressed))
    for (const v of shared) if (v.total) v.total = { ...v.total, value: null, n: null, suppressed: true };
}

export function meets(value: number | null, target: IndicatorView['target']): boolean | null {
  if (value === null || !target) return null;
  return target.direction === 'atLeast' ? value >= target.value : value <= target.value;
}

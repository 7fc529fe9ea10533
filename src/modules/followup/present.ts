import { isoDateTime } from '../../platform/clock.ts';
import type { CsvCell } from '../../platform/documents/csv.ts';
import { format } from './charts.ts';
import type { IndicatorView, ShownRow } from './dashboard.ts';
import type { Dashboard } from './read-dashboard.ts';

/** A target in words: "minst 90 %", "högst 14 dagar". */
export function targetText(v: Pick<IndicatorView, 'target' | 'unit'>): string {
  if (!v.target) return '';
  const unit = v.unit === 'percent' ? ' %' : v.unit === 'days' ? ' dagar' : '';
  const value = v.target.value.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
  return `${v.target.direction === 'atLeast' ? 'minst' : 'högst'} ${value}${unit}`;
}

/** A figure in a table: "dolt" when hidden, a dash when there is none, else the value in its unit. */
export function cellText(row: ShownRow | null, v: Pick<IndicatorView, 'unit'>): string {
  if (!row) return '–';
  if (row.suppressed) return 'dolt';
  if (row.value === null) return '–';
  return format(row.value, v).replace(/ d$/, ' dagar');
}

/** The dashboard as the API gives it: figures, hidden ones as null with suppressed: true; no charts. */
export function presentDashboard(d: Dashboard) {
  return {
    countyCode: d.countyCode,
    year: d.year,
    scope: d.scope,
    scopeName: d.scopeName,
    owned: d.owned,
    refreshedAt: d.refreshedAt?.toISOString() ?? null,
    indicators: d.indicators.map(({ chart: _chart, alternative: _alt, ...v }) => v),
  };
}

/**
 * The dashboard as CSV for a spreadsheet, one row per figure, in the shape of the deviation compilation's
 * (semicolons, CRLF, a byte-order mark for Excel set to Swedish): a hidden figure is "dolt", never a number.
 */
export function dashboardCsvRows(d: Dashboard): CsvCell[][] {
  const rows: CsvCell[][] = [
    ['Indikator', 'Omfattning', 'Period', 'Värde', 'Underlag', 'Mål', 'Källa', 'Uppdaterad'],
  ];
  const updated = d.refreshedAt ? isoDateTime(d.refreshedAt) : '';
  for (const v of d.indicators) {
    const source = v.source === 'manual' ? (v.sourceName ?? '') : 'Beräknad av Sömlös';
    const line = (r: ShownRow) => [
      v.name,
      d.scopeName,
      r.label,
      r.suppressed ? 'dolt' : r.value === null ? '' : Math.round(r.value * 10) / 10,
      r.suppressed ? 'dolt' : r.n,
      targetText(v),
      source,
      v.source === 'manual' ? '' : updated,
    ];
    for (const r of v.rows) rows.push(line(r));
    if (v.total && v.kind !== 'manual') rows.push(line(v.total));
  }
  return rows;
}

const dimensionHeaders: Record<string, string> = {
  deviationsByCategory: 'Kategori',
  deviationsByPrincipal: 'Berörd huvudman',
  deviationsByLevel: 'Högsta nivå',
  deviationsByOutcome: 'Utfall',
  disputesByLevelSolved: 'Löst på nivå',
};
const kindNouns: Record<string, string> = {
  median: 'Median',
  mean: 'Medelvärde',
  sum: 'Summa',
  share: 'Andel',
  count: 'Antal',
  breakdown: 'Antal',
};

/** The dashboard page's view model: every figure already written out, so the template only places it. */
export function dashboardPage(d: Dashboard) {
  return d.indicators.map((v) => ({
    id: v.id,
    name: v.name,
    definition: v.definition,
    manual: v.source === 'manual',
    sourceName: v.sourceName,
    chart: v.chart,
    target: targetText(v),
    meetsTarget: v.meetsTarget,
    valueHeader: v.kind === 'manual' ? 'Värde' : kindNouns[v.kind],
    showN: ['median', 'mean', 'sum', 'share'].includes(v.kind),
    firstColumn:
      v.kind === 'breakdown'
        ? (dimensionHeaders[v.measure ?? ''] ?? 'Värde')
        : v.kind === 'manual'
          ? 'Period'
          : 'Månad',
    rows: v.rows.map((r) => ({
      label: r.label,
      text: cellText(r, v),
      n: r.suppressed ? 'dolt' : r.n === null ? '–' : String(r.n),
      suppressed: r.suppressed,
    })),
    total: v.total
      ? {
          label: v.total.label,
          text: cellText(v.total, v),
          n: v.total.suppressed ? 'dolt' : v.total.n === null ? '–' : String(v.total.n),
        }
      : null,
    summary: v.total ? cellText(v.total, v) : '–',
    anyHidden: v.rows.some((r) => r.suppressed),
  }));
}

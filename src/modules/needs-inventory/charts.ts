import * as Plot from '@observablehq/plot';
import { barColour, chartDocument, finishChart, markColour } from '../../platform/statistics/chart-svg.ts';

export type ChartRow = { label: string; share: number | null; previousShare: number | null; hidden: boolean };

/**
 * Shares of the persons as horizontal bars (0–100 %), the previous round's share as a dark red tick across each
 * bar, and "dolt" where a figure is hidden, so a hidden bar never reads as zero. Null when nothing is shown.
 */
export function shareChart(rows: ChartRow[], alternative: string): string | null {
  const bars = rows.filter((r) => r.share !== null).map((r) => ({ label: r.label, value: r.share! }));
  if (bars.length === 0) return null;
  const earlier = rows
    .filter((r) => r.previousShare !== null)
    .map((r) => ({ label: r.label, value: r.previousShare! }));
  const hidden = rows.filter((r) => r.hidden).map((r) => ({ label: r.label }));
  const svg = Plot.plot({
    document: chartDocument,
    width: 560,
    height: Math.max(110, 30 * rows.length + 50),
    marginLeft: 230,
    marginRight: 50,
    x: { label: 'Andel av personerna (%)', domain: [0, 100], grid: true },
    y: { label: null, domain: rows.map((r) => r.label), type: 'band' },
    marks: [
      Plot.barX(bars, { y: 'label', x: 'value', fill: barColour }),
      Plot.tickX(earlier, { y: 'label', x: 'value', stroke: markColour, strokeWidth: 3 }),
      Plot.text(bars, {
        y: 'label',
        x: 'value',
        text: (d) => `${d.value.toLocaleString('sv-SE')} %`,
        dx: 6,
        textAnchor: 'start',
      }),
      Plot.text(hidden, {
        y: 'label',
        x: 0,
        text: () => 'dolt',
        dx: 6,
        textAnchor: 'start',
        fontStyle: 'italic',
      }),
      Plot.ruleX([0]),
    ],
  });
  return finishChart(svg, alternative);
}

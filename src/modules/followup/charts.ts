import * as Plot from '@observablehq/plot';
import { barColour, chartDocument, finishChart, markColour } from '../../platform/statistics/chart-svg.ts';
import type { IndicatorView } from './dashboard.ts';

// The chart's look and its finishing for the page are shared (platform/statistics/chart-svg.ts).
const document = chartDocument;
const targetColour = markColour;

/** The indicator's chart as SVG markup, with its text alternative; null when there is nothing to draw. */
export function indicatorChart(view: IndicatorView, alternative: string): string | null {
  // Nothing to draw when no shown row has an observation: a row of zeros would only look like data.
  if (!view.rows.some((r) => r.value !== null && (r.value > 0 || (r.n ?? 0) > 0))) return null;
  const points = view.rows
    .filter((r) => r.value !== null)
    .map((r) => ({ label: r.label, value: r.value as number }));
  // A hidden figure is marked where its bar would be, so the chart never suggests it was zero.
  const hidden = view.rows.filter((r) => r.suppressed).map((r) => ({ label: r.label }));
  const top = Math.max(1, ...points.map((p) => p.value), ...(view.target ? [view.target.value] : []));
  const scale = view.unit === 'percent' ? { domain: [0, 100] } : { domain: [0, top], nice: true };
  const ticks =
    view.unit === 'count'
      ? {
          ticks: Math.min(5, Math.ceil(top)),
          tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : ''),
        }
      : {};
  const horizontal = view.kind === 'breakdown';
  const domain = view.rows.map((r) => r.label);
  const target = view.target ? [view.target.value] : [];
  const yLabel = axisLabel(view);
  const svg = horizontal
    ? Plot.plot({
        document,
        width: 560,
        height: Math.max(120, 30 * domain.length + 50),
        marginLeft: 210,
        marginRight: 40,
        x: { label: yLabel, grid: true, ...scale, ...ticks },
        y: { label: null, domain, type: 'band' },
        marks: [
          Plot.barX(points, { y: 'label', x: 'value', fill: barColour }),
          Plot.text(points, {
            y: 'label',
            x: 'value',
            text: (d) => format(d.value, view),
            dx: 4,
            textAnchor: 'start',
          }),
          Plot.ruleX([0]),
        ],
      })
    : Plot.plot({
        document,
        width: 480,
        height: 260,
        marginLeft: 44,
        marginTop: 28,
        x: { label: null, domain, type: 'band', tickFormat: (d: string) => d.slice(5) },
        y: { label: yLabel, grid: true, ...scale, ...ticks },
        marks: [
          Plot.barY(points, { x: 'label', y: 'value', fill: barColour }),
          Plot.text(points, { x: 'label', y: 'value', text: (d) => format(d.value, view), dy: -6 }),
          Plot.text(hidden, { x: 'label', y: 0, text: () => 'dolt', dy: -6, fontStyle: 'italic' }),
          Plot.ruleY([0]),
          ...(target.length
            ? [Plot.ruleY(target, { stroke: targetColour, strokeWidth: 2, strokeDasharray: '6 4' })]
            : []),
        ],
      });
  return finishChart(svg, alternative);
}

function axisLabel(view: IndicatorView): string {
  if (view.unit === 'percent') return 'Andel (%)';
  if (view.unit === 'days') return view.kind === 'mean' ? 'Dagar (medelvärde)' : 'Dagar (median)';
  return 'Antal';
}

/** A figure as the page writes it: Swedish decimal comma, per cent and days where they belong. */
export function format(value: number | null, view: Pick<IndicatorView, 'unit'>): string {
  if (value === null) return '';
  const rounded = Math.round(value * 10) / 10;
  const text = rounded.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
  if (view.unit === 'percent') return `${text} %`;
  if (view.unit === 'days') return `${text} d`;
  return text;
}

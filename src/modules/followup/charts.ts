import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { IndicatorView } from './dashboard.ts';

// Charts are SVG drawn on the server by Observable Plot in linkedom's DOM (docs/decisions/0010): no script in
// the browser, and the data table beside every chart carries the same figures for screen readers and print.
// Colours: the bars in the service's dark teal (9:1 on white) and the target line in dark red (6:1), both
// well over the 3:1 WCAG 2.1 asks of graphics; the target line is also dashed, so colour is never the only cue.
const barColour = '#12505a';
const targetColour = '#a4262c';

const { document } = parseHTML('<!doctype html><html><body></body></html>');

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
  const element = svg as unknown as Element;
  // Plot puts a <style> element in the SVG; the content security policy allows no inline styles, and the
  // stylesheet (.app-chart svg) does what it did.
  for (const style of Array.from(element.querySelectorAll('style'))) style.remove();
  // Plot labels its groups with aria-label, which a <g> without a role may not carry; inside role="img" they
  // are not read anyway, so the whole chart is the one image its text alternative describes.
  for (const child of Array.from(element.querySelectorAll('[aria-label], [aria-hidden], [aria-description]')))
    for (const name of ['aria-label', 'aria-hidden', 'aria-description']) child.removeAttribute(name);
  // Larger type than Plot's 10 px: the chart is drawn about as wide as it is shown, and narrower on a phone.
  element.setAttribute('font-size', '13');
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', alternative);
  element.removeAttribute('class');
  // Plot writes coordinates with sixteen digits; a tenth of a pixel is plenty and halves the page.
  return element.outerHTML.replace(/(\d+\.\d)\d+/g, '$1');
}

function axisLabel(view: IndicatorView): string {
  if (view.unit === 'percent') return 'Andel (%)';
  if (view.unit === 'days') return 'Dagar (median)';
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

import { parseHTML } from 'linkedom';

// Charts are SVG drawn on the server by Observable Plot in linkedom's DOM (docs/decisions/0010): no script in
// the browser, and the data table beside every chart carries the same figures for screen readers and print.
// Colours: bars in the service's dark teal (9:1 on white) and marks against them (a target, an earlier
// figure) in dark red (6:1), both well over the 3:1 WCAG 2.1 asks of graphics; a mark is also shaped
// differently, so colour is never the only cue.
export const barColour = '#12505a';
export const markColour = '#a4262c';

export const { document: chartDocument } = parseHTML('<!doctype html><html><body></body></html>');

/** A chart Plot drew, as markup fit for the page: one image with its text alternative, and no inline styles. */
export function finishChart(svg: unknown, alternative: string): string {
  const element = svg as Element;
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

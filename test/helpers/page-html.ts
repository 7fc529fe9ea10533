import assert from 'node:assert/strict';

// Reading a page's HTML as a browser would: its main part, a form's fields as it would post them, a field's error.

/** The part of a page inside <main>: what the page says, without the header's and footer's fixed texts. */
export const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

export const unescapeHtml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&');

/** The attributes of one HTML tag, unescaped; a bare attribute (checked) has the value ''. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/\s([a-zA-Z_:][\w:.-]*)(?:="([^"]*)")?/g))
    out[m[1]!] = unescapeHtml(m[2] ?? '');
  return out;
}

/**
 * What a browser would post from the page's form with this action, left as the page filled it in: text inputs
 * and hidden fields with their values, the checked radios and checkboxes, the textareas' text.
 */
export function formFields(html: string, action: string): Record<string, string | string[]> {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = fields[name];
    fields[name] = had === undefined ? value : [had, value].flat();
  };
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const a = attributes(tag);
    if (!a.name) continue;
    if ((a.type === 'radio' || a.type === 'checkbox') && !('checked' in a)) continue;
    add(a.name, a.value ?? '');
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const a = attributes(m[1]!);
    if (a.name) add(a.name, unescapeHtml(m[2]!).replace(/^\n/, ''));
  }
  return fields;
}

/** The <input> tag for this field name and value (a radio or checkbox), or undefined. */
export const choiceTag = (html: string, name: string, value: string) =>
  [...html.matchAll(/<input\b[^>]*>/g)]
    .map(([tag]) => tag)
    .find((tag) => attributes(tag).name === name && attributes(tag).value === value);

/** The text of a GOV.UK field's own error message (id="<field>-error"), without the hidden "Fel:". */
export function fieldError(html: string, field: string): string | undefined {
  const m = new RegExp(`<p id="${field}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html);
  if (!m) return undefined;
  return m[1]!
    .replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

import { type Browser, expect, type Page, test } from '@playwright/test';
import { testDay } from '../helpers/clock.ts';

// What the escaping specs (escaping.spec.ts, escaping-agreements.spec.ts) share: the hostile texts, API calls as a
// demo user, logged-in pages that collect dialogs and console errors, and the check that a page shows each text as
// text. Each spec makes its own kit (its texts, tokens and pages), and closes its pages when it ends.

// Markup that would run or show if not escaped (spaces inside the tags are still markup), template syntax that
// must not be worked out, a right-to-left override and emoji. No word is longer than 23 characters, so the texts
// wrap on a phone's width (a longer word makes a page scroll sideways; the revision project's browser test, which
// runs after this one on the same server, checks that at 390 px).
const payloads = [
  '"><svg onload=alert(1)>',
  '<img src=x onerror=window.__xss=1>',
  '{{ 7*7 }} {% raw %}',
  '<script> window.__xss=1 </script>',
  '<a href= javascript:alert(1) >länk</a>',
  '\u202Eexe.gnp\u202C',
  '👩🏽‍⚕️🙂',
];

export const today = testDay();
export const day = testDay;

// biome-ignore lint/suspicious/noExplicitAny: the API's answers are read field by field
export type Json = any;

export type Watched = { page: Page; problems: string[] };

/**
 * A new page whose dialogs (dismissed), console errors and uncaught errors are collected as problems. A page's own
 * status is checked where it is opened, so Chromium's console line for a document answered 400 (a form sent back
 * with its errors) is not one; any other resource that fails to load (an <img src=x>) is.
 */
export async function watchedPage(browser: Browser): Promise<Watched> {
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  const documents = new Set<string>();
  page.on('request', (request) => {
    if (request.isNavigationRequest()) documents.add(request.url());
  });
  page.on('dialog', async (dialog) => {
    problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    if (message.text().startsWith('Failed to load resource') && documents.has(url)) return;
    problems.push(`console: ${message.text()} ${url}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

/** What the payloads would have made, had any been markup, and the page's text with its fields' values. */
function readPage() {
  const all = (selector: string) => Array.from(document.querySelectorAll(selector));
  for (const d of all('details')) (d as HTMLDetailsElement).open = true;
  const made: string[] = [];
  for (const el of all('*'))
    for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) made.push(`${el.tagName} ${a.name}`);
  for (const el of all('img[src="x"], iframe, a[href^="javascript:" i]')) made.push(el.outerHTML);
  for (const s of all('script')) if (s.textContent?.includes('__xss')) made.push(s.outerHTML);
  const values = all('input, textarea').map((f) => (f as HTMLInputElement).value);
  return {
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    made,
    text: `${document.body.innerText}\n${values.join('\n')}`,
  };
}

/** A spec's own hostile texts, API tokens and logged-in pages, and the checks on its pages. */
export function escapingKit() {
  const texts = new Map<string, string>();
  const tokens = new Map<string, string>();
  const sessions = new Map<string, Watched>();
  const anonymous: Watched[] = [];

  /** A hostile text for one field: as many payloads as the field takes, then the field's own marker. */
  function hostile(key: string, max = 4000): string {
    const marker = `[esc:${key}]`;
    const parts: string[] = [];
    for (const p of payloads) if ([...parts, p, marker].join(' ').length <= max) parts.push(p);
    expect(parts.slice(0, 3), `${key} takes the template payload`).toContain('{{ 7*7 }} {% raw %}');
    const text = [...parts, marker].join(' ');
    texts.set(key, text);
    return text;
  }
  const shown = (key: string) => {
    const text = texts.get(key);
    if (!text) throw new Error(`no hostile text ${key}`);
    return text;
  };

  /** One JSON API call as a demo user (real HTTP, bearer token); anything but 2xx fails the test. */
  async function call(username: string, method: string, path: string, body?: unknown) {
    const base = test.info().project.use.baseURL;
    let token = tokens.get(username);
    if (!token) {
      const res = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo-2026' }),
      });
      expect(res.status, `login ${username}`).toBe(200);
      token = (await res.json()).token as string;
      tokens.set(username, token);
    }
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.ok, `${username} ${method} ${path}: ${res.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : null) as Json;
  }

  /**
   * A logged-in page for the user, kept for the whole file. The login form is sent through the page's own request
   * context (its cookies, the form's CSRF token), which is the same login as typing it in, without drawing two pages.
   */
  async function as(browser: Browser, username: string): Promise<Watched> {
    const known = sessions.get(username);
    if (known) return known;
    const watched = await watchedPage(browser);
    const form = await watched.page.request.get('/logga-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    expect(csrf, 'the login form has a CSRF token').toBeTruthy();
    const res = await watched.page.request.post('/logga-in', {
      form: { _csrf: csrf!, username, password: 'demo-2026' },
      maxRedirects: 0,
    });
    expect([res.status(), res.headers().location], `login ${username}`).toEqual([303, '/']);
    sessions.set(username, watched);
    return watched;
  }

  /** Opens the page as the user and checks that each of the fields' texts is there, as text, and nothing ran. */
  async function expectEscaped(w: Watched, path: string, keys: string[]) {
    const response = await w.page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expectShownAsText(w, path, keys);
  }

  /** The checks of expectEscaped on the page as it is now (a form sent back with what was typed, say). */
  async function expectShownAsText(w: Watched, path: string, keys: string[]) {
    const seen = await w.page.evaluate(readPage);
    expect(seen.xss, `${path}: window.__xss`).toBeNull();
    expect(seen.made, `${path}: elements or handlers made by a payload`).toEqual([]);
    for (const key of keys) expect(seen.text, `${path} shows ${key} as typed`).toContain(shown(key));
    // `{{ 7*7 }}` is in every text: shown as typed (the check above), never worked out.
    if (keys.length) expect(seen.text, path).not.toMatch(/49 \{% raw|49 \[esc:/);
    expect(w.problems, `${path}: dialogs and console errors`).toEqual([]);
  }

  /** A page without a login, closed with the others. */
  async function anonymousPage(browser: Browser): Promise<Watched> {
    const w = await watchedPage(browser);
    anonymous.push(w);
    return w;
  }

  /** Closes every page the spec opened. */
  async function closeAll() {
    for (const { page } of [...sessions.values(), ...anonymous]) await page.context().close();
  }

  return { hostile, shown, call, as, anonymousPage, expectEscaped, expectShownAsText, closeAll };
}

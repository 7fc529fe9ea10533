import { demoPassword } from '../../src/demo/load-demo.ts';

export type BrowserResponse = { status: number; headers: Headers; text: string; setCookies: string[] };

/**
 * A minimal browser for the page tests: keeps cookies, posts forms, reads the CSRF token from the page.
 * With `now` every request carries x-somlos-now, so the server's clock is where the test puts it (sessions
 * time out on that clock too: keep one browser per clock).
 */
export class Browser {
  cookies = new Map<string, string>();
  base: string;
  extraHeaders: Record<string, string>;
  now: string | undefined;
  constructor(base: string, extraHeaders: Record<string, string> = {}, options: { now?: string } = {}) {
    this.base = base;
    this.extraHeaders = extraHeaders;
    this.now = options.now;
  }
  async request(
    method: string,
    path: string,
    form?: Record<string, string | string[]>,
  ): Promise<BrowserResponse> {
    const headers = this.headers();
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: form ? encodeForm(form) : undefined,
      redirect: 'manual',
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (value) this.cookies.set(name!, value);
      else this.cookies.delete(name!);
    }
    return {
      status: res.status,
      headers: res.headers,
      text: await res.text(),
      setCookies: res.headers.getSetCookie(),
    };
  }
  /** The response body as bytes (a PDF, say), with status and headers. */
  async download(path: string) {
    const res = await fetch(this.base + path, { headers: this.headers(), redirect: 'manual' });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }
  /** What every request sends: the extra headers, the clock, the cookies. */
  headers(): Record<string, string> {
    const headers: Record<string, string> = { ...this.extraHeaders };
    if (this.now) headers['x-somlos-now'] = this.now;
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return headers;
  }
  /**
   * Opens the login page and posts it with its CSRF token, as a person would; returns the post's response. For
   * the login tests: fixtures get their session from TestServer.webLogin, without the password check.
   */
  async logIn(username: string, password = demoPassword, extra: Record<string, string> = {}) {
    const page = await this.request('GET', '/logga-in');
    return this.request('POST', '/logga-in', {
      _csrf: Browser.csrf(page.text),
      username,
      password,
      ...extra,
    });
  }
  /** Opens a page with a form and posts the form with the page's CSRF token and these fields. */
  async submit(
    formPage: string,
    action: string,
    form: Record<string, string | string[]>,
  ): Promise<BrowserResponse> {
    const page = await this.request('GET', formPage);
    if (page.status !== 200) throw new Error(`GET ${formPage}: ${page.status}`);
    return this.request('POST', action, { _csrf: Browser.csrf(page.text), ...form });
  }
  static csrf(html: string) {
    return html.match(/name="_csrf" value="([^"]+)"/)![1]!;
  }
}

/** A form body; a list posts the field once per value, as checkboxes do. */
function encodeForm(form: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of [value].flat()) body.append(name, v);
  }
  return body.toString();
}

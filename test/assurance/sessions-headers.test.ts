import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { users } from '../../src/modules/organisations/schema.ts';
import { sessions } from '../../src/platform/auth/schema.ts';
import { absoluteTimeoutMs, idleTimeoutMs } from '../../src/platform/auth/sessions.ts';
import { Browser, type BrowserResponse } from '../helpers/browser.ts';
import { testClock } from '../helpers/clock.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 10, item 8: sessions and the headers every response carries, on the web side as on the API. What
// test/api/session.test.ts (API login, logout, idle and absolute expiry of tokens, throttling) and
// test/web/forms.test.ts and test/api/running.test.ts (the login form's cookie, the CSP of the login page)
// already prove is not repeated: here a planted cookie at login, logout and deactivation that end exactly the
// sessions they should, web cookies that expire on a moved clock, both cookies' attributes behind and not
// behind TLS, and the headers of pages, API answers, errors and assets.

const t0 = '2027-03-01T07:00:00.000Z';
const plus = (ms: number) => new Date(new Date(t0).getTime() + ms).toISOString();
const minute = 60_000;
const second = 1000;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

const cookieNamed = (res: BrowserResponse | Response, name: string) => {
  const all = 'setCookies' in res ? res.setCookies : res.headers.getSetCookie();
  return all.find((c) => c.startsWith(`${name}=`));
};
const cookieValue = (cookie: string | undefined) => cookie?.split(';')[0]?.split('=')[1] ?? '';

/** Whether the browser's session cookie opens the start page (a dead one is sent to the login page). */
async function loggedIn(b: Browser): Promise<boolean> {
  const res = await b.request('GET', '/');
  if (res.status === 200) return true;
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location') ?? '', /^\/logga-in/);
  return false;
}

/** A browser holding only this session cookie, as someone who copied it would. */
function holding(url: string, token: string) {
  const b = new Browser(url);
  b.cookies.set('somlos_session', token);
  return b;
}

// One server for the file: it trusts a proxy (TRUST_PROXY=1), so a request without X-Forwarded-Proto is plain
// HTTP and one with it came through TLS. A second instance on the same database trusts no proxy.
let s: TestServer;
let direct: FastifyInstance;
let directUrl: string;
// One describe holds the file: its hooks then apply to its own tests only (the suite runs every file in one process).
describe('sessions and headers', () => {
  before(async () => {
    s = await startTestServer({ TRUST_PROXY: '1' });
    const config = loadConfig({ LOG_LEVEL: 'silent', ALLOW_CLOCK_OVERRIDE: '1', DEMO: '1' });
    direct = await buildApp({ config, database: s.database, clock: testClock });
    directUrl = await direct.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await direct.close();
    await s.close();
  });

  describe('sessions: a new one at login, ended by logout, deactivation and time', () => {
    const userId = async (username: string) =>
      (await s.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
    const sessionRow = async (token: string) =>
      (
        await s.database.db
          .select()
          .from(sessions)
          .where(eq(sessions.id, sha256(token)))
      )[0];

    test('a web login makes a new session whatever session cookie the browser brought', async () => {
      const planted = 'planterad-kaka-som-ingen-session-har-0123456789';
      const b = new Browser(s.url);
      b.cookies.set('somlos_session', planted);
      assert.equal(await loggedIn(b), false, 'a planted value is nobody’s session');
      const res = await b.logIn('soc.karlstad');
      assert.equal(res.status, 303);
      const first = cookieValue(cookieNamed(res, 'somlos_session'));
      assert.ok(first.length >= 40, 'a long random value');
      assert.notEqual(first, planted);
      assert.equal(await loggedIn(holding(s.url, planted)), false, 'the planted value did not become one');

      // An old value (a session logged out) planted again: the next login still makes a new one.
      const page = await b.request('GET', '/');
      await b.request('POST', '/logga-ut', { _csrf: Browser.csrf(page.text) });
      b.cookies.set('somlos_session', first);
      const again = cookieValue(cookieNamed(await b.logIn('soc.karlstad'), 'somlos_session'));
      assert.notEqual(again, first);
      assert.equal(await loggedIn(holding(s.url, first)), false, 'the old value stays ended');
      assert.equal(await loggedIn(holding(s.url, again)), true);

      // Only the hash of the value is stored, so the sessions table does not hold a usable cookie.
      const row = await sessionRow(again);
      assert.ok(row, 'the session is stored under the hash of its value');
      assert.equal((await s.database.db.select().from(sessions).where(eq(sessions.id, again))).length, 0);
    });

    test('every API login gives its own token; ending one ends only that one', async () => {
      const a = await s.passwordLogin('soc.arvika');
      const b = await s.passwordLogin('soc.arvika');
      assert.notEqual(a, b);
      const web = new Browser(s.url);
      await web.logIn('soc.arvika');
      assert.equal((await s.api('DELETE', '/api/session', { token: a })).status, 204);
      assert.equal((await s.api('GET', '/api/me', { token: a })).status, 401);
      assert.equal((await s.api('GET', '/api/me', { token: b })).status, 200, 'the other token lives on');
      assert.equal(await loggedIn(web), true, 'and so does the web session');
    });

    test('a web logout ends that session only, clears the cookie, and a form of the ended session is refused', async () => {
      const b = new Browser(s.url);
      await b.logIn('psykiatri.karlstad');
      const other = new Browser(s.url);
      await other.logIn('psykiatri.karlstad');
      const token = await s.passwordLogin('psykiatri.karlstad');
      const page = await b.request('GET', '/');
      const cookie = b.cookies.get('somlos_session')!;
      const out = await b.request('POST', '/logga-ut', { _csrf: Browser.csrf(page.text) });
      assert.equal(out.status, 303);
      assert.equal(out.headers.get('location'), '/logga-in');
      const cleared = cookieNamed(out, 'somlos_session');
      assert.ok(cleared, 'the response clears the cookie');
      assert.equal(cookieValue(cleared), '');
      assert.match(cleared, /Expires=Thu, 01 Jan 1970|Max-Age=0/);
      assert.ok((await sessionRow(cookie))?.endedAt, 'the session is ended in the database');
      const copied = holding(s.url, cookie);
      assert.equal(await loggedIn(copied), false, 'a copy of the cookie no longer works');
      // The ended session's own form, posted again with its cookie, is refused before it reaches the route.
      const replay = await copied.request('POST', '/logga-ut', { _csrf: Browser.csrf(page.text) });
      assert.equal(replay.status, 403);
      assert.equal(await loggedIn(other), true, 'the user’s other browser stays logged in');
      assert.equal((await s.api('GET', '/api/me', { token })).status, 200, 'and their API token');
    });

    test('deactivation by the county administrator ends the web and API sessions; reactivation does not revive them', async () => {
      const id = await userId('soc.kil');
      const web = new Browser(s.url);
      await web.logIn('soc.kil');
      const token = await s.passwordLogin('soc.kil');
      const admin = new Browser(s.url);
      await admin.logIn('admin.varmland');
      const account = `/administration/konton/${id}`;
      const done = await admin.submit(account, `${account}/inaktivera`, {});
      assert.equal(done.status, 303, done.text);
      assert.equal(await loggedIn(web), false, 'the web session ended at once');
      assert.equal((await s.api('GET', '/api/me', { token })).status, 401, 'and the API token');
      const refused = await new Browser(s.url).logIn('soc.kil');
      assert.equal(refused.status, 401);
      assert.equal(cookieNamed(refused, 'somlos_session'), undefined);

      // Ended, not merely hidden while the account is inactive: reactivated, the old ones stay dead.
      const back = await admin.submit(account, `${account}/aktivera`, {});
      assert.equal(back.status, 303, back.text);
      assert.equal(await loggedIn(web), false);
      assert.equal((await s.api('GET', '/api/me', { token })).status, 401);
      assert.equal((await new Browser(s.url).logIn('soc.kil')).status, 303, 'a new login works');
    });

    test(`a web session ends after ${idleTimeoutMs / minute} idle minutes`, async () => {
      const idle = idleTimeoutMs;
      const b = new Browser(s.url, {}, { now: t0 });
      await b.logIn('soc.arvika');
      b.now = plus(idle - second);
      assert.equal(await loggedIn(b), true, 'a second before');
      b.now = plus(2 * (idle - second));
      assert.equal(await loggedIn(b), true, 'used, so the idle time counts from then');
      b.now = plus(3 * idle - 2 * second);
      assert.equal(await loggedIn(b), false, 'idle for the whole time since it was last used');
      b.now = plus(3 * idle);
      assert.equal((await b.logIn('soc.arvika')).status, 303, 'the user logs in again');
      assert.equal(await loggedIn(b), true);
    });

    test(`a web session ends ${absoluteTimeoutMs / 3_600_000} hours after login even when in use`, async () => {
      const b = new Browser(s.url, {}, { now: t0 });
      await b.logIn('soc.arvika');
      for (let at = 25 * minute; at < absoluteTimeoutMs; at += 25 * minute) {
        b.now = plus(at);
        assert.equal(await loggedIn(b), true, `after ${at / minute} minutes`);
      }
      b.now = plus(absoluteTimeoutMs - second);
      assert.equal(await loggedIn(b), true, 'a second before');
      b.now = plus(absoluteTimeoutMs);
      assert.equal(await loggedIn(b), false, 'ten hours after login');
    });
  });

  describe('cookie attributes and headers, behind TLS and not', () => {
    const tls = { 'x-forwarded-proto': 'https' };
    // Behind TLS: the trusted proxy says https. Plain: no header. Unvouched: the header, on the instance that
    // trusts no proxy, where it is anyone's claim.
    const setups = () =>
      [
        { name: 'behind TLS', url: s.url, headers: tls, secure: true },
        { name: 'plain HTTP', url: s.url, headers: {}, secure: false },
        { name: 'an unvouched X-Forwarded-Proto', url: directUrl, headers: tls, secure: false },
      ] as const;

    test('both cookies are HttpOnly, SameSite=Lax, Path=/ and host-only; Secure exactly behind TLS', async () => {
      for (const setup of setups()) {
        const b = new Browser(setup.url, { ...setup.headers });
        const page = await b.request('GET', '/logga-in');
        const login = await b.logIn('soc.karlstad');
        assert.equal(login.status, 303, setup.name);
        const cookies = [cookieNamed(page, 'somlos_csrf'), cookieNamed(login, 'somlos_session')];
        for (const cookie of cookies) {
          assert.ok(cookie, `${setup.name}: cookie set`);
          const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
          assert.ok(attributes.includes('httponly'), `${setup.name}: ${cookie}`);
          assert.ok(attributes.includes('samesite=lax'), `${setup.name}: ${cookie}`);
          assert.ok(attributes.includes('path=/'), `${setup.name}: ${cookie}`);
          assert.ok(!attributes.some((a) => a.startsWith('domain=')), `${setup.name}: ${cookie}`);
          assert.equal(attributes.includes('secure'), setup.secure, `${setup.name}: ${cookie}`);
        }
      }
    });

    test('HSTS on pages and API answers behind TLS only', async () => {
      const token = await s.passwordLogin('soc.karlstad');
      for (const setup of setups()) {
        const responses = [
          await fetch(`${setup.url}/logga-in`, { headers: setup.headers }),
          await fetch(`${setup.url}/api/me`, {
            headers: { ...setup.headers, authorization: `Bearer ${token}` },
          }),
          await fetch(`${setup.url}/api/finns-inte`, { headers: setup.headers }),
        ];
        for (const res of responses) {
          const hsts = res.headers.get('strict-transport-security');
          if (!setup.secure) {
            assert.equal(hsts, null, `${setup.name}: ${res.url}`);
            continue;
          }
          const maxAge = Number(hsts?.match(/max-age=(\d+)/)?.[1]);
          assert.ok(maxAge >= 31_536_000, `${setup.name}: a year at least: ${hsts}`);
        }
      }
    });

    /** A page, a logged-in page, an API answer, errors of both kinds, and an asset; asked for once. */
    let sampled: ReturnType<typeof askForSamples> | undefined;
    const sampleResponses = () => {
      sampled ??= askForSamples();
      return sampled;
    };
    async function askForSamples() {
      const b = new Browser(s.url);
      const anonymous = await b.request('GET', '/logga-in');
      await b.logIn('soc.karlstad');
      const token = await s.passwordLogin('soc.karlstad');
      const api = (path: string, init: RequestInit = {}) => fetch(s.url + path, init);
      const auth = { authorization: `Bearer ${token}` };
      const pages = { 'the login page': anonymous, 'the start page': await b.request('GET', '/') };
      const others = {
        'GET /api/me': await api('/api/me', { headers: auth }),
        'an unknown API route': await api('/api/finns-inte'),
        'an unknown page': await api('/finns-inte'),
        'malformed JSON': await api('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"username":',
        }),
        'no login': await api('/api/me'),
        'a form without its CSRF token': await api('/logga-ut', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: b.headers().cookie! },
          body: '',
        }),
        'a body too large': await api('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `"${'x'.repeat(1_100_000)}"`,
        }),
        'a missing asset': await api('/assets/finns-inte.css'),
        'an asset': await api('/assets/app.css'),
      };
      const read = async (res: Response) => ({
        status: res.status,
        headers: res.headers,
        text: await res.text(),
      });
      const answers: Record<string, { status: number; headers: Headers; text: string }> = { ...pages };
      for (const [name, res] of Object.entries(others)) answers[name] = await read(res);
      return { pages, answers };
    }

    test('every answer has a CSP without unsafe-inline that forbids framing, and the other protective headers', async () => {
      const { answers } = await sampleResponses();
      for (const [name, res] of Object.entries(answers)) {
        const csp = res.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'self'/, name);
        assert.match(csp, /frame-ancestors 'none'/, name);
        assert.match(csp, /object-src 'none'/, name);
        assert.match(csp, /base-uri 'self'/, name);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, name);
        assert.equal(res.headers.get('x-frame-options'), 'DENY', name);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', name);
        // A page's address can hold an id (/sip/…): no other site learns it from a link.
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer', name);
      }
      // What a user's pages and the API say is not kept by a browser or a proxy on the way.
      for (const name of ['the start page', 'GET /api/me', 'an unknown API route'])
        assert.match(answers[name]!.headers.get('cache-control') ?? '', /no-store/, name);
    });

    test('every script on a page carries the nonce of its own answer, and no element has inline script or style', async () => {
      const { pages } = await sampleResponses();
      const nonces = new Set<string>();
      for (const [name, res] of Object.entries(pages)) {
        const csp = res.headers.get('content-security-policy')!;
        const nonce = csp.match(/script-src 'self' 'nonce-([^']+)'/)?.[1];
        assert.ok(nonce && nonce.length >= 16, `${name}: a nonce in script-src`);
        nonces.add(nonce);
        const scripts = [...res.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
        assert.ok(scripts.length > 0, name);
        for (const attributes of scripts) {
          const src = attributes.match(/\bsrc="([^"]+)"/)?.[1];
          if (src) assert.match(src, /^\/(?!\/)/, `${name}: a script from Sömlös itself`);
          else assert.match(attributes, new RegExp(`\\bnonce="${nonce}"`), `${name}: an inline script`);
        }
        assert.doesNotMatch(
          res.text,
          /\son[a-z]+\s*=|\sstyle\s*=|javascript:/i,
          `${name}: inline handler or style`,
        );
      }
      assert.equal(nonces.size, Object.keys(pages).length, 'a new nonce for every answer');
    });

    test('nothing names the software or its version: no X-Powered-By, no Server, nothing in error bodies', async () => {
      const { answers } = await sampleResponses();
      const revealing =
        /fastify|node\.?js|express|nunjucks|drizzle|pglite|postgres|govuk-frontend@|\bv?\d+\.\d+\.\d+\b|\bat .+:\d+:\d+\)?$/im;
      for (const [name, res] of Object.entries(answers)) {
        assert.equal(res.headers.get('x-powered-by'), null, name);
        assert.equal(res.headers.get('server'), null, name);
        if (res.status >= 400) assert.doesNotMatch(res.text, revealing, `${name} (${res.status})`);
      }
      const errors = Object.values(answers).filter((r) => r.status >= 400);
      assert.deepEqual(
        [...new Set(errors.map((r) => r.status))].sort(),
        [400, 401, 403, 404, 413],
        'each kind of error was looked at',
      );
    });
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { counties, users } from '../../src/modules/organisations/schema.ts';
import { oidcLoginStates, sessions } from '../../src/platform/auth/schema.ts';
import { testClock } from '../helpers/clock.ts';
import {
  CookieJar,
  eidFlow,
  location,
  loginAtProvider,
  onServer,
  providerNow,
  publicUrl,
  type TestIdp,
} from '../helpers/eid.ts';
import { startEidLoginServers } from '../helpers/eid-login-servers.ts';
import type { TestServer } from '../helpers/server.ts';

// Issue 24: logging in with e-ID over OpenID Connect, against real oidc-providers started here, over HTTP
// (test/helpers/eid-login-servers.ts); the refusals of forged and mixed-up answers are eid-login-refusals.test.ts.
// Every refusal is shown to store no session and to answer with the Swedish page. Requests carry the provider's
// own time (its Date header), since its tokens are stamped with it.

let s: TestServer;
let region: TestIdp;
let now: Date;
let providers: Record<string, string>[];

// One describe holds the file: its hooks then apply to its own tests only (the suite runs every file in one process).
describe('e-ID login', () => {
  let close: (() => Promise<void>) | undefined;
  before(async () => {
    ({ s, region, providers, now, close } = await startEidLoginServers());
  });
  after(async () => {
    await close?.();
  });

  const { at, sessionCount, begin, callback, refusalLines, assertRefused } = eidFlow(
    () => s,
    () => now,
  );

  describe('e-ID login over OpenID Connect', () => {
    // The provider's time, read again before each test: its tokens carry the real time, and a suite run in one
    // process (scripts/test.sh) may start this file's hooks long before its tests.
    beforeEach(async () => {
      now = await providerNow(region.issuer);
    });
    test('the login page offers one button per provider, named with its county', async () => {
      const res = await fetch(`${s.url}/logga-in`);
      const html = await res.text();
      assert.match(html, /Logga in med SITHS eID/);
      assert.match(html, /Logga in med Annan leverantör/);
      assert.match(html, /Värmland/);
    });

    test('the authorization request carries PKCE (S256), state and nonce', async () => {
      const url = new URL(await begin(new CookieJar()));
      assert.equal(url.origin, region.issuer);
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      for (const p of ['code_challenge', 'state', 'nonce'])
        assert.ok((url.searchParams.get(p) ?? '').length >= 20, p);
      assert.equal(url.searchParams.get('redirect_uri'), `${publicUrl}/logga-in/eid/region/klar`);
    });

    test('a known HSA-id logs in with a session like a password login, recorded as an e-ID login', async () => {
      const jar = new CookieJar();
      const back = await loginAtProvider(jar, await begin(jar), 'kand');
      const result = await callback(jar, back);
      assert.equal(result.status, 303, result.text.slice(0, 300));
      assert.equal(result.location, '/konto');
      const me = await jar.get(`${s.url}/konto`, { headers: { 'x-somlos-now': at(1) } });
      assert.equal(me.status, 200);
      assert.match(await me.text(), /psykiatri\.karlstad/);
      const [user] = await s.database.db
        .select({ at: users.lastLoginAt, method: users.lastLoginMethod })
        .from(users)
        .where(eq(users.username, 'psykiatri.karlstad'));
      assert.equal(user!.method, 'eid:region');
      assert.equal(user!.at?.toISOString(), at(0));
    });

    test('a replayed callback is refused and stores no session', async () => {
      const jar = new CookieJar();
      const back = await loginAtProvider(jar, await begin(jar), 'kand');
      assert.equal((await callback(jar, back)).status, 303);
      const n = await sessionCount();
      await assertRefused(await callback(new CookieJar(), back), n, 'state-unknown');
    });

    test("the e-ID session is a password login's: an HttpOnly, SameSite=Lax cookie, a web session that ends when idle", async () => {
      const jar = new CookieJar();
      const result = await callback(jar, await loginAtProvider(jar, await begin(jar), 'kand'));
      assert.equal(result.status, 303);
      const cookie = result.res.headers.getSetCookie().find((c) => c.startsWith('somlos_session='))!;
      assert.match(cookie, /; Path=\//);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Lax/);
      const token = cookie.slice('somlos_session='.length, cookie.indexOf(';'));
      const [session] = await s.database.db
        .select({ kind: sessions.kind, method: sessions.loginMethod })
        .from(sessions)
        .where(eq(sessions.id, createHash('sha256').update(token).digest('hex')));
      assert.deepEqual(session, { kind: 'web', method: 'eid:region' });
      const page = (seconds: number) =>
        jar.get(`${s.url}/konto`, { headers: { 'x-somlos-now': at(seconds) } });
      assert.equal((await page(29 * 60)).status, 200, 'in use');
      const idle = await page(29 * 60 + 31 * 60);
      assert.equal(idle.status, 303, 'idle for 31 minutes');
      assert.match(location(idle, 'idle'), /^\/logga-in/);
    });

    test('a login begun on one instance is completed on another (the pending login is in the database), once', async () => {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        ALLOW_CLOCK_OVERRIDE: '1',
        DEMO: '1',
        PUBLIC_URL: publicUrl,
        OIDC_PROVIDERS: JSON.stringify(providers),
      });
      const second = await buildApp({
        config,
        database: await s.database.secondInstance(),
        clock: testClock,
      });
      try {
        const secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
        const jar = new CookieJar();
        const back = await loginAtProvider(jar, await begin(jar), 'kand');
        const there = await jar.get(onServer(back, secondUrl), { headers: { 'x-somlos-now': at(0) } });
        assert.equal(there.status, 303, await there.text());
        assert.equal(location(there, 'second instance'), '/konto');
        const n = await sessionCount();
        await assertRefused(await callback(new CookieJar(), back), n, 'state-unknown');
      } finally {
        await second.close();
      }
    });

    for (const [login, what] of [
      ['okand', 'an HSA-id no account has'],
      ['avslutad', 'the HSA-id of a deactivated account'],
      ['annat-lan', "the HSA-id of another county's account"],
    ] as const) {
      test(`${what} gets "Du har inget konto i Sömlös" and no session`, async () => {
        const n = await sessionCount();
        const jar = new CookieJar();
        const back = await loginAtProvider(jar, await begin(jar), login);
        await assertRefused(await callback(jar, back), n, 'no-account', 403);
      });
    }

    test('after an e-ID login the browser goes only to a path of Sömlös, whatever `next` asked', async () => {
      for (const next of [
        '//evil.example',
        '/\\evil.example',
        'https://evil.example',
        '/\t/evil.example',
        '/x\r\nSet-Cookie: a=b',
      ]) {
        const jar = new CookieJar();
        const result = await callback(
          jar,
          await loginAtProvider(jar, await begin(jar, 'region', at(0), next), 'kand'),
        );
        assert.equal(result.status, 303, JSON.stringify(next));
        const lenient = result.location!.replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
        assert.match(lenient, /^\/(?!\/)/, `${JSON.stringify(next)} → ${result.location}`);
        assert.doesNotMatch(result.location!, /[^\x21-\x7e]/);
      }
    });

    test("logging out ends the Sömlös session and then the provider's (RP-initiated logout)", async () => {
      const jar = new CookieJar();
      const time = { 'x-somlos-now': at(2) };
      assert.equal((await callback(jar, await loginAtProvider(jar, await begin(jar), 'kand'))).status, 303);
      const account = await (await jar.get(`${s.url}/konto`, { headers: time })).text();
      const csrf = account.match(/name="_csrf" value="([^"]+)"/)![1]!;
      const out = await jar.get(`${s.url}/logga-ut`, {
        method: 'POST',
        headers: { ...time, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      assert.equal(out.status, 303);
      const endSession = new URL(location(out, 'logout'));
      assert.equal(endSession.origin, region.issuer);
      assert.equal(endSession.searchParams.get('client_id'), 'somlos');
      assert.equal(
        endSession.searchParams.get('post_logout_redirect_uri'),
        `${publicUrl}/logga-in?utloggad=1`,
      );
      assert.equal(endSession.searchParams.get('id_token_hint'), null, 'no token is kept to send');
      assert.equal(
        (await jar.get(`${s.url}/konto`, { headers: time })).status,
        303,
        'the Sömlös session ended',
      );
      // At the provider: its confirmation page, then back to Sömlös' login page.
      const confirm = await (await jar.get(endSession.toString())).text();
      const action = confirm.match(/action="([^"]+)"/)![1]!;
      const fields = Object.fromEntries(
        [...confirm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
          m[1]!,
          m[2]!,
        ]),
      );
      const done = await jar.get(new URL(action, region.issuer).toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, logout: 'yes' }).toString(),
      });
      assert.equal(location(done, 'end session'), `${publicUrl}/logga-in?utloggad=1`);
      // The provider's session is gone: a new login asks who you are again instead of answering at once.
      const again = await jar.get(await begin(jar));
      assert.match(location(again, 'authorize'), /\/interaction\//);
    });

    test('a password login is refused in a county that allows only e-ID', async () => {
      await s.database.db.update(counties).set({ passwordLogin: false }).where(eq(counties.code, '20'));
      assert.equal(
        (await s.api('POST', '/api/session', { body: { username: 'soc.falun', password: demoPassword } }))
          .status,
        401,
      );
      assert.equal(
        (await s.api('POST', '/api/session', { body: { username: 'soc.karlstad', password: demoPassword } }))
          .status,
        401,
        'deactivated',
      );
      assert.equal(
        (await s.api('POST', '/api/session', { body: { username: 'soc.arvika', password: demoPassword } }))
          .status,
        200,
      );
      await s.database.db.update(counties).set({ passwordLogin: true }).where(eq(counties.code, '20'));
    });

    test('OIDC_PROVIDERS is checked at start: plain http only on this machine, unique ids; the secret never in the message', () => {
      const entry = { id: 'x', county: '17', name: 'n', clientId: 'c', clientSecret: 'topphemligt-1234' };
      const load = (list: unknown[]) => () => loadConfig({ OIDC_PROVIDERS: JSON.stringify(list) });
      for (const [list, why] of [
        [[{ ...entry, issuer: 'http://idp.example.se' }], /OIDC_PROVIDERS.*https/],
        [
          [
            { ...entry, issuer: 'https://a.example' },
            { ...entry, issuer: 'https://b.example' },
          ],
          /unique/,
        ],
        [[{ ...entry, issuer: 'https://a.example', extra: 1 }], /OIDC_PROVIDERS/],
      ] as const) {
        assert.throws(
          load([...list]),
          (err: Error) => why.test(err.message) && !err.message.includes('topphemligt'),
        );
      }
      assert.throws(() => loadConfig({ OIDC_PROVIDERS: '[{' }), /OIDC_PROVIDERS: must be a JSON array/);
      assert.equal(
        loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ ...entry, issuer: 'http://127.0.0.1:4000' }]) })
          .OIDC_PROVIDERS.length,
        1,
      );
    });

    test('refusals are logged by reason, without HSA-ids, tokens or codes', async () => {
      // Refusals of its own, eight of six reasons, as the tests above provoke them, whichever of those ran.
      const refused = async (url: (jar: CookieJar) => Promise<string>) => {
        const jar = new CookieJar();
        const res = await callback(jar, await url(jar));
        assert.ok(res.status === 400 || res.status === 403, `refused: ${res.status}`);
      };
      const back = async (jar: CookieJar, login = 'kand') =>
        new URL(await loginAtProvider(jar, await begin(jar), login));
      await refused(async (jar) => {
        const wrong = await back(jar);
        wrong.searchParams.set('state', 'x'.repeat(43));
        return wrong.toString(); // state-unknown
      });
      await refused(async (jar) => {
        const missing = await back(jar);
        missing.searchParams.delete('state');
        return missing.toString(); // state-missing
      });
      for (const login of ['okand', 'avslutad', 'annat-lan'])
        await refused(async (jar) => (await back(jar, login)).toString()); // no-account
      await refused(async (jar) => {
        const authorize = new URL(await begin(jar));
        authorize.searchParams.set('nonce', 'en-annan-nonce-an-den-somlos-valde-1234');
        return loginAtProvider(jar, authorize.toString(), 'kand'); // token-refused
      });
      await refused(async (jar) => `${publicUrl}/logga-in/eid/ond/klar${(await back(jar)).search}`); // provider-mix-up
      await refused(async (jar) => loginAtProvider(jar, await begin(jar, 'region', at(-601)), 'kand')); // state-expired

      const lines = refusalLines();
      assert.ok(lines.length >= 8, `${lines.length} refusals logged`);
      for (const line of lines) {
        assert.doesNotMatch(line, /SE\d{10}-|eyJ/);
      }
      const reasons = new Set(lines.map((l) => JSON.parse(l).reason));
      for (const r of [
        'state-unknown',
        'state-missing',
        'no-account',
        'token-refused',
        'provider-mix-up',
        'state-expired',
      ])
        assert.ok(reasons.has(r), r);
      const [pending] = await s.database.db.select({ n: count() }).from(oidcLoginStates);
      assert.ok(pending!.n >= 0);
    });
  });
});

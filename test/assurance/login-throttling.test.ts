import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { throttleLimits, throttleWindowMs } from '../../src/platform/auth/login-throttle.ts';
import { hashingCap, hashingLoad, resetHashingPeak } from '../../src/platform/auth/password.ts';
import { loginThrottles } from '../../src/platform/auth/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { testClock } from '../helpers/clock.ts';
import { testTarget } from '../helpers/database.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 20, item 4: login attempts are counted in the database before the password is checked, per username at
// a client address (strict), per client address, and per username (loose: its own user's known addresses still
// get in); scrypt runs at most `hashingCap` at a time. Two instances on one database (TRUST_PROXY=1, so each
// request's client is the X-Forwarded-For address the proxy saw) take turns, so every limit is shown to hold
// across them. Every request carries its own clock; windows are shown to end by moving it.

const t0 = '2027-02-01T08:00:00.000Z';
const at = (minutes: number) => new Date(new Date(t0).getTime() + minutes * 60_000).toISOString();
const windowMinutes = throttleWindowMs / 60_000;

let s: TestServer;
let second: FastifyInstance;
let secondUrl: string;
// One describe holds the file: its hooks then apply to its own tests only (the suite runs every file in one process).
describe(`login throttling and password hashing (${testTarget})`, () => {
  before(async () => {
    s = await startTestServer({ TRUST_PROXY: '1' });
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      ALLOW_CLOCK_OVERRIDE: '1',
      DEMO: '1',
      TRUST_PROXY: '1',
    });
    second = await buildApp({ config, database: await s.database.secondInstance(), clock: testClock });
    secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await second.close();
    await s.close();
  });

  /** POST /api/session from a client address, on the first or the second instance. */
  async function apiLogin(
    username: string,
    password: string,
    opts: { from: string; now: string; instance?: 0 | 1 },
  ): Promise<ApiResponse> {
    const base = opts.instance === 1 ? secondUrl : s.url;
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': opts.from, 'x-somlos-now': opts.now },
      body: JSON.stringify({ username, password }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : text, text };
  }

  /** How many answers had each status. */
  function statuses(answers: { status: number }[]): Record<number, number> {
    const count: Record<number, number> = {};
    for (const a of answers) count[a.status] = (count[a.status] ?? 0) + 1;
    return count;
  }

  function assertThrottled(res: ApiResponse, what: string) {
    assert.equal(res.status, 429, what);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
    assert.equal(res.body.title, 'För många försök', what);
    assert.match(res.body.detail, /Försök igen om \d+ minut/, what);
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= throttleWindowMs / 1000, `${what}: Retry-After ${retryAfter}`);
  }

  describe(`login throttling (${testTarget}, two instances)`, () => {
    test('100 concurrent wrong passwords for one username from one address: only the limit reach the check', async () => {
      const load = hashingLoad();
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          apiLogin('soc.arvika', `fel-${i}`, {
            from: '198.51.100.7',
            now: at(0),
            instance: (i % 2) as 0 | 1,
          }),
        ),
      );
      const verified = hashingLoad().done - load.done;
      assert.deepEqual(statuses(answers), { 401: throttleLimits.pair, 429: 100 - throttleLimits.pair });
      assert.equal(verified, throttleLimits.pair, 'password checks made');
      for (const res of answers.filter((a) => a.status === 429)) assertThrottled(res, 'throttled');
      // The right password from that address waits for the window too; from another address it works.
      assertThrottled(
        await apiLogin('soc.arvika', demoPassword, { from: '198.51.100.7', now: at(1) }),
        'right',
      );
      assert.equal(
        (await apiLogin('soc.arvika', demoPassword, { from: '203.0.113.9', now: at(1), instance: 1 })).status,
        200,
        'the real user at another address is not locked out',
      );
      // The window ends windowMinutes after its first attempt, on both instances.
      assertThrottled(
        await apiLogin('soc.arvika', demoPassword, { from: '198.51.100.7', now: at(windowMinutes - 0.1) }),
        'just before the window ends',
      );
      assert.equal(
        (
          await apiLogin('soc.arvika', demoPassword, {
            from: '198.51.100.7',
            now: at(windowMinutes),
            instance: 1,
          })
        ).status,
        200,
      );
    });

    test('one address trying many usernames is stopped after the per-address limit, on either instance', async () => {
      const from = '198.51.100.20';
      const now = at(100);
      for (let i = 0; i < throttleLimits.client; i++) {
        const res = await apiLogin(`person.${i}`, 'fel', { from, now, instance: (i % 2) as 0 | 1 });
        assert.equal(res.status, 401, `username ${i}`);
      }
      // A username never tried before, the right password: still refused from this address.
      assertThrottled(
        await apiLogin('soc.falun', demoPassword, { from, now, instance: 1 }),
        'spraying address',
      );
      // Right passwords do not fill the limit: the staff of an office behind one address log in all day.
      const office = '198.51.100.21';
      for (let i = 0; i < 5; i++)
        assert.equal(
          (await apiLogin('soc.falun', demoPassword, { from: office, now })).status,
          200,
          `login ${i}`,
        );
      const counted = await s.database.db
        .select({ attempts: loginThrottles.attempts })
        .from(loginThrottles)
        .where(eq(loginThrottles.key, JSON.stringify(['client', office])));
      assert.deepEqual(counted, [{ attempts: 0 }], 'successful logins leave nothing counted');
      // A client cannot pose as many by writing X-Forwarded-For itself: the proxy's own entry (right-most) counts.
      const forged = await fetch(`${s.url}/api/session`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.9.8.7, ${from}`,
          'x-somlos-now': now,
        },
        body: JSON.stringify({ username: 'soc.mora', password: 'fel' }),
      });
      assert.equal(forged.status, 429, 'a left-most X-Forwarded-For entry is not the client');
      assert.equal(
        (await apiLogin('soc.falun', demoPassword, { from, now: at(100 + windowMinutes), instance: 1 }))
          .status,
        200,
        'the window ends',
      );
    });

    test('many addresses cannot lock the real user out of an address they have logged in from', async () => {
      const username = 'psykiatri.orebro';
      const home = '192.0.2.50';
      // The user logs in from their office on the first day.
      assert.equal((await apiLogin(username, demoPassword, { from: home, now: at(200) })).status, 200);
      // An attacker with enough addresses fills the username's loose limit, none of them over its own limit.
      const addresses = Math.ceil(throttleLimits.username / throttleLimits.pair);
      const tries: Promise<ApiResponse>[] = [];
      for (let a = 0; a < addresses; a++)
        for (let i = 0; i < throttleLimits.pair; i++)
          tries.push(
            apiLogin(username, `gissning-${a}-${i}`, { from: `10.0.${a}.1`, now: at(210), instance: 1 }),
          );
      assert.deepEqual(statuses(await Promise.all(tries)), { 401: addresses * throttleLimits.pair });
      // Now the username is closed to addresses its user has never used, even with the right password ...
      assertThrottled(await apiLogin(username, demoPassword, { from: '10.1.0.1', now: at(211) }), 'stranger');
      // ... while the real user at their known address logs in, on either instance.
      assert.equal(
        (await apiLogin(username, demoPassword, { from: home, now: at(211), instance: 1 })).status,
        200,
      );
      assert.equal((await apiLogin(username, demoPassword, { from: home, now: at(212) })).status, 200);
      // A known address still has its strict limit: it is not a way around the guessing limits.
      for (let i = 0; i < throttleLimits.pair; i++)
        assert.equal((await apiLogin(username, `fel-${i}`, { from: home, now: at(213) })).status, 401);
      assertThrottled(
        await apiLogin(username, demoPassword, { from: home, now: at(213) }),
        'known, too many',
      );
      // Once the attack's window has passed, a new address works again.
      assert.equal(
        (await apiLogin(username, demoPassword, { from: '10.1.0.1', now: at(210 + windowMinutes) })).status,
        200,
      );
    });

    test('the login page answers a throttled login with 429, Retry-After and a Swedish message', async () => {
      const now = at(300);
      const b = new Browser(s.url, { 'x-forwarded-for': '198.51.100.30' }, { now });
      for (let i = 0; i < throttleLimits.pair; i++)
        assert.equal((await b.logIn('soc.karlstad', `fel-${i}`)).status, 401, `attempt ${i}`);
      const res = await b.logIn('soc.karlstad');
      assert.equal(res.status, 429);
      assert.match(res.text, /För många misslyckade inloggningar\. Försök igen om 15 minuter\./);
      assert.match(res.text, /value="soc.karlstad"/, 'the username is kept');
      assert.equal(res.headers.get('retry-after'), String(throttleWindowMs / 1000));
      assert.equal(res.setCookies.filter((c) => c.startsWith('somlos_session=')).length, 0);
      // The API shares the count: the same user at the same address is throttled there too.
      assertThrottled(await apiLogin('soc.karlstad', demoPassword, { from: '198.51.100.30', now }), 'api');
    });

    test('a wrong current password counts like a failed login, checked before the password is', async () => {
      const from = '198.51.100.40';
      const now = at(400);
      const token = (await apiLogin('soc.karlstad', demoPassword, { from, now })).body.token as string;
      const change = (currentPassword: string, instance: 0 | 1 = 0) =>
        fetch(`${instance ? secondUrl : s.url}/api/me/password`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-forwarded-for': from,
            'x-somlos-now': now,
          },
          body: JSON.stringify({ currentPassword, newPassword: 'ett helt nytt långt lösenord' }),
        });
      const load = hashingLoad();
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => change(`fel-${i}`, (i % 2) as 0 | 1)),
      );
      assert.deepEqual(statuses(answers), { 422: throttleLimits.pair, 429: 30 - throttleLimits.pair });
      assert.equal(hashingLoad().done - load.done, throttleLimits.pair);
      const blocked = await change(demoPassword);
      assert.equal(blocked.status, 429);
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    });
  });

  describe(`password hashing is capped per process (${testTarget})`, () => {
    test('50 parallel logins never run more than the cap at once, and other requests are answered meanwhile', async () => {
      const now = at(500);
      const token = (await apiLogin('soc.arvika', demoPassword, { from: '203.0.113.1', now })).body
        .token as string;
      resetHashingPeak();
      let settled = false;
      // Each from its own address, half on each instance: no limit is reached, every one is checked.
      const logins = Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          apiLogin(i % 3 ? 'soc.arvika' : `okand.${i}`, i % 3 ? demoPassword : 'fel', {
            from: `203.0.113.${100 + i}`,
            now,
            instance: (i % 2) as 0 | 1,
          }),
        ),
      ).finally(() => {
        settled = true;
      });
      // Wait (by turns of the event loop, not by time) until logins stand in line for the hash.
      while (!settled && hashingLoad().waiting === 0) await new Promise((go) => setImmediate(go));
      assert.ok(hashingLoad().waiting > 0, 'logins wait in line');
      const me = await fetch(`${s.url}/api/me`, {
        headers: { authorization: `Bearer ${token}`, 'x-somlos-now': now },
      });
      assert.equal(me.status, 200);
      assert.ok(hashingLoad().waiting > 0, 'answered while logins still wait for the hash');
      const answers = await logins;
      assert.equal(answers.filter((a) => a.status === 200).length, 33);
      assert.equal(answers.filter((a) => a.status === 401).length, 17);
      assert.ok(hashingLoad().peak <= hashingCap, `peak ${hashingLoad().peak} over the cap ${hashingCap}`);
      assert.equal(hashingLoad().running, 0);
      assert.equal(hashingLoad().waiting, 0);
    });
  });
});

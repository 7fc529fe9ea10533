import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { personSessions } from '../../src/platform/auth/person-schema.ts';
import { sessions } from '../../src/platform/auth/schema.ts';
import { sessionCookie } from '../../src/platform/http/guard.ts';
import { persons } from '../../src/platform/people/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { type ChangeWatch, watchChanges } from '../helpers/change-watch.ts';
import { testTarget } from '../helpers/database.ts';
import {
  CookieJar,
  location,
  loginAtProvider,
  onServer,
  providerNow,
  publicUrl,
  somlosClient,
  type TestIdp,
} from '../helpers/eid.ts';
import { personBrowser, personProviders, signIn, startPersonIdp } from '../helpers/person.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { NOW, type World, world } from '../helpers/sip-world.ts';

// Issue 26 item 1: the person signs in to /mina-planer with e-ID (BankID or Freja eID through a county's OpenID
// Connect provider; here a real oidc-provider over HTTP). The identity number in the ID token finds the person; a
// person session, a kind of its own, is opened only for an adult with a SIP; anyone else gets a plain page and
// nothing is stored. The two kinds of session never stand in for each other, whichever cookie carries them.

const anna = { personalIdentityNumber: '19811218-9876', name: 'Anna Andersson' };
const child = { personalIdentityNumber: '20140505-2489', name: 'Elsa Lind' };
const accounts = [
  { login: 'anna', identityNumber: '198112189876' },
  { login: 'okand', identityNumber: '196408233234' },
  { login: 'barn', identityNumber: '201405052489' },
  { login: 'utan-nummer' },
  { login: 'fel-nummer', identityNumber: '191212121211' },
];

let s: TestServer;
let idp: TestIdp;
let w: World;
let watch: ChangeWatch;
let now: string;
const minutes = (n: number) => new Date(new Date(now).getTime() + n * 60_000).toISOString();
const countOf = async (table: typeof sessions | typeof personSessions | typeof persons) =>
  (await s.database.db.select({ n: count() }).from(table))[0]!.n;

describe(`Mina planer: sign-in and sessions (${testTarget})`, () => {
  before(async () => {
    // A staff provider with the same id, so the two kinds of login are told apart by more than the provider's id.
    idp = await startPersonIdp(accounts, [somlosClient('bankid')]);
    const staff = somlosClient('bankid');
    s = await startTestServer(
      {
        PUBLIC_URL: publicUrl,
        PERSON_OIDC_PROVIDERS: personProviders(idp),
        OIDC_PROVIDERS: JSON.stringify([
          {
            id: 'bankid',
            county: '17',
            name: 'SITHS eID',
            issuer: idp.issuer,
            clientId: staff.clientId,
            clientSecret: staff.clientSecret,
          },
        ]),
      },
      { keepLog: true },
    );
    now = (await providerNow(idp.issuer)).toISOString();
    w = await world(s);
    await w.consent(await w.start('psykiatri.karlstad', anna));
    await w.start('soc.karlstad', child);
    watch = await watchChanges(s.database.db);
  });
  after(async () => {
    await s?.close();
    await idp?.close();
  });

  describe(`Mina planer: signing in with e-ID (${testTarget})`, () => {
    test('a person with a SIP gets a person session: its own cookie, only under /mina-planer, and no staff session', async () => {
      const staffSessions = await countOf(sessions);
      const personCount = await countOf(personSessions);
      const result = await signIn(s, 'anna', now);
      assert.equal(result.status, 303, result.text);
      assert.equal(result.location, '/mina-planer');
      assert.ok(result.token);
      assert.equal(await countOf(personSessions), personCount + 1);
      assert.equal(await countOf(sessions), staffSessions, 'no staff session');
      const page = await new Browser(s.url, {}, { now }).request('GET', '/mina-planer', undefined);
      assert.equal(page.status, 303, 'without the cookie: to sign in');
      const browser = new Browser(s.url, {}, { now });
      browser.cookies.set('somlos_person', result.token);
      const mine = await browser.request('GET', '/mina-planer');
      assert.equal(mine.status, 200);
      assert.match(mine.text, /<h1 class="govuk-heading-l">Mina planer<\/h1>/);
      assert.match(mine.text, /Plan hos Vuxenpsykiatri Karlstad, Region Värmland/);
      // The staff menu and the staff's header are not on the person's pages.
      assert.doesNotMatch(mine.text, /Mitt arbete|Avvikelser|href="\/konto"/);
    });

    test('the cookie is HttpOnly, SameSite=Lax and sent only under /mina-planer', async () => {
      const jar = new CookieJar();
      const begun = await jar.get(`${s.url}/mina-planer/logga-in/bankid`, {
        headers: { 'x-somlos-now': now },
      });
      const callback = await loginAtProvider(jar, location(begun, 'begin'), 'anna');
      const res = await jar.get(onServer(callback, s.url), { headers: { 'x-somlos-now': now } });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('somlos_person='))!;
      assert.match(cookie, /; Path=\/mina-planer(;|$)/);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Lax/);
      assert.equal(
        res.headers.getSetCookie().some((c) => c.startsWith(`${sessionCookie}=`)),
        false,
      );
    });

    test('a person with no SIP gets a plain page, and nothing is stored about them', async () => {
      await watch.take();
      const persons0 = await countOf(persons);
      const result = await signIn(s, 'okand', now);
      assert.equal(result.status, 200);
      assert.match(result.text, /Du har ingen plan i Sömlös/);
      assert.match(result.text, /Vi har inte sparat något om dig nu/);
      assert.equal(result.token, null);
      // The pending login (state, nonce, verifier: no personal data) is all that was written, and it is gone.
      const stored = (await watch.take()).filter((c) => c.tableName !== 'oidc_login_states');
      assert.deepEqual(stored, []);
      assert.equal(await countOf(persons), persons0);
    });

    test('a child gets a plain page, even with a SIP: a child’s plan is shown to no one but staff; nothing is stored', async () => {
      await watch.take();
      const result = await signIn(s, 'barn', now);
      assert.equal(result.status, 200);
      assert.match(result.text, /Planer för barn visas inte här/);
      assert.doesNotMatch(result.text, /Elsa|Socialtjänst vuxen, Karlstad/);
      assert.equal(result.token, null);
      assert.deepEqual(
        (await watch.take()).filter((c) => c.tableName !== 'oidc_login_states'),
        [],
      );
    });

    test('an ID token without an identity number, or with one that is not valid, is refused: 400, nothing stored, no number logged', async () => {
      for (const login of ['utan-nummer', 'fel-nummer']) {
        await watch.take();
        const result = await signIn(s, login, now);
        assert.equal(result.status, 400, login);
        assert.match(result.text, /Inloggningen misslyckades/);
        const main = result.text.slice(result.text.indexOf('<main'), result.text.indexOf('</main>'));
        assert.doesNotMatch(main, /personnummer|token|nonce|state/i);
        assert.equal(result.token, null);
        assert.deepEqual(
          (await watch.take()).filter((c) => c.tableName !== 'oidc_login_states'),
          [],
          login,
        );
        const logged = s.log
          .text()
          .split('\n')
          .filter((l) => l.includes('person e-ID sign-in refused'))
          .at(-1)!;
        assert.match(logged, /"reason":"identity-number-missing"/);
        assert.doesNotMatch(logged, /1912121212|191212-1211/);
      }
    });

    test('a login begun at staff’s provider cannot complete as a person’s, nor the reverse, though the provider ids are the same', async () => {
      await watch.take();
      // Staff's button, the provider's answer sent to the person's callback.
      const staffJar = new CookieJar();
      const staffBegun = await staffJar.get(`${s.url}/logga-in/eid/bankid`, {
        headers: { 'x-somlos-now': now },
      });
      const staffAnswer = await loginAtProvider(staffJar, location(staffBegun, 'staff'), 'anna');
      const asPerson = await staffJar.get(
        onServer(staffAnswer, s.url).replace(
          '/logga-in/eid/bankid/klar',
          '/mina-planer/logga-in/bankid/klar',
        ),
        { headers: { 'x-somlos-now': now } },
      );
      const sessionCookies = (res: Response) =>
        res.headers.getSetCookie().filter((c) => /^somlos_(person|session)=/.test(c));
      assert.equal(asPerson.status, 400);
      assert.deepEqual(sessionCookies(asPerson), []);
      // The person's button, the answer sent to staff's callback.
      const personJar = new CookieJar();
      const personBegun = await personJar.get(`${s.url}/mina-planer/logga-in/bankid`, {
        headers: { 'x-somlos-now': now },
      });
      const personAnswer = await loginAtProvider(personJar, location(personBegun, 'person'), 'anna');
      const asStaff = await personJar.get(
        onServer(personAnswer, s.url).replace(
          '/mina-planer/logga-in/bankid/klar',
          '/logga-in/eid/bankid/klar',
        ),
        { headers: { 'x-somlos-now': now } },
      );
      assert.equal(asStaff.status, 400);
      assert.deepEqual(sessionCookies(asStaff), []);
      const refusals = s.log
        .text()
        .split('\n')
        .filter((l) => /e-ID (login|sign-in) refused/.test(l))
        .slice(-2)
        .map((l) => JSON.parse(l).reason);
      // Each callback first takes the pending login of its own kind: none has that state (the other kind's row
      // is kept apart by its prefix), so both are refused before any token is redeemed.
      assert.deepEqual(refusals, ['provider-mix-up', 'provider-mix-up']);
      assert.deepEqual(
        (await watch.take()).filter((c) => !['oidc_login_states'].includes(c.tableName)),
        [],
      );
    });
  });

  describe(`Mina planer: a person's session and a staff session cannot be swapped (${testTarget})`, () => {
    test("a person's token is nobody on staff's routes, in either cookie or as a Bearer token", async () => {
      const person = await personBrowser(s, anna.personalIdentityNumber, NOW);
      const token = person.cookies.get('somlos_person')!;
      const inStaffCookie = new Browser(s.url, {}, { now: NOW });
      inStaffCookie.cookies.set(sessionCookie, token);
      for (const b of [person, inStaffCookie]) {
        for (const path of ['/', '/sip', '/konto']) {
          const res = await b.request('GET', path);
          assert.equal(res.status, 303, path);
          assert.match(res.headers.get('location')!, /^\/logga-in\?next=/, path);
        }
      }
      const api = await s.api('GET', '/api/me', { token, now: NOW });
      assert.equal(api.status, 401);
    });

    test("a staff member's session is nobody on the person's routes, in either cookie", async () => {
      const staff = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'psykiatri.karlstad');
      const token = staff.cookies.get(sessionCookie)!;
      const inPersonCookie = new Browser(s.url, {}, { now: NOW });
      inPersonCookie.cookies.set('somlos_person', token);
      for (const b of [staff, inPersonCookie]) {
        const res = await b.request('GET', '/mina-planer');
        assert.equal(res.status, 303);
        assert.equal(res.headers.get('location'), '/mina-planer/logga-in?next=%2Fmina-planer');
      }
      // Both cookies in one browser: each kind of route reads its own.
      const both = await s.webLogin(await personBrowser(s, anna.personalIdentityNumber, NOW), 'soc.arvika');
      assert.match(
        (await both.request('GET', '/mina-planer')).text,
        /<h1 class="govuk-heading-l">Mina planer/,
      );
      assert.match((await both.request('GET', '/')).text, /<h1 class="govuk-heading-l">Mitt arbete/);
    });

    test('a person session ends after 15 minutes without use and after two hours in all', async () => {
      const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
      const at = (ms: number) => new Date(new Date(NOW).getTime() + ms).toISOString();
      browser.now = at(14 * 60_000);
      assert.equal((await browser.request('GET', '/mina-planer')).status, 200);
      browser.now = at(30 * 60_000);
      assert.equal((await browser.request('GET', '/mina-planer')).status, 303, 'idle for 16 minutes');
      const kept = await personBrowser(s, anna.personalIdentityNumber, NOW);
      for (let m = 10; m <= 120; m += 10) {
        kept.now = at(m * 60_000);
        const res = await kept.request('GET', '/mina-planer');
        assert.equal(res.status, m < 120 ? 200 : 303, `${m} minutes`);
      }
    });

    test('signing out ends the person session and sends the browser on to end the provider’s session too', async () => {
      const result = await signIn(s, 'anna', now);
      const browser = new Browser(s.url, {}, { now: minutes(1) });
      browser.cookies.set('somlos_person', result.token!);
      const page = await browser.request('GET', '/mina-planer');
      const out = await browser.request('POST', '/mina-planer/logga-ut', { _csrf: Browser.csrf(page.text) });
      assert.equal(out.status, 303);
      const to = new URL(out.headers.get('location')!);
      assert.equal(to.origin, idp.issuer);
      assert.equal(
        to.searchParams.get('post_logout_redirect_uri'),
        `${publicUrl}/mina-planer/logga-in?utloggad=1`,
      );
      browser.cookies.set('somlos_person', result.token!);
      assert.equal((await browser.request('GET', '/mina-planer')).status, 303, 'the session has ended');
    });

    test('the sign-in page offers the person’s providers only, and a signed-in person goes straight to their plans', async () => {
      const page = await new Browser(s.url, {}, { now: NOW }).request('GET', '/mina-planer/logga-in');
      assert.equal(page.status, 200);
      assert.match(page.text, /href="\/mina-planer\/logga-in\/bankid\?next=%2Fmina-planer"/);
      assert.match(page.text, /Logga in med BankID/);
      assert.doesNotMatch(page.text, /SITHS|\/logga-in\/eid\//);
      const person = await personBrowser(s, anna.personalIdentityNumber, NOW);
      const again = await person.request('GET', '/mina-planer/logga-in?next=%2Fmina-planer%2Fvem-har-last');
      assert.equal(again.status, 303);
      assert.equal(again.headers.get('location'), '/mina-planer/vem-har-last');
      // Only a path of the person's own pages is followed.
      const elsewhere = await person.request('GET', '/mina-planer/logga-in?next=%2Fsip');
      assert.equal(elsewhere.headers.get('location'), '/mina-planer');
    });
  });
});

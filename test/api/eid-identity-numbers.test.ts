import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { personNumberClaim, personNumberScope } from '../../src/demo/demo-idp.ts';
import { demoHsaIds } from '../../src/demo/load-demo.ts';
import { counties, roleGrants, users } from '../../src/modules/organisations/schema.ts';
import { identityNumberHasher } from '../../src/platform/auth/identity-number-hash.ts';
import { appSecrets } from '../../src/platform/auth/schema.ts';
import { type AdminWorld, adminWorld, type Json } from '../helpers/admin-world.ts';
import { Browser } from '../helpers/browser.ts';
import {
  CookieJar,
  eidFlow,
  loginAtProvider,
  providerNow,
  publicUrl,
  somlosClient,
  startTestIdp,
  type TestIdp,
} from '../helpers/eid.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 24: a county may match e-ID logins by identity number instead of HSA-id. The county administrator
// registers an account's personnummer or samordningsnummer (over the API, the account's page or the CSV
// import); Sömlös keeps only its keyed hash (HMAC-SHA-256 with a secret of app_secrets), never the number, and
// an administrator's own is another administrator's to set. Then a login is matched by the number the
// provider sends (the Swedish OpenID Connect profile's claim), against a real oidc-provider over HTTP.

const hsa = new Map(demoHsaIds().map((a) => [a.login, a.hsaId]));
// Valid numbers (date and Luhn checksum) in the forms staff and providers write them; not 19121212-1212, which
// the messages give as an example.
const registered = '19900101-1239';
const unknown = '198112189876';
const ofOrebro = '19850312-2387';
const ofDeactivated = '194107086995';
const coordination = '19701063-2391';
const byImport = '196408233234';
const ofAdministrator = '19660621-1230';
const wrongChecksum = '19121212-1211';
// Every form of every number this file uses, none of which may be found in an answer, the log or a user row.
const allDigits = [
  registered,
  unknown,
  ofOrebro,
  ofDeactivated,
  coordination,
  byImport,
  ofAdministrator,
  '197504128880',
].flatMap((n) => {
  const twelve = n.replace(/\D/g, '');
  return [twelve, twelve.slice(2), `${twelve.slice(0, 8)}-${twelve.slice(8)}`];
});
const assertNoNumber = (text: string, what: string) => {
  for (const d of allDigits) assert.ok(!text.includes(d), `${what} holds ${d}`);
};

const idpAccounts = [
  { login: 'kand', hsaId: hsa.get('psykiatri.karlstad')!, identityNumber: '199001011239' },
  { login: 'samordning', hsaId: 'SE2321000016-S1', identityNumber: '197010632391' },
  { login: 'bara-hsa', hsaId: hsa.get('soc.arvika')! },
  { login: 'fel', hsaId: 'SE2321000016-F1', identityNumber: '191212121211' },
  { login: 'okand', hsaId: 'SE2321000016-O1', identityNumber: unknown },
  { login: 'avslutad', hsaId: 'SE2321000016-A1', identityNumber: ofDeactivated },
  { login: 'annat-lan', hsaId: 'SE2321000016-L1', identityNumber: '198503122387' },
];

let s: TestServer;
let idp: TestIdp;
let now: Date;
let w: AdminWorld;
let browser: Browser;
const { sessionCount, begin, callback, assertRefused } = eidFlow(
  () => s,
  () => now,
);

// One describe holds the file: its hooks then apply to its own tests only (the suite runs every file in one process).
describe('e-ID identity numbers', () => {
  before(async () => {
    idp = await startTestIdp(idpAccounts, [somlosClient('region')]);
    const client = somlosClient('region');
    const providers = [
      {
        id: 'region',
        county: '17',
        name: 'SITHS eID',
        issuer: idp.issuer,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        scopes: `openid hsa ${personNumberScope}`,
        identityNumberClaim: personNumberClaim,
      },
      // Örebro's provider sends no identity number.
      {
        id: 'orebro',
        county: '18',
        name: 'Örebros leverantör',
        issuer: 'https://idp.example.invalid',
        clientId: 'somlos',
        clientSecret: 'en-hemlighet',
      },
    ];
    s = await startTestServer(
      { PUBLIC_URL: publicUrl, OIDC_PROVIDERS: JSON.stringify(providers) },
      { keepLog: true },
    );
    now = await providerNow(idp.issuer);
    w = adminWorld(s);
    await w.user('admin.varmland');
    browser = await s.webLogin(new Browser(s.url), 'admin.varmland');
  });
  after(async () => {
    await s?.close();
    await idp?.close();
  });

  const idOf = async (username: string) =>
    (await s.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const rowOf = async (username: string) =>
    (await s.database.db.select().from(users).where(eq(users.username, username)))[0]!;
  const patch = async (username: string, identityNumber: string | null) =>
    w.admin('PATCH', `/api/admin/accounts/${await idOf(username)}`, { identityNumber });
  /** Puts the number's keyed hash on the account directly, as a registration before the test would have. */
  const registerDirectly = async (username: string, identityNumber: string | null) =>
    s.database.db
      .update(users)
      .set({
        identityNumberHash: identityNumber && (await identityNumberHasher(s.database.db))(identityNumber),
      })
      .where(eq(users.username, username));

  describe('identity numbers for e-ID logins: kept as a keyed hash, set by another administrator', () => {
    test('an administrator registers an account’s identity number: checked for date and checksum, kept only as an HMAC, shown as registered', async () => {
      await registerDirectly('psykiatri.karlstad', null); // none yet, whatever another test registered
      const wrong = await w.refused(() => patch('psykiatri.karlstad', wrongChecksum), 422, 'wrong checksum');
      assert.deepEqual(wrong.body.errors, [
        {
          path: 'identityNumber',
          message:
            'Ange ett giltigt personnummer eller samordningsnummer, till exempel 19121212-1212, eller lämna fältet tomt',
        },
      ]);
      const set = w.ok(await patch('psykiatri.karlstad', registered), 200, 'set');
      assert.equal(set.identityNumberSet, true);
      assert.equal('identityNumberHash' in set, false, 'the hash is never shown');
      assertNoNumber(JSON.stringify(set), 'the answer');
      const shown = w.ok(
        await w.admin('GET', `/api/admin/accounts/${await idOf('psykiatri.karlstad')}`),
        200,
        'account',
      );
      assert.equal(shown.identityNumberSet, true);
      assert.equal('identityNumberHash' in shown, false);

      // The row holds the HMAC of the twelve digits with the database's own secret: not the number, and not a
      // plain hash of it that anyone could compute for every valid number.
      const row = await rowOf('psykiatri.karlstad');
      const [secret] = await s.database.db
        .select({ value: appSecrets.value })
        .from(appSecrets)
        .where(eq(appSecrets.name, 'identity-number-hmac'));
      assert.ok(secret!.value.length >= 40);
      assert.equal(
        row.identityNumberHash,
        createHmac('sha256', secret!.value).update('199001011239').digest('base64url'),
      );
      assert.notEqual(
        row.identityNumberHash,
        createHash('sha256').update('199001011239').digest('base64url'),
      );
      assertNoNumber(JSON.stringify(row), 'the account row');

      // The log says that a number was registered, never which; the principal's log reviewers see it too.
      const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
      const entry = log.find((e: Json) => e.change === 'accountChanged' && e.after?.identityNumber);
      assert.deepEqual(entry.after, { identityNumber: 'registrerat' });
      assertNoNumber(JSON.stringify(log), 'the administration log');
      const grants = await s.database.db
        .select({ change: roleGrants.change })
        .from(roleGrants)
        .where(eq(roleGrants.accountUserId, row.id));
      assert.deepEqual(
        grants.map((g) => g.change),
        ['identityNumberChanged'],
      );
    });

    test('the same person’s number, in another form, is a Swedish 422 naming the field on another account', async () => {
      await registerDirectly('psykiatri.karlstad', registered);
      const taken = await w.refused(() => patch('soc.arvika', '199001011239'), 422, 'taken');
      assert.deepEqual(taken.body.errors, [
        { path: 'identityNumber', message: 'Personnumret står redan på ett annat konto' },
      ]);
      assertNoNumber(taken.text, 'the refusal');
    });

    test('a number replaced and one taken away are logged as such; a samordningsnummer is taken too', async () => {
      w.ok(await patch('soc.kil', unknown), 200, 'first');
      w.ok(await patch('soc.kil', coordination), 200, 'replaced');
      const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
      const replaced = log.find((e: Json) => e.after?.identityNumber === 'nytt registrerat');
      assert.equal(replaced.before.identityNumber, 'registrerat');
      assert.equal(w.ok(await patch('soc.kil', ''), 200, 'taken away').identityNumberSet, false);
      assert.equal((await rowOf('soc.kil')).identityNumberHash, null);
      w.ok(await patch('soc.kil', coordination), 200, 'again');
      // The same number again, in another form, is no change: no new grant for the log reviewers.
      const hash = (await rowOf('soc.kil')).identityNumberHash;
      const grants = await s.database.db.$count(roleGrants);
      w.ok(await patch('soc.kil', '197010632391'), 200, 'same');
      assert.equal((await rowOf('soc.kil')).identityNumberHash, hash);
      assert.equal(await s.database.db.$count(roleGrants), grants);
    });

    test("an administrator's own identity number is another administrator's to set: 403 over the API and the page", async () => {
      const res = await w.refused(() => patch('admin.varmland', ofAdministrator), 403, 'own');
      assert.match(
        res.body.detail,
        /Du kan inte ändra HSA-id eller personnummer på ditt eget konto\. Be en annan administratör i länet\./,
      );
      // One registered by another administrator cannot be taken away by its holder either.
      await registerDirectly('admin.varmland', ofAdministrator);
      await w.refused(() => patch('admin.varmland', null), 403, 'own, taken away');
      await w.refused(() => patch('admin.varmland', unknown), 403, 'own, replaced');
      await registerDirectly('admin.varmland', null);
      const own = await idOf('admin.varmland');
      assert.equal((await browser.request('GET', `/administration/konton/${own}/personnummer`)).status, 403);
      const page = await browser.request('GET', `/administration/konton/${own}`);
      assert.doesNotMatch(page.text, /personnummer"/, 'no link to change it on one’s own page');
    });

    test("the account's page says whether a number is registered, never which; its form refuses a wrong one at the field", async () => {
      await registerDirectly('psykiatri.karlstad', registered);
      const id = await idOf('psykiatri.karlstad');
      const page = await browser.request('GET', `/administration/konton/${id}`);
      assert.match(page.text, /Personnummer för e-legitimation[\s\S]*?Registrerat \(visas inte\)/);
      assertNoNumber(page.text, 'the account page');
      const form = await browser.request('GET', `/administration/konton/${id}/personnummer`);
      assert.equal(form.status, 200);
      assert.match(form.text, /Ett personnummer är registrerat för kontot\./);
      assert.match(form.text, /<input[^>]*id="identityNumber"[^>]*value=""/);
      const wrong = await browser.request('POST', `/administration/konton/${id}/personnummer`, {
        _csrf: Browser.csrf(form.text),
        identityNumber: wrongChecksum,
      });
      assert.equal(wrong.status, 422);
      assert.match(wrong.text, /<a href="#identityNumber">Ange ett giltigt personnummer/);

      const arvika = await idOf('soc.arvika');
      const post = (identityNumber: string) =>
        browser.request('POST', `/administration/konton/${arvika}/personnummer`, {
          _csrf: Browser.csrf(form.text),
          identityNumber,
        });
      const saved = await post('19750412-8880');
      assert.equal(saved.status, 303);
      assert.equal(saved.headers.get('location'), `/administration/konton/${arvika}?klart=personnummer`);
      const shown = await browser.request('GET', saved.headers.get('location')!);
      assert.match(shown.text, /Personnumret för inloggning med e-legitimation är sparat\./);
      assertNoNumber(shown.text, 'the page after saving');
      const removed = await post('');
      assert.equal(
        removed.headers.get('location'),
        `/administration/konton/${arvika}?klart=personnummer-borttaget`,
      );
      assert.equal((await rowOf('soc.arvika')).identityNumberHash, null);
    });

    test('the CSV import takes a personnummer column: checked without repeating the number, unique in the file and among accounts, kept as the hash', async () => {
      await registerDirectly('psykiatri.karlstad', registered);
      const header = 'namn,e-post,användarnamn,enhet,roller,personnummer';
      const row = (i: number, number: string) =>
        `Person ${i},pnr${i}@varmland.se,pnr.${i},"Socialtjänst vuxen, Arvika",staff,${number}`;
      const res = await w.refused(
        () =>
          w.admin('POST', '/api/admin/accounts/import', {
            csv: [
              header,
              row(1, byImport),
              row(2, wrongChecksum),
              row(3, '199001011239'),
              row(4, '19640823-3234'),
            ].join('\n'),
          }),
        422,
        'wrong numbers',
      );
      assert.deepEqual(
        res.body.errors.map((e: Json) => [e.path, e.message]),
        [
          [
            'rad.3.personnummer',
            'Rad 3: Inget giltigt personnummer eller samordningsnummer (skrivs som 19121212-1212)',
          ],
          ['rad.4.personnummer', 'Rad 4: Personnumret står redan på ett annat konto'],
          ['rad.5.personnummer', 'Rad 5: Samma personnummer som på rad 2'],
        ],
      );
      assertNoNumber(res.text, 'the refusal');
      w.ok(
        await w.admin('POST', '/api/admin/accounts/import', {
          csv: [header, row(6, byImport), row(7, '')].join('\n'),
        }),
        201,
        'import',
      );
      const [imported] = await s.database.db.select().from(users).where(eq(users.username, 'pnr.6'));
      const hash = (await rowOf('psykiatri.karlstad')).identityNumberHash;
      assert.equal(imported!.identityNumberHash?.length, hash!.length);
      assert.notEqual(imported!.identityNumberHash, hash);
      assertNoNumber(JSON.stringify(imported), 'the imported row');
      assert.equal((await rowOf('pnr.7')).identityNumberHash, null);
    });

    test('a county matches by identity number only where each of its providers sends one', async () => {
      // Värmland on HSA-ids, as the demo has it, whatever another test chose.
      await s.database.db.update(counties).set({ eidMatch: 'hsaId' }).where(eq(counties.code, '17'));
      const choose = async (b: Browser, eidMatch: string) => {
        const form = await b.request('GET', '/administration/inloggning');
        return b.request('POST', '/administration/inloggning', {
          _csrf: Browser.csrf(form.text),
          passwordLogin: 'ja',
          eidMatch,
        });
      };
      const orebro = await s.webLogin(new Browser(s.url), 'admin.orebro');
      const refused = await choose(orebro, 'identityNumber');
      assert.equal(refused.status, 422);
      assert.match(
        refused.text,
        /<a href="#eidMatch">Länets leverantör av e-legitimation skickar inget personnummer/,
      );

      assert.equal((await choose(browser, 'identityNumber')).status, 303);
      const overview = await browser.request('GET', '/administration');
      assert.match(overview.text, /Inloggning med e-legitimation känns igen på personnummer\./);
      const log = await browser.request('GET', '/administration/logg');
      assert.match(log.text, /E-legitimation känns igen på[\s\S]*?HSA-id[\s\S]*?personnummer/);
    });
  });

  describe('an e-ID login matched by identity number, where the county chose it', () => {
    // The provider's time, read again before each test (see eid-login.test.ts); and Värmland matching by
    // identity number, which the last test turns back to HSA-ids.
    beforeEach(async () => {
      now = await providerNow(idp.issuer);
      await s.database.db.update(counties).set({ eidMatch: 'identityNumber' }).where(eq(counties.code, '17'));
    });
    before(async () => {
      // The numbers the provider's accounts log in with, registered on their accounts (as the tests of the
      // registration above do); an account in another county with a number, and a deactivated one with a number.
      await registerDirectly('psykiatri.karlstad', registered);
      await registerDirectly('soc.kil', coordination);
      await registerDirectly('psykiatri.orebro', ofOrebro);
      await registerDirectly('chef.soc.karlstad', ofDeactivated);
      await s.database.db.update(users).set({ active: false }).where(eq(users.username, 'chef.soc.karlstad'));
    });

    const login = async (account: string) => {
      const jar = new CookieJar();
      return { jar, result: await callback(jar, await loginAtProvider(jar, await begin(jar), account)) };
    };
    /** Whose session the browser has: the username its account page shows. */
    const whoIs = async (jar: CookieJar) => {
      const page = await jar.get(`${s.url}/konto`, { headers: { 'x-somlos-now': now.toISOString() } });
      return page.status === 200
        ? (await page.text()).match(/\b(psykiatri\.karlstad|soc\.kil|soc\.arvika)\b/)?.[1]
        : page.status;
    };

    test('the number the provider sends (twelve digits) finds the account it was registered on, in any form', async () => {
      const { jar, result } = await login('kand');
      assert.equal(result.status, 303, result.text.slice(0, 300));
      assert.equal(await whoIs(jar), 'psykiatri.karlstad');
      const coordinated = await login('samordning');
      assert.equal(coordinated.result.status, 303);
      assert.equal(await whoIs(coordinated.jar), 'soc.kil');
    });

    test('an HSA-id alone no longer logs in; a missing or malformed number is refused before any lookup', async () => {
      for (const account of ['bara-hsa', 'fel']) {
        const n = await sessionCount();
        await assertRefused((await login(account)).result, n, 'identity-number-missing');
      }
    });

    for (const [account, what] of [
      ['okand', 'a number no account has'],
      ['avslutad', "a deactivated account's number"],
      ['annat-lan', "the number of another county's account"],
    ] as const) {
      test(`${what} gets "Du har inget konto i Sömlös" and no session`, async () => {
        const n = await sessionCount();
        await assertRefused((await login(account)).result, n, 'no-account', 403);
      });
    }

    test('back on HSA-ids, the same provider logs in by HSA-id again', async () => {
      await s.database.db.update(counties).set({ eidMatch: 'hsaId' }).where(eq(counties.code, '17'));
      const { jar, result } = await login('bara-hsa');
      assert.equal(result.status, 303);
      assert.equal(await whoIs(jar), 'soc.arvika');
    });

    test('no identity number reached the log', () => {
      assertNoNumber(s.log.text(), 'the log');
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  CookieJar,
  eidFlow,
  type IdTokenParts,
  loginAtProvider,
  newSigningKey,
  providerNow,
  publicUrl,
  signJwt,
  type TestIdp,
  unsignedJwt,
} from '../helpers/eid.ts';
import { startEidLoginServers } from '../helpers/eid-login-servers.ts';
import type { TestServer } from '../helpers/server.ts';

// Issue 24: e-ID logins (with eid-login.test.ts) refused: a malformed HSA-id, a wrong or missing state or nonce,
// a code for another client, an answer from another issuer, forged ID tokens, an expired token or pending login.
// Every refusal is shown to store no session and to answer with the Swedish page.

let s: TestServer;
let region: TestIdp;
let evil: TestIdp;
let now: Date;

// One describe holds the file: its hooks then apply to its own tests only (the suite runs every file in one process).
describe('e-ID login refused', () => {
  let close: (() => Promise<void>) | undefined;
  before(async () => {
    ({ s, region, evil, now, close } = await startEidLoginServers());
  });
  after(async () => {
    await close?.();
  });

  const { at, sessionCount, begin, callback, assertRefused } = eidFlow(
    () => s,
    () => now,
  );

  describe('e-ID login over OpenID Connect: refusals', () => {
    // The provider's time, read again before each test: its tokens carry the real time, and a suite run in one
    // process (scripts/test.sh) may start this file's hooks long before its tests.
    beforeEach(async () => {
      now = await providerNow(region.issuer);
    });

    test('an ID token without a well-formed HSA-id is refused', async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      await assertRefused(
        await callback(jar, await loginAtProvider(jar, await begin(jar), 'utan-hsa')),
        n,
        'hsa-id-missing',
      );
    });

    test('a wrong state, and a missing one, are refused', async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      const back = new URL(await loginAtProvider(jar, await begin(jar), 'kand'));
      const wrong = new URL(back);
      wrong.searchParams.set('state', 'x'.repeat(43));
      await assertRefused(await callback(jar, wrong.toString()), n, 'state-unknown');
      const missing = new URL(back);
      missing.searchParams.delete('state');
      await assertRefused(await callback(jar, missing.toString()), n, 'state-missing');
    });

    test('a wrong nonce in the ID token is refused', async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      const authorize = new URL(await begin(jar));
      authorize.searchParams.set('nonce', 'en-annan-nonce-an-den-somlos-valde-1234');
      await assertRefused(
        await callback(jar, await loginAtProvider(jar, authorize.toString(), 'kand')),
        n,
        'token-refused OAUTH_JWT_CLAIM_COMPARISON_FAILED nonce',
      );
    });

    test('a code the provider issued to another client is refused by the provider', async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      const authorize = new URL(await begin(jar));
      authorize.searchParams.set('client_id', 'annan');
      await assertRefused(
        await callback(jar, await loginAtProvider(jar, authorize.toString(), 'kand')),
        n,
        'token-refused OAUTH_RESPONSE_BODY_ERROR',
      );
    });

    test('an answer from another issuer (mix-up) is refused', async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      // The user pressed "region", but the request is sent to the other provider, which answers at region's callback.
      const authorize = new URL(await begin(jar));
      const atEvil = new URL(`${evil.issuer}${authorize.pathname}${authorize.search}`);
      const back = await loginAtProvider(jar, atEvil.toString(), 'kand');
      assert.equal(new URL(back).searchParams.get('iss'), evil.issuer);
      await assertRefused(await callback(jar, back), n, 'token-refused OAUTH_INVALID_RESPONSE response');
    });

    /** A login through the button and the provider whose ID token is replaced by `forge`'s on its way back. */
    async function loginWithForgedIdToken(forge: (parts: IdTokenParts) => string) {
      const jar = new CookieJar();
      const back = await loginAtProvider(jar, await begin(jar), 'kand');
      region.forgeIdTokens = forge;
      try {
        return await callback(jar, back);
      } finally {
        region.forgeIdTokens = null;
      }
    }

    test("the forgery is faithful: an ID token signed again unchanged with the provider's key logs in", async () => {
      const result = await loginWithForgedIdToken((parts) => signJwt(parts, region.signingKey));
      assert.equal(result.status, 303, result.text.slice(0, 300));
    });

    test('an ID token signed with another key than the one the provider publishes is refused', async () => {
      const n = await sessionCount();
      const other = newSigningKey();
      await assertRefused(
        await loginWithForgedIdToken((parts) => signJwt(parts, other)),
        n,
        'token-refused OAUTH_INVALID_RESPONSE signature',
      );
    });

    test('an unsigned ID token (alg none) is refused', async () => {
      const n = await sessionCount();
      await assertRefused(
        await loginWithForgedIdToken(unsignedJwt),
        n,
        'token-refused OAUTH_INVALID_RESPONSE header',
      );
    });

    test("an ID token for another audience, signed with the provider's key, is refused", async () => {
      const n = await sessionCount();
      const forge = ({ header, claims }: IdTokenParts) =>
        signJwt({ header, claims: { ...claims, aud: 'annan' } }, region.signingKey);
      await assertRefused(
        await loginWithForgedIdToken(forge),
        n,
        'token-refused OAUTH_JWT_CLAIM_COMPARISON_FAILED aud',
      );
    });

    test("an ID token naming another issuer, signed with the provider's key, is refused", async () => {
      const n = await sessionCount();
      const forge = ({ header, claims }: IdTokenParts) =>
        signJwt({ header, claims: { ...claims, iss: evil.issuer } }, region.signingKey);
      await assertRefused(
        await loginWithForgedIdToken(forge),
        n,
        'token-refused OAUTH_JWT_CLAIM_COMPARISON_FAILED iss',
      );
    });

    test("an ID token with another nonce, signed with the provider's key, is refused", async () => {
      const n = await sessionCount();
      const forge = ({ header, claims }: IdTokenParts) =>
        signJwt(
          { header, claims: { ...claims, nonce: 'en-annan-nonce-an-den-somlos-valde-1234' } },
          region.signingKey,
        );
      await assertRefused(
        await loginWithForgedIdToken(forge),
        n,
        'token-refused OAUTH_JWT_CLAIM_COMPARISON_FAILED nonce',
      );
    });

    test("an ID token past its expiry, signed with the provider's key, is refused", async () => {
      const n = await sessionCount();
      const forge = ({ header, claims }: IdTokenParts) =>
        // Two minutes past: beyond the 30 seconds openid-client allows for clocks that differ.
        signJwt({ header, claims: { ...claims, exp: (claims.iat as number) - 120 } }, region.signingKey);
      await assertRefused(
        await loginWithForgedIdToken(forge),
        n,
        'token-refused OAUTH_JWT_TIMESTAMP_CHECK_FAILED exp',
      );
    });

    test("a state begun at one provider's button is refused at another's callback", async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      const back = new URL(await loginAtProvider(jar, await begin(jar), 'kand'));
      const other = `${publicUrl}/logga-in/eid/ond/klar${back.search}`;
      await assertRefused(await callback(jar, other), n, 'provider-mix-up');
    });

    test('an expired ID token is refused', async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      const back = await loginAtProvider(jar, await begin(jar), 'kand');
      // The provider's ID tokens live 60 seconds; five minutes on, the pending login is still good, the token not.
      await assertRefused(
        await callback(jar, back, at(300)),
        n,
        'token-refused OAUTH_JWT_TIMESTAMP_CHECK_FAILED exp',
      );
    });

    test('a pending login older than ten minutes is refused', async () => {
      const n = await sessionCount();
      const jar = new CookieJar();
      const back = await loginAtProvider(jar, await begin(jar, 'region', at(-601)), 'kand');
      await assertRefused(await callback(jar, back), n, 'state-expired');
    });
  });
});

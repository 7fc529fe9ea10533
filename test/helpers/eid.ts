import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { KoaContextWithOIDC } from 'oidc-provider';
import {
  type DemoIdp,
  type DemoIdpAccount,
  type DemoIdpClient,
  startDemoIdp,
} from '../../src/demo/demo-idp.ts';
import { sessions } from '../../src/platform/auth/schema.ts';
import type { TestServer } from './server.ts';

// Driving an e-ID login over HTTP the way a browser would: the app's button, the provider's login page (with the
// provider's cookies), and back. Each step returns the redirect it got, so a test can change or replay it.

/** Cookies per host, sent back whatever their path: enough for one provider's login. */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();
  header(url: string): string {
    return [...(this.jar.get(new URL(url).host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(url: string, response: Response): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    this.jar.set(host, cookies);
  }
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keep(url, response);
    return response;
  }
}

export const publicUrl = 'http://somlos.test';

export function somlosClient(providerId: string, clientId = 'somlos'): DemoIdpClient {
  return {
    clientId,
    clientSecret: `${clientId}-hemlighet-som-bara-testet-vet`,
    redirectUris: [`${publicUrl}/logga-in/eid/${providerId}/klar`],
    postLogoutUris: [`${publicUrl}/logga-in?utloggad=1`],
  };
}

/** An ID token taken apart: its JOSE header and its claims, for a test to change and sign again (or not). */
export type IdTokenParts = { header: Record<string, unknown>; claims: Record<string, unknown> };

export type TestIdp = DemoIdp & {
  /** The key the provider signs with and publishes (its JWKS), so a test can sign a changed token with it. */
  signingKey: KeyObject;
  /**
   * While set, every ID token the provider's token endpoint answers with is replaced by what this returns: a
   * forged token, as an attacker between Sömlös and the provider, or a provider gone wrong, would send it.
   */
  forgeIdTokens: ((parts: IdTokenParts) => string) | null;
};

export async function startTestIdp(
  accounts: DemoIdpAccount[],
  clients: DemoIdpClient[],
  idTokenTtl = 60,
): Promise<TestIdp> {
  const signingKey = newSigningKey();
  const idp = await startDemoIdp({ accounts, clients, idTokenTtl, signingKey });
  const test: TestIdp = { ...idp, signingKey, forgeIdTokens: null };
  idp.provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (test.forgeIdTokens && ctx.oidc?.route === 'token' && typeof body?.id_token === 'string')
      ctx.body = { ...body, id_token: test.forgeIdTokens(jwtParts(body.id_token)) };
  });
  return test;
}

/** A P-256 key like the provider's own (ES256). */
export const newSigningKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwtParts(jwt: string): IdTokenParts {
  const [header, claims] = jwt
    .split('.')
    .slice(0, 2)
    .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
  return { header, claims };
}

/** Signs the parts with ES256 and `key`, keeping the header (its key id) as it is. */
export function signJwt({ header, claims }: IdTokenParts, key: KeyObject): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** The parts as an unsecured JWT (`alg: none`, no signature). */
export const unsignedJwt = ({ header, claims }: IdTokenParts) =>
  `${b64({ ...header, alg: 'none' })}.${b64(claims)}.`;

/** The provider's own time, from its Date header: the tests never read the wall clock themselves. */
export async function providerNow(issuer: string): Promise<Date> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  await res.text();
  return new Date(res.headers.get('date')!);
}

/**
 * At the provider: follows its authorization URL, logs in as `login` on its page, and returns the address it
 * sends the browser back to (the app's callback, under PUBLIC_URL).
 */
export async function loginAtProvider(jar: CookieJar, authorizeUrl: string, login: string): Promise<string> {
  const origin = new URL(authorizeUrl).origin;
  const toInteraction = await jar.get(authorizeUrl);
  const interaction = new URL(location(toInteraction, authorizeUrl), origin).toString();
  const afterLogin = await jar.get(interaction, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login }).toString(),
  });
  const resume = new URL(location(afterLogin, interaction), origin).toString();
  const back = await jar.get(resume);
  return location(back, resume);
}

export function location(response: Response, from: string): string {
  const to = response.headers.get('location');
  if (!to) throw new Error(`no redirect from ${from}: ${response.status}`);
  return to;
}

/** The callback address on the running test server instead of PUBLIC_URL. */
export const onServer = (callback: string, serverUrl: string) => callback.replace(publicUrl, serverUrl);

// What a refusal's log line and page must never hold: an HSA-id, a JWT or a code, an identity number, a login.
const personalOrSecret = /SE\d{10}-|eyJ|\b\d{12}\b|\b\d{8}-\d{4}\b|psykiatri\.|soc\.karlstad|code=/;
// What the page must not explain: which check failed, or the library's words for it.
const detail = /OAUTH_|token|nonce|signatur|audience|issuer|utfärdare|mottagare|state|HSA|personnummer/i;

/**
 * Logins with the server's e-ID buttons, on the provider's clock (`now`, read from its Date header: its tokens
 * are stamped with it), and what a refusal must look like. Given getters, since both are made in `before`.
 */
export function eidFlow(server: () => TestServer, now: () => Date) {
  const at = (seconds: number) => new Date(now().getTime() + seconds * 1000).toISOString();

  async function sessionCount(): Promise<number> {
    const [row] = await server().database.db.select({ n: count() }).from(sessions);
    return row!.n;
  }

  /** The app's button: returns the provider's authorization URL. */
  async function begin(jar: CookieJar, provider = 'region', time = at(0), next = '/konto'): Promise<string> {
    const res = await jar.get(`${server().url}/logga-in/eid/${provider}?next=${encodeURIComponent(next)}`, {
      headers: { 'x-somlos-now': time },
    });
    assert.equal(res.status, 303);
    return location(res, 'begin');
  }

  async function callback(jar: CookieJar, url: string, time = at(0)) {
    const res = await jar.get(onServer(url, server().url), { headers: { 'x-somlos-now': time } });
    return { status: res.status, location: res.headers.get('location'), text: await res.text(), res };
  }

  const refusalLines = () =>
    server()
      .log.text()
      .split('\n')
      .filter((l) => l.includes('e-ID login refused'));

  /** The reason, openid-client's error code and the failed check of the last refusal logged. */
  function lastRefusal(): string {
    const last = JSON.parse(refusalLines().at(-1)!);
    return [last.reason, last.code, last.check].filter(Boolean).join(' ');
  }

  /**
   * A refusal for `why`: the Swedish page without detail, no session cookie, no session row, and the refusal
   * logged by reason alone, without personal data.
   */
  async function assertRefused(
    result: Awaited<ReturnType<typeof callback>>,
    before: number,
    why: string,
    status = 400,
  ) {
    assert.equal(result.status, status, result.text.slice(0, 300));
    assert.equal(lastRefusal(), why);
    assert.doesNotMatch(refusalLines().at(-1)!, personalOrSecret);
    assert.match(result.text, status === 403 ? /Du har inget konto i Sömlös/ : /Inloggningen misslyckades/);
    assert.match(result.text, /<html lang="sv"/);
    const main = result.text.slice(result.text.indexOf('<main'), result.text.indexOf('</main>'));
    assert.ok(main.length > 100, 'the page has its main content');
    assert.doesNotMatch(main, detail);
    assert.doesNotMatch(main, personalOrSecret);
    assert.equal(
      result.res.headers.getSetCookie().some((c) => c.startsWith('somlos_session=')),
      false,
    );
    assert.equal(await sessionCount(), before);
  }

  return { at, sessionCount, begin, callback, refusalLines, lastRefusal, assertRefused };
}

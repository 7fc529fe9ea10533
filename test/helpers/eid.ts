import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { type DemoIdp, type DemoIdpClient, startDemoIdp } from '../../src/demo/demo-idp.ts';

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
  accounts: { login: string; hsaId: string }[],
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

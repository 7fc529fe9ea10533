import { eq } from 'drizzle-orm';
import type { DemoIdpAccount, DemoIdpClient } from '../../src/demo/demo-idp.ts';
import { createPersonSession, personSessionCookie } from '../../src/platform/auth/person-sessions.ts';
import { parseIdentityNumber } from '../../src/platform/people/identity-number.ts';
import { persons } from '../../src/platform/people/schema.ts';
import { Browser } from './browser.ts';
import {
  CookieJar,
  location,
  loginAtProvider,
  onServer,
  publicUrl,
  startTestIdp,
  type TestIdp,
} from './eid.ts';
import type { TestServer } from './server.ts';

// The person's side of Sömlös (issue 26): their e-ID provider (BankID in production; a real oidc-provider here),
// signing in over HTTP as a browser would, and, for the page tests, a person's session opened directly.

export const personProviderId = 'bankid';

/** The person pages' client at the provider (a county's BankID broker registers Sömlös like this). */
export function personClient(providerId = personProviderId): DemoIdpClient {
  return {
    clientId: 'somlos-mina-planer',
    clientSecret: 'mina-planer-hemlighet-som-bara-testet-vet',
    redirectUris: [`${publicUrl}/mina-planer/logga-in/${providerId}/klar`],
    postLogoutUris: [`${publicUrl}/mina-planer/logga-in?utloggad=1`],
  };
}

/** PERSON_OIDC_PROVIDERS for the provider: its defaults ask for the identity number (oidc.se's scope and claim). */
export function personProviders(idp: TestIdp, providerId = personProviderId): string {
  const client = personClient(providerId);
  return JSON.stringify([
    {
      id: providerId,
      name: 'BankID',
      issuer: idp.issuer,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
    },
  ]);
}

export async function startPersonIdp(accounts: DemoIdpAccount[], extraClients: DemoIdpClient[] = []) {
  return startTestIdp(accounts, [personClient(), ...extraClients]);
}

export type SignInResult = { status: number; location: string | null; text: string; token: string | null };

/**
 * Signs in at /mina-planer as `login` of the provider, on the provider's clock (`now`, its tokens are stamped with
 * it): the app's button, the provider's page, the app's callback. Returns the callback's answer and the person's
 * session token if one was set.
 */
export async function signIn(
  s: TestServer,
  login: string,
  now: string,
  jar = new CookieJar(),
): Promise<SignInResult> {
  const headers = { 'x-somlos-now': now };
  const begun = await jar.get(`${s.url}/mina-planer/logga-in/${personProviderId}?next=%2Fmina-planer`, {
    headers,
  });
  const callback = await loginAtProvider(jar, location(begun, 'begin'), login);
  const res = await jar.get(onServer(callback, s.url), { headers });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${personSessionCookie}=`));
  return {
    status: res.status,
    location: res.headers.get('location'),
    text: await res.text(),
    token: cookie ? cookie.split(';')[0]!.split('=')[1]! : null,
  };
}

/** The person's id, found by identity number (tests may read the person table; the app only through the access layer). */
export async function personIdOf(s: TestServer, identityNumber: string): Promise<string> {
  const pin = parseIdentityNumber(identityNumber)!.normalised;
  const [row] = await s.database.db
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.personalIdentityNumber, pin));
  if (!row) throw new Error(`no person ${identityNumber}`);
  return row.id;
}

/**
 * A browser signed in as the person, on its clock: the session opened as a sign-in does (createPersonSession),
 * without the provider, which stamps its tokens with its own time.
 */
export async function personBrowser(s: TestServer, identityNumber: string, now: string): Promise<Browser> {
  const browser = new Browser(s.url, {}, { now });
  const session = await createPersonSession(
    s.database.db,
    await personIdOf(s, identityNumber),
    `eid:${personProviderId}`,
    new Date(now),
  );
  browser.cookies.set(personSessionCookie, session.token);
  return browser;
}

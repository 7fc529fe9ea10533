import { createHash } from 'node:crypto';
import { and, eq, lt, type SQL } from 'drizzle-orm';
import * as client from 'openid-client';
import type { OidcProviderConfig } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { counties, principals, units, users } from '../../modules/organisations/schema.ts';
import { wallClock } from '../clock.ts';
import { isHsaId, normaliseHsaId } from './hsa-id.ts';
import { identityNumberHasher } from './identity-number-hash.ts';
import { oidcLoginStates } from './schema.ts';

// Logging in with e-ID over OpenID Connect (authorization code flow, PKCE, state and nonce) through
// openid-client, which checks the ID token's signature, issuer, audience, expiry and nonce and the response's
// state and iss. What Sömlös adds: the pending login kept server-side and used once, the provider tied to its
// own callback, and the match to an existing active account of the provider's county by HSA-id, or by
// identity number where the county chose it.

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The configured e-ID providers without their secrets, for the administration (app.ts); `identityNumber`
     * says whether the provider names a claim with the identity number.
     */
    eidProviderNames: readonly {
      id: string;
      county: string;
      name: string;
      demo: boolean;
      identityNumber: boolean;
    }[];
  }
}

/** A configured provider; `demo` marks the local demo provider (demo-idp.ts). */
export type EidProvider = OidcProviderConfig & { demo?: boolean };
/** What the flow itself needs of a provider: staff's and the person's (issue 26) providers both have it. */
export type OidcClientProvider = Pick<
  EidProvider,
  'id' | 'name' | 'issuer' | 'clientId' | 'clientSecret' | 'scopes' | 'demo'
>;

const stateLifetimeMs = 10 * 60 * 1000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Why a login was refused: logged as is, so it never holds personal data or a token. */
export type RefusalReason =
  | 'provider-error'
  | 'state-missing'
  | 'state-unknown'
  | 'state-expired'
  | 'provider-mix-up'
  | 'token-refused'
  | 'provider-unreachable'
  | 'hsa-id-missing'
  | 'identity-number-missing'
  | 'no-account';

export class EidRefused extends Error {
  readonly reason: RefusalReason;
  /** openid-client's error code, e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED. */
  readonly detail: string | undefined;
  /** Which check refused the answer (`failedCheck`): a claim's name, "signature", "header" or "response". */
  readonly check: string | undefined;
  constructor(reason: RefusalReason, detail?: string, check?: string) {
    super(`e-ID login refused: ${reason}`);
    this.reason = reason;
    this.detail = detail;
    this.check = check;
  }
}

// The ID token claims whose check can fail, by name: a name from this list is logged, never a claim's value.
const checkedClaims = new Set(['iss', 'aud', 'azp', 'sub', 'nonce', 'exp', 'iat', 'nbf', 'auth_time', 'acr']);

/**
 * Which of openid-client's checks refused a token response, read from the shape of the error it wrapped
 * (oauth4webapi's), so the log tells a bad signature from a wrong audience without quoting the token: the
 * failing claim's name, "signature" (the JWS signature against the provider's keys), "header" (the JOSE
 * header: an unexpected alg such as "none") or "response" (the authorization response's state or iss).
 */
function failedCheck(err: unknown): string | undefined {
  const inner = (err as { cause?: { cause?: unknown } } | null)?.cause?.cause;
  if (!inner || typeof inner !== 'object') return undefined;
  const claim = (inner as { claim?: unknown }).claim;
  if (typeof claim === 'string' && checkedClaims.has(claim)) return claim;
  if ('signature' in inner) return 'signature';
  if ('header' in inner) return 'header';
  if ('parameters' in inner) return 'response';
  return undefined;
}

/**
 * Where one set of providers sends the browser back, and how its pending logins are told apart from another
 * set's: staff's providers (the default) and the person's own (PERSON_OIDC_PROVIDERS, issue 26) may share ids,
 * and a login begun at one must never complete at the other.
 */
export type EidAudience = {
  /** The path of the callback, e.g. /logga-in/eid/<id>/klar. */
  callbackPath: (providerId: string) => string;
  /** Where the provider sends the browser after its own logout (RP-initiated logout). */
  afterLogoutPath: string;
  /** Prefixed to the provider's id on a pending login ('' for staff). */
  statePrefix: string;
};

export const staffAudience: EidAudience = {
  callbackPath: (id) => `/logga-in/eid/${id}/klar`,
  afterLogoutPath: '/logga-in?utloggad=1',
  statePrefix: '',
};

/** The configured providers and their discovered metadata (fetched at first use, not at start). */
export class EidProviders<P extends OidcClientProvider = EidProvider> {
  readonly list: readonly P[];
  readonly publicUrl: string;
  readonly audience: EidAudience;
  private readonly servers = new Map<string, Promise<client.ServerMetadata>>();

  constructor(list: readonly P[], publicUrl: string, audience: EidAudience = staffAudience) {
    this.list = list;
    this.publicUrl = publicUrl;
    this.audience = audience;
  }

  byId(id: string): P | undefined {
    return this.list.find((p) => p.id === id);
  }

  callbackUrl(provider: OidcClientProvider): string {
    return `${this.publicUrl}${this.audience.callbackPath(provider.id)}`;
  }

  /** The provider as a pending login names it. */
  stateKey(provider: OidcClientProvider): string {
    return `${this.audience.statePrefix}${provider.id}`;
  }

  /**
   * The client for one provider. The provider stamps its tokens with the real time, so openid-client checks
   * them against the real time; only a test that moves a request's clock (`tokenNow`, from X-Somlos-Now where
   * allowed) has them checked at that moment instead, given to openid-client as its clock skew.
   */
  async configuration(provider: OidcClientProvider, tokenNow?: Date): Promise<client.Configuration> {
    const server = await this.serverMetadata(provider);
    const skew = tokenNow ? Math.round((tokenNow.getTime() - wallClock().getTime()) / 1000) : 0;
    const config = new client.Configuration(server, provider.clientId, {
      client_secret: provider.clientSecret,
      [client.clockSkew]: skew,
    });
    if (new URL(provider.issuer).protocol === 'http:') client.allowInsecureRequests(config);
    // openid-client checks the ID token's claims but, by default, not its signature when the token comes straight
    // from the token endpoint (OpenID Connect Core 3.1.3.7 lets TLS stand in for it). Sömlös checks the signature
    // against the provider's published keys too: a token endpoint reached through a proxy that breaks TLS, or a
    // wrong DNS answer, must not be able to log anyone in.
    client.enableNonRepudiationChecks(config);
    return config;
  }

  private serverMetadata(provider: OidcClientProvider): Promise<client.ServerMetadata> {
    let server = this.servers.get(provider.id);
    if (!server) {
      const insecure = new URL(provider.issuer).protocol === 'http:';
      server = client
        .discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
          execute: insecure ? [client.allowInsecureRequests] : [],
        })
        .then((c) => c.serverMetadata());
      // A failed discovery is tried again at the next login rather than remembered.
      server.catch(() => this.servers.delete(provider.id));
      this.servers.set(provider.id, server);
    }
    return server;
  }
}

/** Begins a login: keeps state, nonce and PKCE verifier server-side and returns the provider's address. */
export async function beginEidLogin<P extends OidcClientProvider>(
  db: Db,
  providers: EidProviders<P>,
  provider: P,
  next: string,
  now: Date,
): Promise<URL> {
  const config = await providers.configuration(provider).catch(() => {
    throw new EidRefused('provider-unreachable');
  });
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await db.delete(oidcLoginStates).where(lt(oidcLoginStates.expiresAt, now));
  await db.insert(oidcLoginStates).values({
    stateHash: sha256(state),
    providerId: providers.stateKey(provider),
    nonce,
    codeVerifier,
    next,
    createdAt: now,
    expiresAt: new Date(now.getTime() + stateLifetimeMs),
  });
  return client.buildAuthorizationUrl(config, {
    redirect_uri: providers.callbackUrl(provider),
    scope: provider.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
}

/**
 * Completes a login from the provider's answer (the callback's query): the pending login is taken (deleted)
 * first, so a replayed answer finds none; then openid-client redeems the code and checks the ID token; then
 * the HSA-id (or identity number) is matched to an active account of the provider's county. Returns the user
 * and where to go.
 */
export async function completeEidLogin(
  db: Db,
  providers: EidProviders,
  provider: EidProvider,
  query: Record<string, string | undefined>,
  now: Date,
  tokenNow?: Date,
): Promise<{ userId: string; next: string }> {
  const { claims, next } = await redeemEidAnswer(db, providers, provider, query, now, tokenNow);
  const userId = await matchAccount(db, provider, claims);
  if (!userId) throw new EidRefused('no-account');
  return { userId, next };
}

/**
 * The provider's answer checked and redeemed: the pending login taken (deleted) first, so a replayed answer finds
 * none, then the code exchanged and the ID token checked by openid-client. Returns the ID token's claims and
 * where to go; who they name is the caller's to match (an account, or the person of issue 26).
 */
export async function redeemEidAnswer<P extends OidcClientProvider>(
  db: Db,
  providers: EidProviders<P>,
  provider: P,
  query: Record<string, string | undefined>,
  now: Date,
  tokenNow?: Date,
): Promise<{ claims: Record<string, unknown>; next: string }> {
  const state = query.state;
  if (!state) throw new EidRefused(query.error ? 'provider-error' : 'state-missing');
  const [pending] = await db
    .delete(oidcLoginStates)
    .where(eq(oidcLoginStates.stateHash, sha256(state)))
    .returning();
  if (!pending) throw new EidRefused('state-unknown');
  // A state begun with one provider but answered at another's callback: an attacker mixing up providers.
  if (pending.providerId !== providers.stateKey(provider)) throw new EidRefused('provider-mix-up');
  if (pending.expiresAt <= now) throw new EidRefused('state-expired');
  if (query.error) throw new EidRefused('provider-error');

  const config = await providers.configuration(provider, tokenNow).catch(() => {
    throw new EidRefused('provider-unreachable');
  });
  const callback = new URL(providers.callbackUrl(provider));
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) callback.searchParams.set(key, value);
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (err) {
    // The library's error code (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED) and the check that failed are kept; its
    // message and cause may quote the token, so they are not.
    throw new EidRefused(
      'token-refused',
      (err as { code?: string }).code ?? (err as Error).name,
      failedCheck(err),
    );
  }
  return { claims: claims ?? {}, next: pending.next };
}

/**
 * The active account of the provider's county the ID token names (a provider vouches only for its own county):
 * by its HSA-id, or where the county chose it (`counties.eid_match`) by its holder's identity number, compared
 * as a keyed hash (identity-number-hash.ts). A claim that is missing or malformed is refused before any lookup.
 */
async function matchAccount(
  db: Db,
  provider: EidProvider,
  claims: Record<string, unknown>,
): Promise<string | null> {
  const [county] = await db
    .select({ eidMatch: counties.eidMatch })
    .from(counties)
    .where(eq(counties.code, provider.county));
  let match: SQL;
  if (county?.eidMatch === 'identityNumber') {
    const given = provider.identityNumberClaim ? claims[provider.identityNumberClaim] : undefined;
    const hash = typeof given === 'string' ? (await identityNumberHasher(db))(given) : null;
    if (!hash) throw new EidRefused('identity-number-missing');
    match = eq(users.identityNumberHash, hash);
  } else {
    const hsaId = claims[provider.hsaIdClaim];
    if (typeof hsaId !== 'string' || !isHsaId(hsaId)) throw new EidRefused('hsa-id-missing');
    match = eq(users.hsaId, normaliseHsaId(hsaId));
  }
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(and(match, eq(users.active, true), eq(principals.countyCode, provider.county)));
  return row?.id ?? null;
}

/** Where to send the browser to end the provider's session too, if the provider offers it. */
export async function providerLogoutUrl<P extends OidcClientProvider>(
  providers: EidProviders<P>,
  loginMethod: string,
): Promise<string | null> {
  if (!loginMethod.startsWith('eid:')) return null;
  const provider = providers.byId(loginMethod.slice(4));
  if (!provider) return null;
  try {
    const config = await providers.configuration(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    // No token is kept after the callback, so the provider is told the client rather than given an id_token_hint.
    return client
      .buildEndSessionUrl(config, {
        client_id: provider.clientId,
        post_logout_redirect_uri: `${providers.publicUrl}${providers.audience.afterLogoutPath}`,
      })
      .toString();
  } catch {
    return null;
  }
}

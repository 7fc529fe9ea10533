import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { EidProvider } from '../platform/auth/oidc.ts';
import type { PersonEidProvider } from '../platform/auth/person-eid.ts';

// A local OpenID Connect provider (the oidc-provider package) standing in for a county's e-ID: the embedded demo
// starts it (main.ts, demo mode only) and the tests start their own. It knows a list of accounts by login name,
// each with an HSA-id and perhaps an identity number, asks for the login name only (a demo: no password, no
// e-ID), and grants Sömlös its scopes without asking: openid, hsa (the claim hsa_id) and the Swedish OpenID
// Connect profile's naturalPersonNumber (the personnummer claim). It listens on 127.0.0.1 and needs no network.

// A person of the demo (issue 26, the person's own pages) has an identity number and no HSA-id.
export type DemoIdpAccount = { login: string; hsaId?: string; identityNumber?: string };

/** The Swedish OpenID Connect profile's scope and claim for a personnummer (oidc.se, claims 1.0). */
export const personNumberScope = 'https://id.oidc.se/scope/naturalPersonNumber';
export const personNumberClaim = 'https://id.oidc.se/claim/personalIdentityNumber';
const scopes = `openid hsa ${personNumberScope}`;
export type DemoIdpClient = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutUris: string[];
};

export type DemoIdp = {
  issuer: string;
  /** The oidc-provider itself: the tests add a middleware to it to forge the ID tokens it answers with. */
  provider: Provider;
  close: () => Promise<void>;
};

export type DemoIdpOptions = {
  accounts: readonly DemoIdpAccount[];
  clients: readonly DemoIdpClient[];
  /** Seconds an ID token is valid (the tests shorten it to see an expired one refused). */
  idTokenTtl?: number;
  /** The P-256 key it signs ID tokens with (made here unless given; the tests give one to forge with). */
  signingKey?: KeyObject;
  port?: number;
};

/** Starts the provider on 127.0.0.1 (a free port unless given); its issuer is its own address. */
export async function startDemoIdp(options: DemoIdpOptions): Promise<DemoIdp> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, configuration(options));
  const oidc = provider.callback();
  handle = (req, res) => {
    const interaction = req.url?.match(/^\/interaction\/([\w-]+)$/);
    if (!interaction) return oidc(req, res);
    handleInteraction(provider, options.accounts, req, res).catch(() => {
      res.statusCode = 400;
      res.end('Inloggningen kunde inte slutföras.');
    });
  };
  return { issuer, provider, close: () => closeServer(server) };
}

/** The provider entry Sömlös uses for the demo provider of a county. */
export function demoProviderEntry(issuer: string, county: string, client: DemoIdpClient): EidProvider {
  return {
    id: `demo-${county}`,
    county,
    name: 'e-legitimation',
    issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    scopes: 'openid hsa',
    hsaIdClaim: 'hsa_id',
    demo: true,
  };
}

/**
 * The embedded demo's provider (main.ts, demo mode only): every demo account by its username, one client for
 * Sömlös at `publicUrl`, and one provider entry per demo county (a provider vouches for one county's accounts).
 */
export async function startEmbeddedDemoIdp(
  publicUrl: string,
  accounts: DemoIdpAccount[],
  countyCodes: string[],
): Promise<{ idp: DemoIdp; providers: EidProvider[]; personProviders: PersonEidProvider[] }> {
  const client: DemoIdpClient = {
    clientId: 'somlos-demo',
    clientSecret: randomBytes(32).toString('base64url'),
    redirectUris: countyCodes.map((c) => `${publicUrl}/logga-in/eid/demo-${c}/klar`),
    postLogoutUris: [`${publicUrl}/logga-in?utloggad=1`],
  };
  // The person's own pages (issue 26) are a client of their own, as a county's BankID broker would register them.
  const personClient = demoPersonClient(publicUrl);
  const idp = await startDemoIdp({ accounts, clients: [client, personClient] });
  return {
    idp,
    providers: countyCodes.map((c) => demoProviderEntry(idp.issuer, c, client)),
    personProviders: [demoPersonProviderEntry(idp.issuer, personClient)],
  };
}

/** The demo provider's client for the person's own pages. */
export function demoPersonClient(publicUrl: string, clientSecret = randomBytes(32).toString('base64url')) {
  return {
    clientId: 'somlos-demo-person',
    clientSecret,
    redirectUris: [`${publicUrl}/mina-planer/logga-in/demo/klar`],
    postLogoutUris: [`${publicUrl}/mina-planer/logga-in?utloggad=1`],
  } satisfies DemoIdpClient;
}

/** The provider entry the person's pages use for the demo provider: the identity number, no HSA-id. */
export function demoPersonProviderEntry(issuer: string, client: DemoIdpClient): PersonEidProvider {
  return {
    id: 'demo',
    name: 'e-legitimation',
    issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    scopes: `openid ${personNumberScope}`,
    identityNumberClaim: personNumberClaim,
    demo: true,
  };
}

function configuration(options: DemoIdpOptions): Record<string, unknown> {
  const accounts = new Map(options.accounts.map((a) => [a.login, a]));
  const privateKey = options.signingKey ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  return {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'demo' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], hsa: ['hsa_id'], [personNumberScope]: [personNumberClaim] },
    // The HSA-id goes in the ID token itself, where Sömlös reads it (no userinfo call).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      const claims = {
        sub: id,
        ...(account.hsaId ? { hsa_id: account.hsaId } : {}),
        ...(account.identityNumber ? { [personNumberClaim]: account.identityNumber } : {}),
      };
      return { accountId: id, claims: async () => claims };
    },
    // A demo grants its client the scopes it asks for without a consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope(scopes);
      await grant.save();
      return grant;
    },
    ttl: {
      IdToken: options.idTokenTtl ?? 3600,
      AccessToken: 600,
      AuthorizationCode: 60,
      Session: 3600,
      Grant: 3600,
      Interaction: 600,
    },
    pkce: { required: () => true },
  };
}

/** The login page of the demo provider: a login name, no password. Swedish, and plainly a demo. */
async function handleInteraction(
  provider: Provider,
  accounts: readonly DemoIdpAccount[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'POST') {
    const login = new URLSearchParams(await readBody(req)).get('login')?.trim() ?? '';
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(
    page(
      'Demoleverantör för e-legitimation',
      `
    <p><strong>Endast för demo.</strong> Här finns ingen riktig e-legitimation: ange användarnamnet på ett demokonto.</p>
    <form method="post" action="/interaction/${details.uid}">
      <label for="login">Användarnamn</label>
      <input id="login" name="login" autocomplete="off" list="konton">
      <datalist id="konton">${accounts.map((a) => `<option value="${escapeHtml(a.login)}">`).join('')}</datalist>
      <button type="submit">Logga in</button>
    </form>`,
    ),
  );
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = page(
    'Logga ut från demoleverantören',
    `
    <p>Vill du logga ut från demoleverantören för e-legitimation också?</p>
    ${form}
    <button type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut</button>`,
  );
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>${title} (demo)</title></head><body><h1>${title} (demo)</h1>${body}</body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('body too large');
  }
  return body;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

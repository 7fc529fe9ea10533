import { eq } from 'drizzle-orm';
import { demoHsaIds } from '../../src/demo/load-demo.ts';
import { users } from '../../src/modules/organisations/schema.ts';
import { providerNow, publicUrl, somlosClient, startTestIdp, type TestIdp } from './eid.ts';
import { startTestServer, type TestServer } from './server.ts';

// The world of the e-ID login tests (test/api/eid-login*.test.ts): Värmland (17) has the provider "region"; a
// second provider ("evil", another issuer) has registered the same client and callback, for the mix-up; "region"
// also knows a client "annan" with Sömlös' callback, for a code issued to another audience. soc.karlstad's
// account is deactivated.

const hsa = new Map(demoHsaIds().map((a) => [a.login, a.hsaId]));
const accounts = [
  { login: 'kand', hsaId: hsa.get('psykiatri.karlstad')! },
  { login: 'avslutad', hsaId: hsa.get('soc.karlstad')! },
  { login: 'okand', hsaId: 'SE2321000016-9999' },
  { login: 'annat-lan', hsaId: hsa.get('psykiatri.orebro')! },
  { login: 'utan-hsa', hsaId: 'inte-ett-hsa-id' },
];

function secretOf(providerId: string) {
  const c = somlosClient(providerId);
  return { clientId: c.clientId, clientSecret: c.clientSecret, scopes: 'openid hsa' };
}

export type EidLoginServers = {
  s: TestServer;
  region: TestIdp;
  evil: TestIdp;
  providers: Record<string, string>[];
  now: Date;
};

/** The two providers and a test server that knows them; close() stops all three. */
export async function startEidLoginServers(): Promise<EidLoginServers & { close: () => Promise<void> }> {
  const region = await startTestIdp(accounts, [somlosClient('region'), somlosClient('region', 'annan')]);
  const both = somlosClient('region');
  both.redirectUris.push(...somlosClient('ond').redirectUris);
  const evil = await startTestIdp(accounts, [both]);
  const providers = [
    { id: 'region', county: '17', name: 'SITHS eID', issuer: region.issuer, ...secretOf('region') },
    { id: 'ond', county: '17', name: 'Annan leverantör', issuer: evil.issuer, ...secretOf('ond') },
  ];
  const s = await startTestServer(
    { PUBLIC_URL: publicUrl, OIDC_PROVIDERS: JSON.stringify(providers) },
    { keepLog: true },
  );
  await s.database.db.update(users).set({ active: false }).where(eq(users.username, 'soc.karlstad'));
  const now = await providerNow(region.issuer);
  const close = async () => {
    await s.close();
    await region.close();
    await evil.close();
  };
  return { s, region, evil, providers, now, close };
}

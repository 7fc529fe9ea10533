import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/**
 * One e-ID provider (OpenID Connect) of a county. The secret is read here and never shown or logged; the login
 * page shows `name`. `hsaIdClaim` names the ID token claim carrying the user's HSA-id; `identityNumberClaim`,
 * if the provider sends one, the claim carrying the personnummer (in the Swedish OpenID Connect profile
 * `https://id.oidc.se/claim/personalIdentityNumber`), which a county may choose to match logins by.
 */
const oidcProvider = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'id: lower-case letters, digits and hyphens'),
  county: z.string().regex(/^\d{2}$/, 'county: the two-digit county code'),
  name: z.string().min(1).max(80),
  issuer: z
    .string()
    .url()
    .refine(
      (u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u),
      'issuer: must be https (plain http only on this machine)',
    ),
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
  scopes: z.string().max(200).default('openid'),
  hsaIdClaim: z.string().min(1).max(100).default('hsa_id'),
  identityNumberClaim: z.string().min(1).max(200).optional(),
});
export type OidcProviderConfig = z.output<typeof oidcProvider>;

/**
 * One e-ID provider for the person's own pages (issue 26, /mina-planer): BankID or Freja eID through a county's
 * OpenID Connect broker. No HSA-id here: the person is found by the identity number, so the claim carrying it is
 * required; by default the Swedish OpenID Connect profile's scope and claim (oidc.se).
 */
const personOidcProvider = oidcProvider.omit({ hsaIdClaim: true, identityNumberClaim: true }).extend({
  // The county whose agreement with the provider this is, if any: a person sees all their own plans, whichever
  // county's provider they sign in with, since the provider vouches for who they are, not where they live.
  county: z
    .string()
    .regex(/^\d{2}$/, 'county: the two-digit county code')
    .optional(),
  scopes: z.string().max(200).default('openid https://id.oidc.se/scope/naturalPersonNumber'),
  identityNumberClaim: z.string().min(1).max(200).default('https://id.oidc.se/claim/personalIdentityNumber'),
});
export type PersonOidcProviderConfig = z.output<typeof personOidcProvider>;

const jsonArray = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return [];
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of providers' });
      return z.NEVER;
    }
  });
const uniqueIds = (list: { id: string }[]) => new Set(list.map((p) => p.id)).size === list.length;
const oidcProviders = jsonArray
  .pipe(z.array(oidcProvider.strict()))
  .refine(uniqueIds, 'provider ids must be unique');
const personOidcProviders = jsonArray
  .pipe(z.array(personOidcProvider.strict()))
  .refine(uniqueIds, 'provider ids must be unique');

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DEMO: flag,
    // Demo mode: each demo county without work gets two years of it (SIPs, deviations, disputes, action plans),
    // played in the background at start; 0: the base demo only (accounts, agreements, follow-up plans), as the
    // test suite and the browser suite use it.
    DEMO_ACTIVITY: z
      .enum(['1', '0', 'true', 'false', ''])
      .optional()
      .transform((v) => v !== '0' && v !== 'false'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, 'must look like smtp://user:password@host:587 or smtps://host:465')
      .optional(),
    // Where users reach Sömlös, for links in mail (a password link). Defaults to http://HOST:PORT.
    PUBLIC_URL: z.string().url().optional(),
    TRUST_PROXY: flag,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Tests move the clock with an X-Somlos-Now header; never set this in production.
    ALLOW_CLOCK_OVERRIDE: flag,
    // Tests that start the real server (the browser suite): its clock stands at this instant, for requests without
    // the header, the scheduled jobs and mail. Only with ALLOW_CLOCK_OVERRIDE; never in production.
    FIXED_NOW: z.iso.datetime({ offset: true }).optional(),
    // How often the scheduled jobs (reminders, overdue flags) run; 0 turns them off in this instance.
    JOB_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86400).default(60),
    // How often the outbox is sent (with SMTP_URL); unset, as often as the jobs run. 0 turns sending off.
    MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86400).optional(),
    // The e-ID providers (OpenID Connect), a JSON array: see README, "Inloggning med e-legitimation".
    OIDC_PROVIDERS: oidcProviders,
    // The person's own e-ID providers (BankID, Freja eID) for /mina-planer, a JSON array: see README, "Mina planer".
    PERSON_OIDC_PROVIDERS: personOidcProviders,
  })
  .refine((c) => !c.FIXED_NOW || c.ALLOW_CLOCK_OVERRIDE, {
    path: ['FIXED_NOW'],
    message: 'is for tests only and needs ALLOW_CLOCK_OVERRIDE=1',
  });

export type Config = Omit<z.output<typeof schema>, 'PUBLIC_URL'> & { PUBLIC_URL: string };

/** Reads the environment; a bad setting stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return {
    ...config,
    PUBLIC_URL: (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/$/, ''),
  };
}

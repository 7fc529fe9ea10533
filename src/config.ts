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

const oidcProviders = z
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
  })
  .pipe(z.array(oidcProvider.strict()))
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'provider ids must be unique');

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

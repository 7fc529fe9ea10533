import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import view from '@fastify/view';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import nunjucks from 'nunjucks';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { demoAccountsForLogin } from './demo/login-accounts.ts';
import { manifests } from './manifests.ts';
import { roleLabel } from './modules/organisations/index.ts';
import { accessLogApiRoutes } from './platform/access/routes.api.ts';
import { accessLogWebRoutes } from './platform/access/routes.web.ts';
import { clientAddress } from './platform/auth/login-throttle.ts';
import { type EidProvider, EidProviders } from './platform/auth/oidc.ts';
import { type PersonEidProvider, personEidProviders } from './platform/auth/person-eid.ts';
import { eidRoutes } from './platform/auth/routes.eid.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { accountWebRoutes } from './platform/auth/routes.web.ts';
import { appSecrets } from './platform/auth/schema.ts';
import { type Clock, requestNow } from './platform/clock.ts';
import { Problem, problemBody, titles } from './platform/errors.ts';
import { assertWritable } from './platform/health/readiness.ts';
import { documentPaging } from './platform/http/api-paging.ts';
import { isApiRequest } from './platform/http/context.ts';
import { registerErrorHandling } from './platform/http/errors-plugin.ts';
import { assertRouteDeclared, type RouteEntry, registerGuard } from './platform/http/guard.ts';
import { type LogDestination, loggerOptions } from './platform/http/log-redaction.ts';
import { type AppSetup, registerModules } from './platform/modules/manifest.ts';
import { viewFilters } from './platform/views/filters.ts';
import { useGovukOverrides } from './platform/views/govuk-overrides.ts';
import { configureViews } from './platform/views/render.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
z.config(z.locales.sv());

export type AppOptions = {
  config: Config;
  database: Database;
  /** Gives each request its time (unless a test's X-Somlos-Now does): main.ts the wall clock, tests their own. */
  clock: Clock;
  /** Where the log lines go (standard output unless given); the tests capture them to search them. */
  logDestination?: LogDestination;
  /** The local demo e-ID provider's entries (demo-idp.ts), one per demo county; used in demo mode only. */
  demoProviders?: EidProvider[];
  /**
   * The demo provider's entry for the person's own pages (issue 26) and the demo persons it knows, listed on their
   * sign-in page; used in demo mode only.
   */
  demoPersons?: { providers: PersonEidProvider[]; listed: { login: string; shows: string }[] };
};

/**
 * Builds the Fastify app from the modules' manifests (manifests.ts), which it registers. Used by main.ts and by
 * the tests, so tests exercise the real app.
 */
export async function buildApp({
  config,
  database,
  clock,
  logDestination,
  demoProviders = [],
  demoPersons,
}: AppOptions): Promise<FastifyInstance> {
  const app = createServer(config, logDestination);
  const csrfKey = await loadOrCreateSecret(database, 'csrf');
  const eid = new EidProviders<EidProvider>(
    [...config.OIDC_PROVIDERS, ...(config.DEMO ? demoProviders : [])],
    config.PUBLIC_URL,
  );
  // The person's own e-ID providers (issue 26): a configuration, callbacks and pending logins of their own.
  const personEid = personEidProviders(
    [...config.PERSON_OIDC_PROVIDERS, ...(config.DEMO ? (demoPersons?.providers ?? []) : [])],
    config.PUBLIC_URL,
  );
  const setup: AppSetup = { config, personEid, demoPersons: config.DEMO ? (demoPersons?.listed ?? []) : [] };
  configurePages(app, config, csrfKey);
  decorateApp(app, eid);
  addRequestContext(app, { config, database, clock });
  await registerSecurityHeaders(app, [...eid.list, ...personEid.list]);
  await registerPlugins(app);
  await registerViewsAndAssets(app);
  registerErrorHandling(app);
  registerGuard(app, () => csrfKey);
  registerPlatformRoutes(app, database);
  await registerRoutes(app, setup, eid);
  return app;
}

/** The Fastify server with its logger, proxy trust and limits, validating and serialising with Zod. */
function createServer(config: Config, logDestination: LogDestination | undefined) {
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL, logDestination),
    // One proxy in front (TRUST_PROXY=1): the address it saw is the client, the right-most X-Forwarded-For
    // entry; what a client wrote further left is not believed, so it cannot pose as many clients to the login
    // limits (login-throttle.ts).
    trustProxy: config.TRUST_PROXY ? (_address: string, hop: number) => hop < 1 : false,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomBytes(8).toString('hex'),
    // A path the router cannot read (bad percent-encoding, a parameter over 100 characters) is answered before
    // any hook runs: in Swedish too, as problem+json under /api.
    frameworkErrors: (error, request, reply) => sendAddressProblem(request, reply, error.statusCode ?? 400),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app;
}

type App = ReturnType<typeof createServer>;

/** The pages' rendering: the CSRF token, secure cookies behind TLS, and in demo mode the demo accounts. */
function configurePages(app: App, config: Config, csrfKey: string) {
  const secureCookies = (request: { protocol: string }) => request.protocol === 'https';
  // The login page lists the promised demo accounts, in demo mode only.
  const demoAccounts = config.DEMO ? demoAccountsForLogin(roleLabel) : null;
  configureViews(app, { csrfKey: () => csrfKey, secureCookies, demo: config.DEMO, demoAccounts });
}

/** What the app carries: the e-ID providers' names, and the route table (onRoute checks each route first). */
function decorateApp(app: App, eid: EidProviders) {
  // The county administration shows each county's e-ID providers: names only, never a secret.
  app.decorate(
    'eidProviderNames',
    eid.list.map((p) => ({
      id: p.id,
      county: p.county,
      name: p.name,
      demo: p.demo === true,
      identityNumber: p.identityNumberClaim !== undefined,
    })),
  );
  // The route table: every route with who may call it, read by the assurance suites (test/assurance/) so that
  // a new route is covered by them the moment it exists.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/')) route.config = { ...route.config, access: 'public' };
    assertRouteDeclared(route);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, access: route.config!.access!, schema: route.schema });
    }
  });
}

/** Each request's context: the database, its time, the caller's address (the user and session come later). */
function addRequestContext(
  app: App,
  { config, database, clock }: Pick<AppOptions, 'config' | 'database' | 'clock'>,
) {
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      db: database.db,
      now: requestNow(request.headers['x-somlos-now'], config.ALLOW_CLOCK_OVERRIDE, clock),
      user: null,
      session: null,
      requestId: request.id,
      publicUrl: config.PUBLIC_URL,
      clientAddress: clientAddress(request.ip),
    };
  });
}

/** The security headers on every answer: the content security policy, no framing, HSTS behind TLS, no-store. */
async function registerSecurityHeaders(app: App, providers: readonly { issuer: string }[]) {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // Logging out of an e-ID session posts the form and is sent on to the provider's logout endpoint.
        formAction: ["'self'", ...new Set(providers.map((p) => new URL(p.issuer).origin))],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense behind TLS; helmet would otherwise send it on plain HTTP too.
    strictTransportSecurity: false,
    // Old browsers read X-Frame-Options rather than frame-ancestors: say the same, no framing at all.
    xFrameOptions: { action: 'deny' },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https')
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (!reply.getHeader('cache-control') && !request.url.startsWith('/assets/'))
      reply.header('Cache-Control', 'no-store');
  });
}

/** Cookies, form and multipart bodies, and the OpenAPI document of the /api routes. */
async function registerPlugins(app: App) {
  await app.register(cookie);
  await app.register(formbody);
  // Only the account import posts a file; its fields and the file (as a Buffer) become the body, so the CSRF
  // check and the route's schema see them like any other form. One file of at most 1 MB.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 1024 * 1024, files: 1, fields: 10 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sömlös API', version: '1.0.0', description: 'Kärnkontraktet beskrivs i API.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: (arg) => {
      const out = jsonSchemaTransform(arg);
      return arg.url.startsWith('/api/')
        ? documentPaging(out)
        : { ...out, schema: { ...out.schema, hide: true } };
    },
    // Schemas with an id in Zod's registry (the recursive ones must have one) become components.schemas.
    transformObject: jsonSchemaTransformObject,
  });
}

/** The Nunjucks templates with the view filters (the platform's and each manifest's), and the static assets. */
async function registerViewsAndAssets(app: App) {
  const govukDir = join(root, 'node_modules/govuk-frontend/dist');
  const filters = viewFilters(manifests);
  await app.register(view, {
    engine: { nunjucks },
    templates: [join(root, 'views'), govukDir],
    options: {
      autoescape: true,
      onConfigure: (env: nunjucks.Environment) => {
        useGovukOverrides(env, join(root, 'views'), govukDir);
        for (const [name, fn] of filters) env.addFilter(name, fn as (...args: unknown[]) => unknown);
      },
    },
  });
  await app.register(fastifyStatic, {
    root: join(root, 'public'),
    prefix: '/assets/',
    maxAge: '1h',
    wildcard: true,
  });
}

/** Liveness, readiness and the OpenAPI document. */
function registerPlatformRoutes(app: App, database: Database) {
  app.get('/health', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.ping();
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  // Liveness above; readiness here: the database takes a write (a load balancer sends traffic only then).
  app.get('/ready', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await assertWritable(database.db);
      return { status: 'ready' };
    } catch (err) {
      reply.log.warn({ err }, 'not ready: the database does not take a write');
      const detail = 'Databasen tar inte emot skrivningar just nu.';
      return reply
        .status(503)
        .header('Cache-Control', 'no-store')
        .type('application/problem+json')
        .send(problemBody({ status: 503, title: titles[503]!, detail }));
    }
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}

/** The platform's and the modules' routes. */
async function registerRoutes(app: App, setup: AppSetup, eid: EidProviders) {
  // The modules' access rules, jobs and reactions, then their routes: each module's /api routes, then its pages
  // (those that need the app's setup last), in the order of the list (manifests.ts).
  registerModules(manifests);
  await app.register(authRoutes, { eid });
  await app.register(eidRoutes, { eid, clockOverride: setup.config.ALLOW_CLOCK_OVERRIDE });
  for (const m of manifests) for (const routes of m.apiRoutes) await app.register(routes);
  await app.register(accessLogApiRoutes);
  for (const m of manifests) {
    for (const routes of m.webRoutes) await app.register(routes);
    for (const routes of m.webRoutesWithSetup ?? []) await app.register(routes(setup));
  }
  await app.register(accessLogWebRoutes);
  await app.register(accountWebRoutes);
}

function sendAddressProblem(request: FastifyRequest, reply: FastifyReply, status: number) {
  const problem = new Problem(status, titles[400]!, 'Adressen är felaktig eller för lång.');
  reply.status(status).header('Cache-Control', 'no-store');
  if (isApiRequest(request.url))
    return reply.type('application/problem+json; charset=utf-8').send(problemBody(problem));
  return reply
    .type('text/html; charset=utf-8')
    .send(
      `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>${problem.title} – Sömlös</title></head>` +
        `<body><h1>${problem.title}</h1><p>${problem.detail} <a href="/">Till startsidan</a></p></body></html>`,
    );
}

/** A secret every instance shares (stored in the database), made on first use. */
async function loadOrCreateSecret(database: Database, name: string): Promise<string> {
  const { db } = database;
  await db
    .insert(appSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
  if (!row) throw new Error(`secret ${name} missing`);
  return row.value;
}

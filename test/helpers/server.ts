import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { sessionCookie } from '../../src/platform/http/guard.ts';
import type { Browser } from './browser.ts';
import { testClock } from './clock.ts';
import { freshDemoDatabase, freshLivingDemoDatabase, type TestDatabase } from './database.ts';
import { type LogCapture, logCapture } from './log-capture.ts';
import { openSession } from './sessions.ts';

export type TestServer = {
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  /** What the server logged (at debug, unless the test set LOG_LEVEL). */
  log: LogCapture;
  /** Real HTTP to the running server; `now` moves the server's clock for this request. */
  api: (method: string, path: string, opts?: RequestOpts) => Promise<ApiResponse>;
  /** An API token for the user, its session opened at `now` without the password check (sessions.ts). */
  login: (username: string, opts?: { now?: string }) => Promise<string>;
  /** An API token through POST /api/session with the demo password: for the login and session tests. */
  passwordLogin: (username: string, opts?: { now?: string }) => Promise<string>;
  /** Gives the browser a web session for the user, opened on the browser's clock, as the login form would. */
  webLogin: (browser: Browser, username: string) => Promise<Browser>;
  close: () => Promise<void>;
};
type RequestOpts = {
  token?: string;
  body?: unknown;
  rawBody?: string;
  now?: string;
  headers?: Record<string, string>;
};
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies field by field
export type ApiResponse = { status: number; headers: Headers; body: any; text: string };

/**
 * The real app on a fresh database with the demo data, listening on a free port. It logs at debug into memory,
 * and closing it fails if a secret reached the log (see log-capture.ts); `keepLog` keeps the log's text.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  { keepLog = false, living = false } = {},
): Promise<TestServer> {
  // The base demo, unless the test is about the living demo's two years of work (database.ts).
  const database = living ? await freshLivingDemoDatabase() : await freshDemoDatabase();
  const config = loadConfig({ LOG_LEVEL: 'debug', ALLOW_CLOCK_OVERRIDE: '1', DEMO: '1', ...env });
  const log = logCapture({ keep: keepLog });
  const app = await buildApp({ config, database, clock: testClock, logDestination: log });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const api: TestServer['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.now) headers['x-somlos-now'] = opts.now;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(address + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const sessionAt = (now: string | undefined) => (now ? new Date(now) : testClock());
  const login: TestServer['login'] = (username, opts = {}) =>
    openSession(database.db, username, 'api', sessionAt(opts.now));
  const webLogin: TestServer['webLogin'] = async (browser, username) => {
    browser.cookies.set(
      sessionCookie,
      await openSession(database.db, username, 'web', sessionAt(browser.now)),
    );
    return browser;
  };
  const passwordLogin: TestServer['passwordLogin'] = async (username, opts = {}) => {
    const res = await api('POST', '/api/session', {
      body: { username, password: demoPassword },
      now: opts.now,
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return res.body.token as string;
  };
  return {
    url: address,
    app,
    database,
    log,
    api,
    login,
    passwordLogin,
    webLogin,
    close: async () => {
      await app.close();
      await database.close();
      const leaked = log.findings();
      if (leaked.length) throw new Error(`secrets reached the log:\n${leaked.join('\n')}`);
    },
  };
}

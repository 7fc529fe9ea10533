import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { TEST_NOW } from './test/helpers/clock.ts';

// The browser suite runs the real server on a new embedded database (so with the demo data) and drives
// Debian's Chromium; Playwright never downloads a browser of its own.
const port = Number(process.env.E2E_PORT ?? 3197);
// The mail the app sends goes to a real SMTP server on smtpPort; the specs read it at mailPort (mail-catcher.ts).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3198);
const mailPort = Number(process.env.E2E_MAIL_PORT ?? 3199);
process.env.E2E_MAIL_PORT = String(mailPort);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'somlos-e2e-'));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Root in CI needs --no-sandbox; the others stop Chromium calling home on a closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node_modules/.bin/node test/e2e/mail-catcher.ts',
      url: `http://127.0.0.1:${mailPort}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_SMTP_PORT: String(smtpPort), E2E_MAIL_PORT: String(mailPort) },
    },
    {
      command: 'node_modules/.bin/node src/main.ts',
      url: `http://127.0.0.1:${port}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      // The server's clock stands at TEST_NOW, whatever day the suite runs: every page, download and API call. A
      // spec that needs another moment (a consultation's closing day) sends the clock header; tests only, never in
      // production. No spec needs the scheduled jobs, so they are off and notices appear only when a spec acts.
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ALLOW_CLOCK_OVERRIDE: '1',
        FIXED_NOW: TEST_NOW,
        JOB_INTERVAL_SECONDS: '0',
        // The base demo: the specs start from a demo without work (a list that is empty until they add to it).
        DEMO_ACTIVITY: '0',
        // The outbox is sent every second to the catcher, so a spec can follow the link in a delivered mail.
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_INTERVAL_SECONDS: '1',
      },
    },
  ],
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { testClockHeader } from './test/helpers/clock.ts';

// The browser suite runs the real server on a new embedded database (so with the demo data) and drives
// Debian's Chromium; Playwright never downloads a browser of its own.
const port = Number(process.env.E2E_PORT ?? 3197);
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
    // Every page and request runs at the tests' moment, not the day the suite happens to run; a spec that needs
    // another moment sets its own header on its context.
    extraHTTPHeaders: testClockHeader,
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
  webServer: {
    command: 'node_modules/.bin/node src/main.ts',
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The clock header sets every request's moment (a consultation's closing day too); tests only, never in
    // production. The scheduled jobs would run on the wall clock, so they are off: no spec needs them.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ALLOW_CLOCK_OVERRIDE: '1',
      JOB_INTERVAL_SECONDS: '0',
    },
  },
});

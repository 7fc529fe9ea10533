import { assetsAreFresh, buildAssets } from '../scripts/build-assets.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { startEmbeddedDemoIdp } from './demo/demo-idp.ts';
import { demoPersonAccounts, demoPersons, loadDemoPersons } from './demo/demo-persons.ts';
import { startDemoActivity } from './demo/living/living-demo.ts';
import { demoCountyCodes, demoHsaIds, demoPassword } from './demo/load-demo.ts';
import { fixedClock, wallClock } from './platform/clock.ts';
import { startScheduler } from './platform/jobs/scheduler.ts';
import { smtpTransport, startMailer } from './platform/mail/deliver.ts';
import { prepareDatabase } from './startup.ts';

/** Reads config, prepares the database, starts the server, and drains requests on SIGTERM. */
async function main() {
  const config = loadConfig();
  if (!assetsAreFresh()) await buildAssets();
  const { database, demo, living } = await prepareDatabase(config);
  const clock = config.FIXED_NOW ? fixedClock(config.FIXED_NOW) : wallClock;
  // The demo e-ID provider runs beside the demo only, on 127.0.0.1; a real installation configures OIDC_PROVIDERS.
  // It knows the demo persons too (issue 26), for their own pages.
  const demoIdp = demo
    ? await startEmbeddedDemoIdp(
        config.PUBLIC_URL,
        [...demoHsaIds(), ...demoPersonAccounts()],
        demoCountyCodes(),
      )
    : undefined;
  const app = await buildApp({
    config: { ...config, DEMO: demo },
    database,
    clock,
    demoProviders: demoIdp?.providers,
    demoPersons: demoIdp && {
      providers: demoIdp.personProviders,
      listed: demoPersons.map((p) => ({ login: p.login, shows: p.shows })),
    },
  });
  // The demo persons' SIPs (issue 26), made once, on the demo's clock, by the SIP use cases: after buildApp, which
  // registers the modules' access rules they go through. With the living demo, after its history instead: a county
  // with work (their SIPs are Dalarna's) gets no history.
  if (demo && !living) await loadDemoPersons(database.db, clock());
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const where = database.kind === 'pglite' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL';
  console.log(`Sömlös is running at ${address} on the ${where}.`);
  const interval = config.JOB_INTERVAL_SECONDS * 1000;
  const stopJobs = interval > 0 ? startScheduler(database.db, app.log, interval, clock) : () => {};
  // Mail goes out from the outbox only with a mail server; without one it waits there, shown to administrators.
  const mailInterval = (config.MAIL_INTERVAL_SECONDS ?? config.JOB_INTERVAL_SECONDS) * 1000;
  const stopMail =
    mailInterval > 0 && config.SMTP_URL
      ? startMailer(database.db, smtpTransport(config.SMTP_URL), app.log, mailInterval, clock, {
          publicUrl: config.PUBLIC_URL,
        })
      : () => {};
  let closing = false;
  // The living demo: a demo county without work gets two years of it up to now, played while the server answers.
  const history = living
    ? startDemoActivity(database.db, { now: clock(), publicUrl: config.PUBLIC_URL }, app.log)
    : undefined;
  // Then the demo persons (not while shutting down).
  const persons = history?.finished
    .then(() => (closing ? undefined : loadDemoPersons(database.db, clock())))
    .catch((err: unknown) => app.log.error({ err }, 'demo persons failed'));
  if (living)
    console.log(
      'Demo: two years of work in the four counties are being filled in; the lists fill within a minute.',
    );
  if (demo)
    console.log(
      `Demo login: psykiatri.karlstad / ${demoPassword} (more accounts on the login page), or with the demo e-ID provider at ${demoIdp?.idp.issuer}.`,
    );

  // SIGTERM lets requests in flight finish before the database closes.
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopJobs();
    stopMail();
    await history?.stop();
    await persons;
    await app.close();
    await demoIdp?.idp.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

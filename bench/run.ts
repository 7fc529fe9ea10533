// Load benchmark: starts the real server on each database in turn, seeds 2 000 SIPs (bench/seed-sips.ts),
// 10 000 deviations (bench/seed-deviations.ts) and loads the routes with autocannon; then, on PostgreSQL, national
// scale: 100 000 SIPs more with their consents, invitations and a million events (bench/seed-national.ts) and ten
// million access-log rows (bench/seed-access-log.ts), under which the SIP scenarios, the log reviewer's search and
// a mixed day run again, and the follow-up dashboards. Each figure is printed with its ratio to the baseline
// (/health, same run) and issue 27's aim beside it. Run with `npm run bench`; BENCH_SECONDS=3 shortens each
// measurement; BENCH_TARGETS=PostgreSQL runs one database only; BENCH_ACCESS_LOG_ROWS=1000000 seeds fewer log rows.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type Measurement, measure } from './measure.ts';
import { startTempPostgres } from './postgres.ts';
import { type DatabaseReport, databaseTable, summaryTable } from './report.ts';
import {
  bodyListTotal,
  buildScenarios,
  coldDashboard,
  dashboardPath,
  nationalScenarios,
  preflight,
} from './scenarios.ts';
import { type AccessLogSeedSummary, accessLogRows, seedAccessLog } from './seed-access-log.ts';
import { benchBody, benchMembers, deviationCount, seedDeviations } from './seed-deviations.ts';
import { dischargeStayCount, seedDischarge } from './seed-discharge.ts';
import { type NationalSeedSummary, nationalSipCount, seedNational } from './seed-national.ts';
import { benchUnits, benchUsers, seedSips, sipCount } from './seed-sips.ts';
import { memoryMiB, sampleRss, startServer, waitUntilIdle } from './server.ts';

const connections = 50;
const seconds = benchSeconds();
// A short unreported run first, so JIT compilation and cold caches and pools are not charged to the scenario.
// Ten connections fill the PostgreSQL pool (10 by default) yet leave few slow requests (logins, say) in flight
// to finish before the measured run; fifty would add many seconds of waiting per scenario.
const warmupSeconds = 1;
const warmupConnections = 10;

type Target = {
  name: string;
  about: string;
  /** Prepares the database; returns the server's environment, or 'skipped' when it cannot run here. */
  setup(): Promise<Record<string, string> | 'skipped'>;
  /** Only one process may open the database, so the server stops while the SIPs are seeded. */
  exclusive: boolean;
  /** Seeds 100 000 SIPs and their million events for the follow-up dashboard (bench/seed-national.ts). */
  nationalScale: boolean;
  /** Issue 27's aim for the server's peak RSS at the bench's load, MiB. */
  rssAim: number;
};

const targets: Target[] = [
  {
    name: 'PGlite',
    about: 'embedded, runs inside the server process (its memory is in the RSS)',
    setup: async () => {
      // A new data directory: the server creates the database and loads demo data on first start.
      const dir = mkdtempSync(join(os.tmpdir(), 'somlos-bench-'));
      defer(() => rmSync(dir, { recursive: true, force: true }));
      return { DATA_DIR: dir };
    },
    exclusive: true,
    nationalScale: false,
    rssAim: 600,
  },
  {
    name: 'PostgreSQL',
    about: 'throw-away local server with fsync on (its own processes are not in the RSS)',
    setup: async () => {
      const postgres = await startTempPostgres();
      if (postgres === 'not-installed') return 'skipped';
      defer(postgres.stop);
      return { DATABASE_URL: postgres.url, DEMO: '1' };
    },
    exclusive: false,
    nationalScale: true,
    rssAim: 300,
  },
];

// Undo steps, run last-in first-out: the server stops before its database and data directory go.
const undo: (() => unknown)[] = [];
const defer = (step: () => unknown) => undo.push(step);
async function unwindTo(depth: number): Promise<void> {
  while (undo.length > depth) {
    const step = undo.pop()!;
    await Promise.resolve()
      .then(step)
      .catch((err) => console.error(`  cleanup failed: ${message(err)}`));
  }
}

/** Starts the server on one database, runs every scenario against it, and stops it again. */
async function benchDatabase(target: Target): Promise<DatabaseReport | 'skipped'> {
  progress(`${target.name}: starting`);
  const env = await target.setup();
  if (env === 'skipped') return 'skipped';
  // The first start creates the database (migrations, demo data) and is what the start time reports. Then the
  // SIPs are seeded; where the database admits one process (PGlite), with the server stopped and started again.
  let server = await startServer(target.name, env);
  const startMs = server.startMs;
  if (target.exclusive) await server.stop();
  else defer(server.stop);
  progress(`${target.name}: seeding ${sipCount} SIPs`);
  const seed = await seedSips({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? ':memory:' });
  progress(`${target.name}: seeding ${deviationCount} deviations`);
  const deviationSeed = await seedDeviations({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? ':memory:',
  });
  progress(`${target.name}: seeding ${dischargeStayCount} current discharge stays`);
  const dischargeSeed = await seedDischarge({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? ':memory:',
  });
  if (target.exclusive) {
    server = await startServer(target.name, env);
    defer(server.stop);
  }
  const ready = memoryMiB(server.pid, 'VmRSS');

  const built = await buildScenarios(
    server.url,
    seed.sessions,
    deviationSeed.sessions,
    dischargeSeed,
    seed.mixedDay,
  );
  // The national scenarios and the dashboards run last, after the national seed; the others keep the county-scale
  // database they have always been measured on, so their figures stay comparable between runs.
  const scenarios = built.scenarios.filter((x) => !x.path.startsWith(dashboardPath));
  const dashboards = built.scenarios.filter((x) => x.path.startsWith(dashboardPath));
  // What the body's own demo member finds in its list; it must be what the seed put within the body's reach.
  const listed = await bodyListTotal(server.url);
  if (listed !== deviationSeed.visibleToBody)
    throw new Error(
      `${benchBody.demoUser} lists ${listed} deviations, the seed expected ${deviationSeed.visibleToBody}`,
    );
  // Every scenario must answer 200 before it is timed; a benchmark of error pages would mislead.
  progress(`${target.name}: preflight`);
  for (const scenario of scenarios) await preflight(server.url, scenario);

  const sampler = sampleRss(server.pid);
  defer(() => sampler.stop()); // on failure; stopping twice is harmless
  const measurements: Measurement[] = [];
  const runAll = async (list: typeof scenarios) => {
    for (const scenario of list) {
      progress(`${target.name}: ${scenario.name} (${warmupSeconds} s warm-up, ${seconds} s measured)`);
      const load = scenario.connections ?? connections;
      await measure(server.url, scenario, Math.min(warmupConnections, load), warmupSeconds);
      await drain(server.pid, server.url, target.name);
      const during = sampleRss(server.pid);
      const measured = await measure(server.url, scenario, load, seconds);
      measurements.push({ ...measured, rss: during.stop() });
      await drain(server.pid, server.url, target.name);
    }
  };
  await runAll(scenarios);
  // National scale for the follow-up dashboard on PostgreSQL only: a million events in the embedded database
  // would take the benchmark many minutes, and the embedded database is not the national deployment.
  let national: NationalSeedSummary | null = null;
  let log: AccessLogSeedSummary | null = null;
  if (target.nationalScale) {
    progress(`${target.name}: seeding ${nationalSipCount} SIPs and their events (national scale)`);
    national = await seedNational({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? ':memory:' });
    progress(`${target.name}: seeding ${accessLogRows.toLocaleString('sv-SE')} access-log rows`);
    log = await seedAccessLog({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? ':memory:' });
    // The same SIPs, users and deviations as at county scale, now among 102 000 SIPs and millions of log rows.
    const nationally = nationalScenarios(built.readers, log, seed.mixedDay);
    for (const scenario of nationally) await preflight(server.url, scenario);
    await runAll(nationally);
  }
  const cold = await coldDashboard(server.url, seed.sessions[0]!);
  for (const scenario of dashboards) await preflight(server.url, scenario);
  await runAll(dashboards);
  const underLoad = sampler.stop();
  // VmHWM must be read while the process still exists, i.e. before the deferred stop. The kernel updates it
  // lazily, so it can trail a sampled VmRSS by a little; the peak is the larger of the two.
  const hwm = memoryMiB(server.pid, 'VmHWM');
  const peak = hwm === undefined ? underLoad : Math.max(hwm, underLoad ?? 0);
  const seeded = [
    `Seed: ${seed.sips} active SIPs in Värmland (${seed.invitations} invitations, ${seed.planVersions} plan versions, ${seed.followUps} follow-ups) and ${seed.users} users in ${(seed.ms / 1000).toFixed(1)} s, ${target.exclusive ? 'with the server stopped, before a second start' : 'while the server ran'}.`,
    `SIP users: ${benchUsers().length} connections, each its own user and session, half in ${benchUnits[0].label} (sees ${seed.visible.psychiatry} SIPs), half in ${benchUnits[1].label} (sees ${seed.visible.social}).`,
    `Seed: ${deviationSeed.deviations} deviations in Värmland over two years (${deviationSummary(deviationSeed.byStatus)}; ${deviationSeed.entries} entries, ${deviationSeed.notices} overdue notices) and ${deviationSeed.users} body members in ${(deviationSeed.ms / 1000).toFixed(1)} s.`,
    `Deviation users: ${benchMembers().length} connections, each its own member of ${benchBody.name} and session; the list "Alla" shows ${listed} deviations (${Math.ceil(listed / 25)} pages), as it does for ${benchBody.demoUser}.`,
    `Seed: ${dischargeSeed.stays} current stays in Region Värmland's inpatient care (${dischargeSeed.ready} ready for discharge) in ${(dischargeSeed.ms / 1000).toFixed(1)} s; the discharge board is read as heldygn.karlstad, which sent them all.`,
    log
      ? `Seed: ${log.rows.toLocaleString('sv-SE')} access-log rows (reads of every SIP by users of the principals its consent covers, over two years; ${log.total.toLocaleString('sv-SE')} rows in the log in all) in ${(log.ms / 1000).toFixed(0)} s; the reviewer of Region Värmland searches ${log.persons.length} persons with ${Math.min(...log.persons.map((p) => p.rows))}–${Math.max(...log.persons.map((p) => p.rows))} rows each of its principal.`
      : 'Access log: only the rows the scenarios write (national scale is seeded on PostgreSQL only).',
    `Mixed day: ${seed.mixedDay.planSips.psychiatry.length + seed.mixedDay.planSips.social.length} plans to save again and ${seed.mixedDay.spareInvitations.psychiatry.length + seed.mixedDay.spareInvitations.social.length} invitations to answer, in the two Karlstad units.`,
    national
      ? `Seed: ${national.sips} SIPs nationally (four counties) with ${national.events} events in ${(national.seedMs / 1000).toFixed(1)} s; figures computed per county in ${national.refresh.map((r) => `${r.countyCode}: ${(r.ms / 1000).toFixed(1)} s, ${r.rows} rows`).join('; ')} (the refresh job does this every 15 minutes, so the dashboard is at most that old).`
      : 'Follow-up: the dashboard shows the figures of the SIP and deviation seeds (the SIP seed writes no events, so its SIPs count only as overdue follow-ups); national scale is seeded on PostgreSQL only.',
    `Dashboard: the first request after a refresh (nothing cached) took ${cold.ms.toFixed(0)} ms for ${cold.kb.toFixed(0)} kB; later ones are served from the per-instance cache of drawn dashboards (per figures version, scope, year and viewer's principal).`,
  ];
  return {
    database: target.name,
    measurements,
    rss: { ready, underLoad, peak, aim: target.rssAim },
    startMs,
    notes: seeded,
  };
}

const deviationSummary = (byStatus: Record<string, number>) =>
  Object.entries(byStatus)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');

/** Waits for the server to finish what autocannon left in flight; says so when that took a while. */
async function drain(pid: number, url: string, name: string): Promise<void> {
  const before = performance.now();
  await waitUntilIdle(pid, url);
  const waited = (performance.now() - before) / 1000;
  if (waited >= 3) progress(`${name}: ${waited.toFixed(0)} s until the requests in flight were done`);
}

async function main(): Promise<number> {
  console.log(header());
  const reports: DatabaseReport[] = [];
  let failed = false;
  for (const target of targets.filter((t) => chosenTargets().includes(t.name))) {
    const depth = undo.length;
    try {
      const result = await benchDatabase(target);
      if (result === 'skipped') {
        console.log(`\n${target.name}: skipped (not installed)`);
      } else {
        reports.push(result);
        console.log(`\n${target.name} — ${target.about}\n\n${databaseTable(result)}`);
      }
    } catch (err) {
      failed = true;
      console.log(`\n${target.name}: FAILED — ${message(err)}`);
    } finally {
      await unwindTo(depth);
    }
  }
  if (reports.length > 0)
    console.log(
      `\nSummary (${connections} connections unless a scenario names fewer or a rate, ${seconds} s each)\n\n${summaryTable(reports)}`,
    );
  return failed || reports.length === 0 ? 1 : 0;
}

function header(): string {
  const cpus = os.cpus();
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  return [
    'Sömlös load benchmark',
    `Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${memory} GiB memory, ${os.platform()} ${os.arch()}`,
    `Node ${process.version}; autocannon in this process, so load generator and server share the CPUs`,
    // Anything else busy on the machine skews the numbers; the load average shows whether it was quiet.
    `Load average before start: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')} (1, 5, 15 min)`,
    `Load: ${connections} connections, ${seconds} s per scenario after a ${warmupSeconds} s warm-up on ${warmupConnections}, one scenario at a time`,
    'A scenario "at N req/s" sends N requests a second at an even pace instead (an open load; latency from when each was due)',
  ].join('\n');
}

/** BENCH_TARGETS=PostgreSQL (or PGlite) runs one database only; both by default. */
function chosenTargets(): string[] {
  const raw = process.env.BENCH_TARGETS;
  if (!raw) return targets.map((t) => t.name);
  const names = raw.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !targets.some((t) => t.name === n));
  if (unknown.length)
    throw new Error(
      `BENCH_TARGETS names ${unknown.join(', ')}; choose from ${targets.map((t) => t.name).join(', ')}`,
    );
  return names;
}

function benchSeconds(): number {
  const raw = process.env.BENCH_SECONDS;
  if (!raw) return 10;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`BENCH_SECONDS must be a whole number ≥ 1, not ${raw}`);
  return value;
}

// Progress goes to stderr with the time since start, so a slow step (a long drain, say) shows where it is.
const startedAt = performance.now();
const progress = (text: string) =>
  console.error(`… ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)} s  ${text}`);
// fetch's own message is only "fetch failed"; what failed is its cause (ECONNREFUSED, a reset, a timeout).
const message = (err: unknown): string =>
  err instanceof Error ? err.message + (err.cause ? ` (${message(err.cause)})` : '') : String(err);

// Ctrl-C: stop the server and PostgreSQL and remove temp directories before leaving.
process.once('SIGINT', () => {
  console.error('interrupted; cleaning up');
  void unwindTo(0).finally(() => process.exit(130));
});

process.exitCode = await main();

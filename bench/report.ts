import type { Measurement } from './measure.ts';
import type { Aim } from './scenarios.ts';

export type DatabaseReport = {
  database: string;
  measurements: Measurement[];
  /** MiB: when /health first answered, highest sampled while under load, and the kernel's lifetime peak. */
  rss: { ready?: number; underLoad?: number; peak?: number; aim?: number };
  /** From spawning `node src/main.ts` on a new database to the first 200 from /health. */
  startMs: number;
  /** What the database held while measured, as lines under the table. */
  notes?: string[];
};

const rate = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(n >= 100 ? 0 : 1));
const ms = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(n >= 1000 ? 0 : 1));
const mib = (n: number | undefined) => (n === undefined ? 'n/a' : `${n.toFixed(0)} MiB`);
// Two decimals would show a login's 0.001 of the baseline's rate as 0.00, so small ratios keep one digit.
const times = (n: number) => {
  if (!Number.isFinite(n)) return '—';
  return `${n >= 0.1 ? n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2) : n.toPrecision(1)}×`;
};

/** A plain-text table: first column left-aligned, the rest right-aligned, widths fitted to the content. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * One database's results. Ratios are against the baseline (GET /health) on the same server and run, so
 * they say what a route costs beyond HTTP, routing and one trivial query, largely independent of the machine.
 */
export function databaseTable(report: DatabaseReport): string {
  const [base] = report.measurements;
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'req/s ÷ base',
    'p95 ÷ base',
    'aim',
    'met',
    'RSS MiB',
    'non-2xx',
    'errors',
    'responses',
  ];
  const rows = report.measurements.map((m) => [
    m.scenario,
    rate(m.rps),
    ms(m.p50),
    ms(m.p95),
    ms(m.p99),
    base ? times(m.rps / base.rps) : '—',
    base ? times(m.p95 / base.p95) : '—',
    aimText(m.aim),
    met(m, base),
    m.rss === undefined ? '—' : m.rss.toFixed(0),
    String(m.non2xx),
    String(m.errors),
    String(m.responses),
  ]);
  const { ready, underLoad, peak, aim } = report.rss;
  const rssAim =
    aim === undefined || peak === undefined
      ? ''
      : ` Aim: under ${aim} MiB (${peak < aim ? 'met' : 'not met'}).`;
  const memory = `Server RSS: ${mib(ready)} when ready, ${mib(underLoad)} peak under load (sampled every 100 ms), ${mib(peak)} peak over its lifetime (VmHWM).${rssAim}`;
  const start = `Start: ${(report.startMs / 1000).toFixed(1)} s from spawning the server on a new database (migrations and demo data included) to the first 200 from /health.`;
  return [table(header, rows), '', memory, start, ...(report.notes ?? []), ...problems(report)].join('\n');
}

/** Issue 27's aim as the table shows it: "≥ 0.3× base, p95 < 50 ms". */
export function aimText(aim: Aim | undefined): string {
  if (!aim) return '';
  const parts = [];
  if (aim.ratio !== undefined) parts.push(`≥ ${aim.ratio}× base`);
  if (aim.p95 !== undefined) parts.push(`p95 < ${aim.p95} ms`);
  return parts.join(', ');
}

/** Whether a measurement meets its aim: 'yes', 'no' (with what falls short), or nothing without an aim. */
function met(m: Measurement, base: Measurement | undefined): string {
  if (!m.aim) return '';
  const short: string[] = [];
  if (m.aim.ratio !== undefined && (!base || m.rps / base.rps < m.aim.ratio)) short.push('rate');
  if (m.aim.p95 !== undefined && !(m.p95 < m.aim.p95)) short.push('p95');
  if (m.non2xx > 0 || m.errors > 0) short.push('errors');
  return short.length ? `no (${short.join(', ')})` : 'yes';
}

/** Lines naming every scenario that had non-2xx responses or failed requests, with status codes. */
export function problems(report: DatabaseReport): string[] {
  return report.measurements
    .filter((m) => m.non2xx > 0 || m.errors > 0)
    .map((m) => {
      const list = (counts: Record<string, number>) =>
        Object.entries(counts)
          .map(([what, count]) => `${what}: ${count}`)
          .join(', ') || 'none';
      return `!! ${report.database} / ${m.scenario}: ${m.non2xx} non-2xx, ${m.errors} errors (status codes ${list(m.statusCodes)}; errors ${list(m.errorKinds)})`;
    });
}

/** All databases side by side: req/s, its ratio to the baseline and p95 per scenario with the aim, then peak RSS. */
export function summaryTable(reports: DatabaseReport[]): string {
  const header = [
    'scenario',
    ...reports.flatMap((r) => [`${r.database} req/s`, '÷ base', `${r.database} p95 ms`]),
    'aim',
  ];
  // Every scenario of any database, in the order they ran (PostgreSQL has the national ones too).
  const names = [...new Set(reports.flatMap((r) => r.measurements.map((m) => m.scenario)))];
  const rows = names.map((name) => [
    name,
    ...reports.flatMap((r) => {
      const m = r.measurements.find((x) => x.scenario === name);
      const base = r.measurements[0];
      return m ? [rate(m.rps), base ? times(m.rps / base.rps) : '—', ms(m.p95)] : ['—', '—', '—'];
    }),
    aimText(reports.flatMap((r) => r.measurements).find((m) => m.scenario === name)?.aim),
  ]);
  rows.push([
    'peak RSS',
    ...reports.flatMap((r) => [mib(r.rss.peak), '', r.rss.aim ? `< ${r.rss.aim}` : '']),
    '',
  ]);
  const issues = reports.flatMap(problems);
  return [
    table(header, rows),
    '',
    ...(issues.length ? issues : ['No non-2xx responses and no errors.']),
  ].join('\n');
}

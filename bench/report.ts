import type { Measurement } from './measure.ts';

export type DatabaseReport = {
  database: string;
  measurements: Measurement[];
  /** MiB: when /health first answered, highest sampled while under load, and the kernel's lifetime peak. */
  rss: { ready?: number; underLoad?: number; peak?: number };
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
    String(m.non2xx),
    String(m.errors),
    String(m.responses),
  ]);
  const { ready, underLoad, peak } = report.rss;
  const memory = `Server RSS: ${mib(ready)} when ready, ${mib(underLoad)} peak under load (sampled every 100 ms), ${mib(peak)} peak over its lifetime (VmHWM).`;
  const start = `Start: ${(report.startMs / 1000).toFixed(1)} s from spawning the server on a new database (migrations and demo data included) to the first 200 from /health.`;
  return [table(header, rows), '', memory, start, ...(report.notes ?? []), ...problems(report)].join('\n');
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

/** All databases side by side: req/s and p95 per scenario, then peak RSS. */
export function summaryTable(reports: DatabaseReport[]): string {
  const header = ['scenario', ...reports.flatMap((r) => [`${r.database} req/s`, `${r.database} p95 ms`])];
  const names = reports[0]?.measurements.map((m) => m.scenario) ?? [];
  const rows = names.map((name) => [
    name,
    ...reports.flatMap((r) => {
      const m = r.measurements.find((x) => x.scenario === name);
      return m ? [rate(m.rps), ms(m.p95)] : ['—', '—'];
    }),
  ]);
  rows.push(['peak RSS', ...reports.flatMap((r) => [mib(r.rss.peak), ''])]);
  const issues = reports.flatMap(problems);
  return [
    table(header, rows),
    '',
    ...(issues.length ? issues : ['No non-2xx responses and no errors.']),
  ].join('\n');
}

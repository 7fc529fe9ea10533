import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import type { Aim, Request, Scenario } from './scenarios.ts';

export type Measurement = {
  scenario: string;
  /** The scenario's aim (issue 27), carried to the report. */
  aim?: Aim | undefined;
  /** Mean of autocannon's once-a-second samples of completed requests. */
  rps: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  /** Responses with a status outside 200–299 (redirects included). */
  non2xx: number;
  /** Connection errors and timeouts: requests that got no response at all. */
  errors: number;
  statusCodes: Record<string, number>;
  /** What the errors were (message → count), so a failing scenario says why. */
  errorKinds: Record<string, number>;
  /** Responses received in the measured window (the percentiles' sample size). */
  responses: number;
  /** The server's highest RSS sampled while this scenario was measured, MiB (set by run.ts). */
  rss?: number | undefined;
};

/** Loads one scenario with autocannon (or at its even pace, when it has a rate) for `seconds` and summarises it. */
export async function measure(
  url: string,
  scenario: Scenario,
  connections: number,
  seconds: number,
): Promise<Measurement> {
  if (scenario.rate) return measurePaced(url, scenario, scenario.rate, seconds);
  const { method, headers, body, perConnection } = scenario;
  // Connection i loops over perConnection[i % n] (its own user's session); each gets copies, as autocannon
  // stores the encoded request on the objects it is given.
  let made = 0;
  const setupClient = perConnection
    ? (client: autocannon.Client) =>
        client.setRequests(perConnection[made++ % perConnection.length]!.map(forAutocannon))
    : undefined;
  const instance = autocannon({
    url: url + scenario.path,
    method,
    headers,
    body,
    connections,
    setupClient,
    duration: seconds,
    // 50 logins queue behind scrypt for several seconds; autocannon's default 10 s timeout would cut them off
    // and resend, so the server hashes for nobody. Slow answers are measured; over 30 s still counts as error.
    timeout: 30,
  });
  // autocannon's summary has p90 and p97.5 but no p95, and rounds to whole ms; so keep every response time
  // (sub-ms) and take percentiles here. Like autocannon's own latency figures, this includes non-2xx.
  const times: number[] = [];
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const errorKinds: Record<string, number> = {};
  instance.on('reqError', (error) => {
    errorKinds[error.message] = (errorKinds[error.message] ?? 0) + 1;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    aim: scenario.aim,
    rps: result.requests.mean,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    responses: times.length,
    errorKinds,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

/** A copy of the request for autocannon; one that must differ each time gets its fields just before each send. */
function forAutocannon({ next, ...request }: Request): autocannon.Request {
  return next ? { ...request, setupRequest: (sent) => ({ ...sent, ...withoutNext(next()) }) } : request;
}

const withoutNext = ({ next: _, ...request }: Request) => request;

/**
 * An open load: one request every 1/rate s, whether or not earlier ones have been answered, the simulated
 * users taking turns (user k % n sends its next request). autocannon's own rate limit lets each connection send
 * its quota at the start of every second, all connections together, so it measures bursts instead. A response
 * time runs from when the request was due, so a late send (a busy client) is counted, not hidden.
 */
async function measurePaced(
  url: string,
  scenario: Scenario,
  rate: number,
  seconds: number,
): Promise<Measurement> {
  const sequences: Request[][] = scenario.perConnection ?? [[scenario]];
  const times: number[] = [];
  const statusCodes: Record<string, number> = {};
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  const send = async (request: Request, due: number) => {
    const { method, path, headers, body } = request.next ? request.next() : request;
    try {
      const res = await fetch(url + path, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      times.push(performance.now() - due);
      statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
    } catch (err) {
      errors++;
      const kind = err instanceof Error ? err.message : String(err);
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }
  };
  const sent: Promise<void>[] = [];
  const start = performance.now();
  for (let k = 0; k < Math.round(rate * seconds); k++) {
    const due = start + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sequence = sequences[k % sequences.length]!;
    sent.push(send(sequence[Math.floor(k / sequences.length) % sequence.length]!, due));
  }
  await Promise.all(sent);
  times.sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    aim: scenario.aim,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx: Object.entries(statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .reduce((sum, [, n]) => sum + n, 0),
    errors,
    responses: times.length,
    errorKinds,
    statusCodes,
  };
}

/** Nearest-rank percentile of sorted values; NaN when there are none (nothing answered). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export const root = join(import.meta.dirname, '..');
// The project's own Node 24 (an npm dependency); the system node may be too old to run .ts files.
const nodeBin = join(root, 'node_modules/.bin/node');

// A server must never outlive the harness (an exception or Ctrl-C while it starts): whatever is still
// running when this process exits gets SIGTERM.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

export type Server = {
  url: string;
  /** The server's own pid: node is spawned directly, with no shell or wrapper in between. */
  pid: number;
  /** Milliseconds from spawning the process to the first 200 from /health (a new database: with demo data). */
  startMs: number;
  stop(): Promise<void>;
};

/** Asks the OS for a free port. Another process could take it before the server binds; unlikely here. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `node src/main.ts` with the given database settings and waits until /health answers 200. */
export async function startServer(label: string, databaseEnv: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Settings inherited from the caller's shell must not point the server at another database.
  for (const key of ['DATABASE_URL', 'DATA_DIR', 'DEMO', 'ALLOW_CLOCK_OVERRIDE']) delete env[key];
  // The base demo: the bench seeds its own volumes, and the living demo's history would be played during the load.
  Object.assign(env, databaseEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DEMO_ACTIVITY: '0',
  });

  const spawnedAt = performance.now();
  // A title of its own (it replaces the command line in ps), so that the benchmark's server is told apart from
  // other `node src/main.ts` on a shared machine, and a pattern meant for those does not stop it mid-run.
  const title = `somlos-bench-${label.toLowerCase()}-${port}`;
  const child = spawn(nodeBin, [`--title=${title}`, ...startFlags(), 'src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  forwardOutput(child, label);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      // An exit nobody asked for (a crash, the kernel's OOM killer) would otherwise show only as failed fetches.
      if (!stopping) console.error(`  [${label}] the server exited by itself (${signal ?? `code ${code}`})`);
      resolve(signal ?? `code ${code}`);
    }),
  );
  let stopping = false;
  const server = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    startMs: 0,
    stop: () => {
      stopping = true;
      return stopChild(child, exited);
    },
  };
  try {
    await waitForHealth(server.url, exited, 60_000);
    server.startMs = performance.now() - spawnedAt;
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/**
 * The Node flags `npm start` gives the server (package.json's start script, between `node` and `src/main.ts`), so
 * the benchmark measures the server as it is run (issue 27: a young generation of 4 MB semi-spaces).
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'src/main.ts')
    throw new Error(`package.json's start script is not "node [flags] src/main.ts": ${pkg.scripts.start}`);
  return words.slice(1, -1);
}

/** Server output goes to stderr with a prefix, so warnings and crashes show but stdout stays the report. */
function forwardOutput(child: ChildProcess, label: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) => console.error(`  [${label}] ${line}`));
  }
}

/** Polls /health; gives up when the server exits (no point waiting) or the deadline passes. */
async function waitForHealth(url: string, exited: Promise<string>, timeoutMs: number): Promise<void> {
  let exit: string | undefined;
  void exited.then((how) => {
    exit = how;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`the server exited during start-up (${exit})`);
    const status = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`GET /health did not answer 200 within ${timeoutMs / 1000} s`);
}

/** SIGTERM lets the server close its database cleanly; SIGKILL only if it hangs. */
async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
  if (timedOut) {
    console.error('  the server did not stop within 15 s of SIGTERM; killing it');
    child.kill('SIGKILL');
    await exited;
  }
}

/** A memory figure (VmRSS now, VmHWM = peak) from /proc, in MiB; undefined where there is no /proc. */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples VmRSS every 100 ms until stopped; returns the highest value seen. */
export function sampleRss(pid: number): { stop(): number | undefined } {
  let peak: number | undefined;
  const take = () => {
    const rss = memoryMiB(pid, 'VmRSS');
    if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
  };
  take();
  const timer = setInterval(take, 100);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/** CPU time (user + system) the process has used, in clock ticks (usually 1/100 s). */
function cpuTicks(pid: number): number | undefined {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Waits until the server has used (almost) no CPU for half a second. autocannon stops at the deadline but
 * the server still finishes what was in flight (for login, up to 50 scrypt hashes); without this, that work
 * would be charged to the next scenario.
 */
export async function waitUntilIdle(pid: number, url?: string, timeoutMs = 30_000): Promise<void> {
  await waitForCpu(pid, timeoutMs);
  if (url) await waitForPool(url);
}

/**
 * Waits until /health answers within 100 ms twice in a row. The server's CPU can be idle while the requests left
 * in flight still wait for a database connection, or for PostgreSQL to finish their queries (a slow list at
 * national scale keeps PostgreSQL busy, not the server); /health's `select 1` queues behind them in the pool.
 */
async function waitForPool(url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quick = 0;
  while (Date.now() < deadline) {
    const started = performance.now();
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) }).then(
      async (res) => {
        await res.arrayBuffer();
        return res.status === 200;
      },
      () => false,
    );
    quick = ok && performance.now() - started < 100 ? quick + 1 : 0;
    if (quick >= 2) return;
    await sleep(250);
  }
  console.error(`  note: /health was still slow ${timeoutMs / 1000} s after the previous scenario`);
}

async function waitForCpu(pid: number, timeoutMs: number): Promise<void> {
  let before = cpuTicks(pid);
  if (before === undefined) {
    await sleep(3000); // no /proc: a fixed pause instead
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await sleep(500);
    const now: number = cpuTicks(pid) ?? before;
    if (now - before <= 2) return; // at most 2 ticks in 500 ms: under 4 % of one core
    before = now;
  }
  console.error(`  note: the server was still busy ${timeoutMs / 1000} s after the previous scenario`);
}

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from './server.ts';

export type TempPostgres = { url: string; stop(): Promise<void> };

// scripts/postgres-temp.sh stops PostgreSQL when its shell exits, so the shell must outlive the benchmark:
// `cat` blocks on our open stdin, and closing stdin ends the shell, whose EXIT trap stops and removes the
// server. If this process dies, stdin closes too, so PostgreSQL never outlives us.
const script =
  'source scripts/postgres-temp.sh && PG_TEMP_DURABLE=1 pg_temp_start && echo "URL=$PG_TEMP_URL" && cat';

/** Starts a throw-away PostgreSQL (fsync on, as in production); 'not-installed' if there are no binaries. */
export async function startTempPostgres(): Promise<TempPostgres | 'not-installed'> {
  const shell = spawn('bash', ['-c', script], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  shell.stdin.on('error', () => {}); // EPIPE if the shell has already gone; its exit is reported below
  let stderr = '';
  shell.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => shell.once('exit', (code) => resolve(code)));

  const url = await Promise.race([firstUrlLine(shell.stdout), exited.then(() => undefined)]);
  if (!url) {
    await exited;
    if (stderr.includes('no PostgreSQL server found')) return 'not-installed';
    throw new Error(`PostgreSQL did not start:\n${stderr.trim()}`);
  }
  const stop = async () => {
    shell.stdin.end();
    const timedOut = await Promise.race([exited.then(() => false), sleep(30_000).then(() => true)]);
    if (timedOut) console.error('  PostgreSQL shell did not exit within 30 s; the temp server may be left');
  };
  return { url, stop };
}

/** Resolves with the URL from the script's "URL=..." line, or undefined if the output ends without one. */
function firstUrlLine(stdout: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      if (line.startsWith('URL=')) resolve(line.slice(4));
    });
    lines.on('close', () => resolve(undefined));
  });
}

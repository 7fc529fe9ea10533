import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own, which it may stop and start again (the shared TEST_DATABASE_URL server
 * serves other test files at the same time and must never stop). As scripts/postgres-temp.sh does in bash:
 * initdb and pg_ctl from /usr/lib/postgresql/<newest>/bin, as the postgres user when running as root, on a
 * free port, the socket in the temporary directory. fsync is off for speed, but synchronous_commit stays on:
 * a commit acknowledged to the app must be in the WAL (in the operating system's cache, which outlives the
 * killed server), or a crash could lose a write the app answered 201 for.
 */
export type PrivatePostgres = {
  url: string;
  /** Kills the server as a crash would (`pg_ctl stop -m immediate`): no goodbye to clients. */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data (crash recovery first); resolves when it accepts connections. */
  start: () => Promise<void>;
  /** Stops it if running and removes its directory. */
  destroy: () => Promise<void>;
};

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'somlos-private-pg-'));
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) await run('chown', ['postgres', dir]);
  const exec = (tool: string, args: string[]) =>
    asPostgres
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args])
      : run(join(bin, tool), args);
  const data = join(dir, 'data');
  const port = await freePort();
  await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) => exec('pg_ctl', ['-D', data, ...args]);
  const start = async () => {
    await pgCtl('-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start');
  };
  const stop = async () => {
    await pgCtl('-m', 'immediate', '-w', 'stop');
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    destroy: async () => {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest) throw new Error(`no PostgreSQL server under ${root} (apt-get install postgresql)`);
  return join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// One process at a time owns an embedded database's data directory. PGlite itself does not stop a second
// process from opening the same files, and two writers there lose and corrupt data without a word. npm start,
// npm run backup and npm run restore all take this lock before they touch the directory.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds the lock: the process id, and what tells that process from a later one given the same id. */
type Holder = { pid: number; started: string | null; boot: string | null; host: string };

export const lockFileName = 'somlos.lock';

/** The data directory is held by another live process; its message is for the operator, in Swedish and English. */
export class DataDirLocked extends Error {
  readonly dataDir: string;
  readonly holder: Holder;
  constructor(dataDir: string, holder: Holder) {
    super(
      `Den inbäddade databasen i ${dataDir} används av process ${holder.pid} på ${holder.host}: stoppa Sömlös först.\n` +
        `The embedded database in ${dataDir} is open in process ${holder.pid} on ${holder.host}: stop Sömlös first.`,
    );
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

/**
 * Takes the data directory's lock (DATA_DIR/somlos.lock, created atomically) or throws DataDirLocked without
 * writing anything. A lock whose process has ended (killed, crashed, machine restarted) is stale and taken over.
 * Returns the release, which also runs when the process exits.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, lockFileName);
  const me = currentHolder();
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = readHolder(path);
    if (found === undefined) {
      if (tryCreate(path, me)) return releaser(path, me);
      continue; // another process took it between our read and our create: look again
    }
    if (isAlive(found)) throw new DataDirLocked(dataDir, found);
    removeStale(dataDir, path, found);
  }
  throw new Error(`Could not take the lock ${path}; try again.`);
}

/** Runs fn holding the data directory's lock, released afterwards whatever happens. */
export async function withDataDirLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const release = lockDataDir(dataDir);
  try {
    return await fn();
  } finally {
    release();
  }
}

function currentHolder(): Holder {
  return { pid: process.pid, started: startTime(process.pid), boot: bootId(), host: hostname() };
}

/**
 * The lock file appears whole or not at all: written under a name of its own, then hard-linked to the lock's
 * name, which fails if the lock exists (as O_EXCL would, without a window where it is empty).
 */
function tryCreate(path: string, me: Holder): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    writeSync(fd, JSON.stringify(me));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(temporary);
  }
}

function readHolder(path: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const h = JSON.parse(text) as Holder;
    if (Number.isInteger(h.pid) && h.pid > 0) return h;
  } catch {}
  // Not ours, or damaged: nothing proves a process holds it, and the file is never written in place.
  return { pid: 0, started: null, boot: null, host: '?' };
}

const sameHolder = (a: Holder | undefined, b: Holder) =>
  a !== undefined && a.pid === b.pid && a.started === b.started && a.boot === b.boot;

/**
 * Moves a stale lock aside and deletes it. If, between our look and the move, another starting process
 * replaced the stale lock with its own live one, that one is put back and this start gives way.
 */
function removeStale(dataDir: string, path: string, stale: Holder): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readHolder(aside);
  if (!sameHolder(moved, stale) && moved && isAlive(moved)) {
    try {
      linkSync(aside, path);
    } catch {}
    unlinkSync(aside);
    throw new DataDirLocked(dataDir, moved);
  }
  unlinkSync(aside);
}

/**
 * Whether the process that wrote the lock still runs. A process id alone is not enough: after a kill the id can
 * go to another process, so on Linux its start time (/proc/<pid>/stat) and the boot it belongs to must match.
 */
function isAlive(h: Holder): boolean {
  if (h.pid <= 0) return false;
  const boot = bootId();
  if (h.boot && boot && h.boot !== boot) return false;
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false; // EPERM: alive, another user's
  }
  const started = startTime(h.pid);
  if (h.started && started) return started === h.started;
  return true;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot (Linux); null elsewhere. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; count the fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/** Deletes the lock if it is still this holder's; once, on release or when the process exits. */
function releaser(path: string, me: Holder): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (!sameHolder(readHolder(path), me)) return;
    try {
      unlinkSync(path);
    } catch {}
  };
  process.on('exit', release);
  return release;
}

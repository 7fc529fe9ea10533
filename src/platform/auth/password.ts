import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';

// scrypt with N=2^15, r=8, p=1 (32 MiB, about 50 ms here): OWASP's minimum for scrypt is N=2^17 with p=1
// or N=2^15 with p=3; we take p=3 at N=2^15 so memory stays low on small instances.
const N = 2 ** 15;
const r = 8;
const p = 3;
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

/**
 * How many scrypt computations run at once in this process. Each takes a core and one of libuv's four threads
 * for tens of milliseconds; unbounded, a burst of logins takes every core and thread and every other request
 * waits (PGlite runs on the main thread, file reads on libuv's). One core is left to the rest, and at most
 * three threads are used; the others wait in line, first come first served.
 */
export const hashingCap = Math.max(1, Math.min(availableParallelism() - 1, 3));
const hashing = { running: 0, peak: 0, done: 0, line: [] as (() => void)[] };

/** What the hashing line looks like now: tests measure the cap with it. */
export const hashingLoad = () => ({
  running: hashing.running,
  waiting: hashing.line.length,
  peak: hashing.peak,
  done: hashing.done,
});
export const resetHashingPeak = () => {
  hashing.peak = hashing.running;
};

async function inHashingLine<T>(work: () => Promise<T>): Promise<T> {
  if (hashing.running >= hashingCap) await new Promise<void>((go) => hashing.line.push(go));
  else hashing.running++;
  hashing.peak = Math.max(hashing.peak, hashing.running);
  try {
    return await work();
  } finally {
    hashing.done++;
    // The slot passes straight to the next in line, so nobody can slip in between and exceed the cap.
    const next = hashing.line.shift();
    if (next) next();
    else hashing.running--;
  }
}

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return inHashingLine(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, keyLength, { N: n, r: rr, p: pp, maxmem }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

/** Returns "scrypt$N$r$p$salt$hash" (base64url), so parameters can be raised later without breaking logins. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, rr, pp, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(rr), Number(pp));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Verifying against this when the username is unknown keeps the answer time the same as for a known one.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

import assert from 'node:assert/strict';
import { demoPassword } from '../../src/demo/load-demo.ts';
import { titles } from '../../src/platform/errors.ts';

// What the fault tests (test/assurance/faults-*.test.ts) share: a clock, test persons, requests with a deadline.

export const NOW = '2026-11-26T10:00:00Z';
export const digits = (pin: string) => pin.replace('-', '');

/** A valid personnummer (Luhn check digit) for the n-th test person, born in 1931 so no demo person has it. */
export function personnummer(n: number): string {
  const day = new Date(Date.UTC(1931, 0, 1 + Math.floor(n / 900)));
  const yymmdd = day.toISOString().slice(2, 10).replaceAll('-', '');
  const ten = `${yymmdd}${String(100 + (n % 900))}`;
  const sum = [...ten].reduce((acc, d, i) => {
    const p = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (p > 9 ? p - 9 : p);
  }, 0);
  return `19${ten.slice(0, 6)}-${ten.slice(6)}${(10 - (sum % 10)) % 10}`;
}

export type Answer = { status: number; type: string; text: string };

/** One request with a deadline, so a hang fails the test instead of stalling it; a lost request is status 0. */
export async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'x-somlos-now': NOW };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(15_000) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  } catch (err) {
    return { status: 0, type: '', text: String(err) };
  }
}

export async function apiLogin(url: string, username: string): Promise<string> {
  const res = await call(`${url}/api/session`, {
    method: 'POST',
    body: JSON.stringify({ username, password: demoPassword }),
  });
  assert.equal(res.status, 200, res.text);
  return JSON.parse(res.text).token;
}

/** problem+json with the Swedish title of its status, and nothing of the error inside (no stack, no SQL). */
export function assertProblem(res: Answer, status: number, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
  assert.match(res.type, /^application\/problem\+json/, what);
  const body = JSON.parse(res.text);
  assert.deepEqual(Object.keys(body).sort(), ['detail', 'status', 'title', 'type'], what);
  assert.equal(body.title, titles[status], what);
  assert.doesNotMatch(res.text, /\bat |Error|insert|select|faults_/i, `${what}: the error's inside leaks`);
}

/** Waits until the condition holds (polled every 20 ms), failing after `seconds`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  seconds = 20,
): Promise<void> {
  // Elapsed time on the monotonic clock: a timeout, not a date.
  const deadline = performance.now() + seconds * 1000;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

import { demoPassword } from '../../src/demo/load-demo.ts';
import { parseIdentityNumber } from '../../src/platform/people/identity-number.ts';

/**
 * The log of a test server, written in memory instead of to standard output. Every test server logs at debug
 * into one, so the whole suite's requests are a probe of what reaches the log: closing the server fails if any
 * line held a valid identity number, the demo password or a token-shaped secret. `keep` also keeps the text,
 * for the tests that search it for their own secrets.
 */
export type LogCapture = {
  write(line: string): void;
  /** Every line so far (only when kept). */
  text(): string;
  /** The lines that held a secret, each with what was found. */
  findings(): string[];
};

// A candidate identity number: 10 or 12 digits, the last four after an optional "-", "+" or space (or their
// URL encodings); not glued to a word or a number, nor after "-" (a UUID's last group). Checked with the
// personnummer package, so a UUID or a timestamp is not taken for a person.
const candidate = /(?<![\w.-])(?:\d{8}|\d{6})(?:[-+ ]|%2[bBdD]|%20)?\d{4}(?!\w)/g;
// A session, API or password-link token: 32 random bytes in base64url.
const tokenShaped = /(?<![\w-])[\w-]{43}(?![\w-])/g;
const isRandom = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);

export function secretsIn(line: string): string[] {
  const found: string[] = [];
  for (const [c] of line.matchAll(candidate)) {
    const plain = decodeURIComponent(c.replace(/%20/g, ' ')).replace(' ', '');
    if (parseIdentityNumber(plain)) found.push(`identity number ${c}`);
  }
  for (const [t] of line.matchAll(tokenShaped)) if (isRandom(t)) found.push(`token ${t}`);
  if (line.includes(demoPassword)) found.push('the demo password');
  return found;
}

export function logCapture({ keep = false } = {}): LogCapture {
  const lines: string[] = [];
  const findings: string[] = [];
  return {
    write(line) {
      if (keep) lines.push(line);
      for (const f of secretsIn(line))
        if (findings.length < 20) findings.push(`${f} in ${line.slice(0, 2000)}`);
    },
    text: () => lines.join(''),
    findings: () => [...findings],
  };
}

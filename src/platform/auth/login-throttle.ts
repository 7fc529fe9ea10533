import { normalizeIP } from '@fastify/rate-limit';
import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { tooManyRequests } from '../errors.ts';
import { loginKnownClients, loginThrottles } from './schema.ts';

// Decision 0017. Each attempt is counted under three keys in one statement, before its password is checked:
// - the username at the client address: strict, the guesses one address may make at one account;
// - the client address: the guesses one address may make across usernames (password spraying);
// - the username: loose, across all addresses; when it is full the username is closed only to addresses its
//   own user has never logged in from, so an attacker with many addresses cannot lock the real user out of
//   the addresses they use.
export const throttleWindowMs = 15 * 60 * 1000;
export const throttleLimits = { pair: 10, client: 50, username: 100 } as const;
const knownClientMs = 30 * 24 * 60 * 60 * 1000;

type Scope = keyof typeof throttleLimits;
type Counted = { key: string; scope: Scope; windowStartedAt: Date; attempts: number };
export type LoginAttempt = { succeeded: () => Promise<void> };

/**
 * The client as the limits see it: request.ip (the address the trusted proxy saw with TRUST_PROXY, else the
 * socket's), an IPv6 address taken as its /64 since one host commonly holds a whole /64.
 */
export const clientAddress = (ip: string | undefined) => (ip ? normalizeIP(ip) : unknownClient);
export const unknownClient = 'okänd';

const keyOf = (scope: Scope, username: string, client: string) =>
  JSON.stringify(
    scope === 'pair' ? [scope, username, client] : [scope, scope === 'client' ? client : username],
  );
const scopeOf = (key: string) => (JSON.parse(key) as [Scope])[0];

/**
 * Counts a login attempt (or a current password given to change it) before the password is checked: 429 with
 * the seconds to wait when a limit is reached, the attempt then uncounted. The caller calls `succeeded()` when
 * the password was right, which uncounts it; a wrong password stays counted as a failure.
 */
export async function beginLoginAttempt(
  db: Db,
  username: string,
  client: string,
  now: Date,
  message: string,
): Promise<LoginAttempt> {
  const counted = await count(db, username, client, now);
  const full = counted.filter((c) => c.attempts > throttleLimits[c.scope]);
  const refusing =
    full.some((c) => c.scope === 'username') && (await isKnownClient(db, username, client, now))
      ? full.filter((c) => c.scope !== 'username')
      : full;
  if (refusing.length > 0) {
    await uncount(db, counted);
    const seconds = secondsLeft(refusing, now);
    throw tooManyRequests(`${message} ${waitText(seconds)}`, seconds);
  }
  return {
    succeeded: async () => {
      await uncount(db, counted);
      await rememberClient(db, username, client, now);
      await forgetOld(db, now);
    },
  };
}

/**
 * One statement adds the attempt to all three keys, a key whose window has passed starting a new one, and
 * returns the counts: concurrent attempts each see their own count, so no more than a limit get through.
 * The keys are taken in sorted order, so two attempts never wait on each other's rows in a cycle.
 */
async function count(db: Db, username: string, client: string, now: Date): Promise<Counted[]> {
  const keys = (['pair', 'client', 'username'] as const).map((s) => keyOf(s, username, client)).sort();
  const expired = sql`${loginThrottles.windowStartedAt} <= ${new Date(now.getTime() - throttleWindowMs).toISOString()}::timestamptz`;
  const rows = await db
    .insert(loginThrottles)
    .values(keys.map((key) => ({ key, windowStartedAt: now, attempts: 1 })))
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: {
        windowStartedAt: sql`case when ${expired} then excluded.window_started_at else ${loginThrottles.windowStartedAt} end`,
        attempts: sql`case when ${expired} then 1 else ${loginThrottles.attempts} + 1 end`,
      },
    })
    .returning();
  return rows.map((r) => ({ ...r, scope: scopeOf(r.key) }));
}

/**
 * Takes the attempt back from each key, unless that key's window has since started again. The rows are locked
 * in key order first, like count() takes them, so an uncount and a count never wait on each other in a cycle.
 */
async function uncount(db: Db, counted: Counted[]): Promise<void> {
  const ours = db
    .select({ key: loginThrottles.key })
    .from(loginThrottles)
    .where(
      or(
        ...counted.map((c) =>
          and(eq(loginThrottles.key, c.key), eq(loginThrottles.windowStartedAt, c.windowStartedAt)),
        ),
      ),
    )
    .orderBy(loginThrottles.key)
    .for('update');
  await db
    .update(loginThrottles)
    .set({ attempts: sql`greatest(${loginThrottles.attempts} - 1, 0)` })
    .where(inArray(loginThrottles.key, ours));
}

async function isKnownClient(db: Db, username: string, client: string, now: Date): Promise<boolean> {
  const rows = await db
    .select({ client: loginKnownClients.client })
    .from(loginKnownClients)
    .where(
      and(
        eq(loginKnownClients.username, username),
        eq(loginKnownClients.client, client),
        gt(loginKnownClients.lastLoginAt, new Date(now.getTime() - knownClientMs)),
      ),
    );
  return rows.length > 0;
}

async function rememberClient(db: Db, username: string, client: string, now: Date): Promise<void> {
  await db
    .insert(loginKnownClients)
    .values({ username, client, lastLoginAt: now })
    .onConflictDoUpdate({
      target: [loginKnownClients.username, loginKnownClients.client],
      set: { lastLoginAt: sql`greatest(${loginKnownClients.lastLoginAt}, excluded.last_login_at)` },
    });
}

const waitText = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return `Försök igen om ${minutes} ${minutes === 1 ? 'minut' : 'minuter'}.`;
};

/** Until the last refusing window ends, in whole seconds (at least one). */
function secondsLeft(refusing: Counted[], now: Date): number {
  const ends = Math.max(...refusing.map((c) => c.windowStartedAt.getTime() + throttleWindowMs));
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}

/**
 * Forgets windows that have passed and addresses not used for 30 days. Done at each successful login (both
 * deletes use an index), so the tables hold only what the limits still need whatever the attempts were.
 */
async function forgetOld(db: Db, now: Date): Promise<void> {
  // Rows another attempt holds are skipped (the next login forgets them), so this never waits on a count.
  const endedWindows = db
    .select({ key: loginThrottles.key })
    .from(loginThrottles)
    .where(lt(loginThrottles.windowStartedAt, new Date(now.getTime() - throttleWindowMs)))
    .for('update', { skipLocked: true });
  await db.delete(loginThrottles).where(inArray(loginThrottles.key, endedWindows));
  await db
    .delete(loginKnownClients)
    .where(lt(loginKnownClients.lastLoginAt, new Date(now.getTime() - knownClientMs)));
}

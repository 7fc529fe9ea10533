import { randomUUID } from 'node:crypto';
import { and, count, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../modules/organisations/schema.ts';
import { tooManyRequests, unauthorized } from '../errors.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { loginAttempts } from './schema.ts';
import { createSession, type SessionKind } from './sessions.ts';

export const maxFailedLogins = 10;
export const failedLoginWindowMs = 15 * 60 * 1000;

export type LoginInput = { username: string; password: string };

/** 429 when the username has failed ten times in the last 15 minutes (logins, or a wrong current password). */
export async function assertNotThrottled(db: Db, username: string, now: Date, message: string) {
  const since = new Date(now.getTime() - failedLoginWindowMs);
  const [recent] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.username, username),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, since),
      ),
    );
  if ((recent?.failures ?? 0) >= maxFailedLogins) throw tooManyRequests(message);
}

/**
 * Checks the password and opens a session. Ten failed logins for one username within 15 minutes close
 * that username for the rest of the window (429), on every instance, since attempts are stored.
 * The 401 never says whether the username or the password was wrong.
 */
export async function login(db: Db, input: LoginInput, kind: SessionKind, now: Date) {
  const username = input.username.trim().toLowerCase();
  await assertNotThrottled(
    db,
    username,
    now,
    'För många misslyckade inloggningar. Vänta en stund och försök igen.',
  );
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.username, username));
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  const succeeded = ok && user?.active === true;
  await db.insert(loginAttempts).values({ id: randomUUID(), username, at: now, succeeded });
  if (!succeeded) throw unauthorized('Fel användarnamn eller lösenord.');
  const session = await createSession(db, user.id, kind, now);
  return { ...session, userId: user.id };
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { counties, principals, units, users } from '../../modules/organisations/schema.ts';
import { unauthorized } from '../errors.ts';
import { beginLoginAttempt } from './login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { createSession, type SessionKind } from './sessions.ts';

export type LoginInput = { username: string; password: string };

/**
 * Checks the password and opens a session. The attempt is counted before the password is checked
 * (login-throttle.ts: per username at this client address, per address, per username), so concurrent guesses
 * get no further than the limits, on every instance. The 401 never says whether the username or the password
 * was wrong.
 */
export async function login(db: Db, input: LoginInput, kind: SessionKind, now: Date, client: string) {
  const username = input.username.trim().toLowerCase();
  const attempt = await beginLoginAttempt(db, username, client, now, 'För många misslyckade inloggningar.');
  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      passwordLogin: counties.passwordLogin,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .innerJoin(counties, eq(counties.code, principals.countyCode))
    .where(eq(users.username, username));
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  // A county that allows only e-ID refuses its accounts' passwords with the same answer as a wrong one.
  if (!ok || user?.active !== true || !user.passwordLogin)
    throw unauthorized('Fel användarnamn eller lösenord.');
  await attempt.succeeded();
  const session = await createSession(db, user.id, kind, now);
  return { ...session, userId: user.id };
}

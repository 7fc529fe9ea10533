import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { counties, principals, units, users } from '../../modules/organisations/schema.ts';
import { type CurrentUser, toCurrentUser, userColumns } from './current-user.ts';
import { sessions } from './schema.ts';

export const idleTimeoutMs = 30 * 60 * 1000;
export const absoluteTimeoutMs = 10 * 60 * 60 * 1000;
// Writing last_seen_at on every request would make each read a write; a minute's precision is enough.
const touchAfterMs = 60 * 1000;

export type SessionKind = 'web' | 'api';
export type ActiveSession = { id: string; csrfSecret: string; user: CurrentUser };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Opens a session, by password or by e-ID alike; `method` is 'password' or 'eid:<provider id>', kept on the
 * session (for logging out of the provider too) and on the account as its last login.
 */
export async function createSession(
  db: Db,
  userId: string,
  kind: SessionKind,
  now: Date,
  method = 'password',
) {
  const token = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  await db.insert(sessions).values({
    id,
    userId,
    kind,
    csrfSecret: randomBytes(32).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    loginMethod: method,
  });
  await db.update(users).set({ lastLoginAt: now, lastLoginMethod: method }).where(eq(users.id, userId));
  return { token, id };
}

/**
 * The session behind a token, if it has not ended, been idle 30 minutes or lived 10 hours, and its user is
 * still active. One query, on every request and every instance, so a logout, a deactivation or a changed role
 * takes effect on the next request; a touch at most once a minute. The query is built and prepared once per
 * database (below): what is left per request is one round trip with four values.
 */
export async function resolveSession(
  db: Db,
  token: string,
  kind: SessionKind,
  now: Date,
): Promise<ActiveSession | null> {
  const id = hashToken(token);
  const [row] = await sessionLookup(db).execute({
    id,
    kind,
    createdAfter: new Date(now.getTime() - absoluteTimeoutMs).toISOString(),
    seenAfter: new Date(now.getTime() - idleTimeoutMs).toISOString(),
  });
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > touchAfterMs) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { id: row.sessionId, csrfSecret: row.csrfSecret, user: toCurrentUser(row) };
}

const prepareSessionLookup = (db: Db) =>
  db
    .select({
      ...userColumns,
      sessionId: sessions.id,
      csrfSecret: sessions.csrfSecret,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .innerJoin(counties, eq(counties.code, principals.countyCode))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        eq(sessions.kind, sql.placeholder('kind')),
        isNull(sessions.endedAt),
        eq(users.active, true),
        gt(sessions.createdAt, sql.placeholder('createdAfter')),
        gt(sessions.lastSeenAt, sql.placeholder('seenAfter')),
      ),
    )
    .prepare('session_lookup');

const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();
function sessionLookup(db: Db) {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  return lookup;
}

export async function endSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every open session of a user (deactivated, or a new password chosen); returns how many ended. */
export async function endAllSessions(db: Db, userId: string, now: Date): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

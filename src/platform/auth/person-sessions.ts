import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { PersonSelf } from '../http/context.ts';
import { personSessions } from './person-schema.ts';

// The person's own sessions (issue 26): a kind apart from staff sessions, with a cookie of its own. The guard
// (platform/http/guard.ts) reads this cookie on the person's routes only and the staff cookie on every other
// route, and each kind is looked up in its own table: a token of one kind is nobody in the other.

/** The person's session cookie; the staff cookie is `somlos_session` (guard.ts). */
export const personSessionCookie = 'somlos_person';
/**
 * Shorter than staff sessions: a person reads their plan on a phone or a shared computer now and then, and a
 * session left open there is their plan open to the next person. Fifteen minutes idle, two hours at most.
 */
export const personIdleTimeoutMs = 15 * 60 * 1000;
export const personAbsoluteTimeoutMs = 2 * 60 * 60 * 1000;
const touchAfterMs = 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a person's session after an e-ID sign-in; `loginMethod` is 'eid:<provider id>'. */
export async function createPersonSession(db: Db, personId: string, loginMethod: string, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  await db.insert(personSessions).values({
    id,
    personId,
    loginMethod,
    csrfSecret: randomBytes(32).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
  });
  return { token, id };
}

export type ActivePersonSession = { self: PersonSelf; csrfSecret: string };

/** The person's session behind a token, unless it has ended, been idle 15 minutes or lived two hours. */
export async function resolvePersonSession(
  db: Db,
  token: string,
  now: Date,
): Promise<ActivePersonSession | null> {
  const id = hashToken(token);
  const [row] = await db
    .select()
    .from(personSessions)
    .where(
      and(
        eq(personSessions.id, id),
        isNull(personSessions.endedAt),
        gt(personSessions.createdAt, new Date(now.getTime() - personAbsoluteTimeoutMs)),
        gt(personSessions.lastSeenAt, new Date(now.getTime() - personIdleTimeoutMs)),
      ),
    );
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > touchAfterMs)
    await db.update(personSessions).set({ lastSeenAt: now }).where(eq(personSessions.id, id));
  return {
    self: { personId: row.personId, sessionId: row.id, loginMethod: row.loginMethod },
    csrfSecret: row.csrfSecret,
  };
}

export async function endPersonSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(personSessions)
    .set({ endedAt: now })
    .where(and(eq(personSessions.id, sessionId), isNull(personSessions.endedAt)));
}

/** Where the person signs in (the fixed address /mina-planer, which counties link to, is behind it). */
export const personSignInPath = '/mina-planer/logga-in';

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { users } from '../../src/modules/organisations/schema.ts';
import { createSession, type SessionKind } from '../../src/platform/auth/sessions.ts';

/**
 * Opens a session for an active user as a login does, through the real session code (a real token, stored
 * hashed), without the password check: scrypt costs about 50 ms of a core per login, and fixtures log in
 * hundreds of times. The login, session, throttling and password tests log in through the API and the form.
 */
export async function openSession(db: Db, username: string, kind: SessionKind, at: Date): Promise<string> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.username, username), eq(users.active, true)));
  if (!user) throw new Error(`no active user ${username}`);
  return (await createSession(db, user.id, kind, at)).token;
}

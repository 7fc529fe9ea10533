import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appSecrets } from '../../platform/auth/schema.ts';
import { type NotificationCategory, notificationCategories } from './schema.ts';

// The key of an unsubscribe link: who (a user, or a unit's functional mailbox) and what (a category, or every
// mail: a digest's link), signed with a secret every instance shares (app_secrets), so the link works without
// logging in and cannot be made for anyone else. It holds ids only, never an address or a name, and fits a path
// parameter (at most 100 characters: two UUID-length ids are never in one key).

export type Unsubscriber = { type: 'user' | 'unit'; id: string };
export type UnsubscribeScope = NotificationCategory | 'all';
export type UnsubscribeKey = Unsubscriber & { scope: UnsubscribeScope };

const secretName = 'notification-unsubscribe';

/** The signing secret, if any mail has been made yet (reading a link never makes one). */
export async function findUnsubscribeSecret(db: Db): Promise<string | null> {
  const [found] = await db.select().from(appSecrets).where(eq(appSecrets.name, secretName));
  return found?.value ?? null;
}

/** The signing secret, made by whichever instance first needs it. */
export async function unsubscribeSecret(tx: Db): Promise<string> {
  const found = await findUnsubscribeSecret(tx);
  if (found) return found;
  await tx
    .insert(appSecrets)
    .values({ name: secretName, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await tx.select().from(appSecrets).where(eq(appSecrets.name, secretName));
  return row!.value;
}

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest().subarray(0, 16).toString('base64url');

export function unsubscribeToken(secret: string, key: UnsubscribeKey): string {
  const payload = Buffer.from(`${key.type === 'user' ? 'u' : 'e'}~${key.id}~${key.scope}`).toString(
    'base64url',
  );
  return `${payload}.${sign(secret, payload)}`;
}

/** The key a token stands for, or null when it is not one Sömlös signed. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeKey | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [type, id, scope, more] = Buffer.from(payload, 'base64url').toString('utf8').split('~');
  if (more !== undefined || !id || (type !== 'u' && type !== 'e')) return null;
  if (scope !== 'all' && !(notificationCategories as readonly string[]).includes(scope ?? '')) return null;
  return { type: type === 'u' ? 'user' : 'unit', id, scope: scope as UnsubscribeScope };
}

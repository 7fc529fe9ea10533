import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import { type MailAttachment, outbox } from './schema.ts';

export type Mail = {
  countyCode: string;
  toUserId: string | null;
  toAddress: string;
  subject: string;
  body: string;
  /** A password link the sender fills in (auth/password-links.ts); the body holds it masked. */
  passwordLinkId?: string;
  html?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  notificationId?: string;
  category?: string;
  /** Makes the mail exist once: a second mail with the same key is not queued. */
  dedupeKey?: string;
};

/** The domain of every Message-ID Sömlös gives, the sender's. */
export const messageIdDomain = 'somlos.se';

/**
 * Where a mail's links start: the sender puts PUBLIC_URL in its place when it sends (deliver.ts), and an
 * administrator's preview the address they use. A scheduled job, which makes most notices, has no request
 * to take the address from.
 */
export const publicUrlMark = '{{PUBLIC_URL}}';

/**
 * Puts a message in the outbox, in the caller's transaction: it is sent only if the change it belongs to is kept.
 * Returns its id, or null when a mail with its dedupeKey is already there.
 */
export async function queueMail(tx: Db, now: Date, mail: Mail): Promise<string>;
export async function queueMail(
  tx: Db,
  now: Date,
  mail: Mail & { dedupeKey: string },
): Promise<string | null>;
export async function queueMail(tx: Db, now: Date, mail: Mail): Promise<string | null> {
  const id = randomUUID();
  const inserted = await tx
    .insert(outbox)
    .values({ id, ...mail, messageId: `<${id}@${messageIdDomain}>`, createdAt: now })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return inserted[0]?.id ?? null;
}

const pageSize = 50;

/** Masks what in a mail is a key for its recipient alone (an unsubscribe link), for an administrator's eyes. */
export const maskKeys = (text: string) =>
  text.replace(/\/avregistrera\/[A-Za-z0-9_.-]+/g, '/avregistrera/••••••••');

/** A mail for an administrator: the recipient's own keys masked, the links starting at `publicUrl`. */
export function presentForAdministrator(m: typeof outbox.$inferSelect, publicUrl: string) {
  const shown = (text: string) => maskKeys(text.replaceAll(publicUrlMark, publicUrl));
  return {
    ...m,
    body: shown(m.body),
    html: m.html === null ? null : shown(m.html),
    headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, shown(v)])),
    attachments: m.attachments.map((a) => ({ ...a, content: shown(a.content) })),
    status: m.sentAt ? 'sent' : m.failedAt ? 'failed' : 'waiting',
  };
}

export type OutboxFilter = 'all' | 'failed';

/** A county's outbox, newest first: what was sent, what waits for a mail server and what could not be sent. */
export async function listOutbox(
  db: Db,
  countyCode: string,
  page: number,
  opts: { publicUrl: string; filter?: OutboxFilter },
) {
  const found = await pageOutbox(db, countyCode, { offset: (page - 1) * pageSize, limit: pageSize }, opts);
  return {
    total: found.total,
    failed: await countFailedMail(db, countyCode),
    size: pageSize,
    messages: found.items,
  };
}

/** The same outbox, any page (the API's `page` and `pageSize`); the total counts every message of the filter. */
export async function pageOutbox(
  db: Db,
  countyCode: string,
  p: { offset: number; limit: number },
  opts: { publicUrl: string; filter?: OutboxFilter },
) {
  const where = and(
    eq(outbox.countyCode, countyCode),
    opts.filter === 'failed' ? isNotNull(outbox.failedAt) : undefined,
  );
  const rows = await db
    .select()
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(p.limit)
    .offset(p.offset);
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(where);
  return { total: counted?.n ?? 0, items: rows.map((m) => presentForAdministrator(m, opts.publicUrl)) };
}

/** How many of a county's messages could not be sent (shown to its administrators until sent again). */
export async function countFailedMail(db: Db, countyCode: string): Promise<number> {
  const [failed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.countyCode, countyCode), isNotNull(outbox.failedAt), isNull(outbox.sentAt)));
  return failed?.n ?? 0;
}

/** One message of a county's outbox for its administrator, or null (another county's, or none). */
export async function readOutboxMessage(db: Db, countyCode: string, id: string, publicUrl: string) {
  const [row] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), eq(outbox.countyCode, countyCode)));
  return row ? presentForAdministrator(row, publicUrl) : null;
}

/**
 * Sends a message that could not be sent once more, from the next round (an administrator fixed the address or
 * the server). 404 for another county's; 409 for one that was sent, still waits, or holds a password link (an
 * administrator sends a new link instead: the old one may have ended).
 */
export async function retryOutboxMessage(tx: Db, countyCode: string, id: string) {
  const [row] = await tx
    .select()
    .from(outbox)
    .where(and(eq(outbox.id, id), eq(outbox.countyCode, countyCode)))
    .for('update');
  if (!row) throw notFound();
  if (row.sentAt || !row.failedAt) throw conflict('Brevet har redan skickats eller väntar på att skickas.');
  if (row.passwordLinkId)
    throw conflict(
      'Brevet har en länk för lösenord, som kan ha gått ut. Skicka en ny länk från kontots sida.',
    );
  await tx.update(outbox).set({ failedAt: null, nextAttemptAt: null, attempts: 0 }).where(eq(outbox.id, id));
  return { toAddress: row.toAddress, subject: row.subject, lastError: row.lastError };
}

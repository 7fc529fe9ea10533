import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outbox } from './schema.ts';

export type Mail = {
  countyCode: string;
  toUserId: string | null;
  toAddress: string;
  subject: string;
  body: string;
  /** A password link the sender fills in (auth/password-links.ts); the body holds it masked. */
  passwordLinkId?: string;
};

/** Puts a message in the outbox, in the caller's transaction: it is sent only if the change it belongs to is kept. */
export async function queueMail(tx: Db, now: Date, mail: Mail): Promise<string> {
  const id = randomUUID();
  await tx.insert(outbox).values({ id, ...mail, createdAt: now });
  return id;
}

const pageSize = 50;

/** A county's outbox, newest first: what was sent, and what waits for a mail server. */
export async function listOutbox(db: Db, countyCode: string, page: number) {
  const rows = await db
    .select()
    .from(outbox)
    .where(eq(outbox.countyCode, countyCode))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(eq(outbox.countyCode, countyCode));
  return { total: counted?.n ?? 0, size: pageSize, messages: rows };
}

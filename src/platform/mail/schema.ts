import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { passwordLinks } from '../auth/schema.ts';

/**
 * Mail waiting to go, or gone: every message Sömlös sends is written here first, in the transaction of the
 * change that causes it, so no notice is lost when the mail server is down. With SMTP_URL set, the mail job
 * sends what is unsent; without it, a county's administrators read their county's outbox in the app.
 * Messages go to staff accounts and never name a person in care.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text().primaryKey(),
    countyCode: text().notNull(),
    toUserId: text(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    // Never a live password link: such a mail holds it masked, and names the link the sender fills in.
    body: text().notNull(),
    passwordLinkId: text().references(() => passwordLinks.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index().on(t.countyCode, t.createdAt), index().on(t.sentAt)],
);

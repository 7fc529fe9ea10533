import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { passwordLinks } from '../auth/schema.ts';

/** A file sent with a mail (a SIP meeting's calendar file); text only. */
export type MailAttachment = { filename: string; contentType: string; content: string };

/**
 * Mail waiting to go, or gone: every message Sömlös sends is written here first, in the transaction of the
 * change that causes it, so no notice is lost when the mail server is down. With SMTP_URL set, the mail job
 * sends what is unsent; without it, a county's administrators read their county's outbox in the app.
 * Messages go to staff accounts and units' functional mailboxes and never name a person in care.
 *
 * A message is sent once: claimed FOR UPDATE SKIP LOCKED and marked sent in the same transaction, and a
 * notice's mail is keyed (dedupeKey: the notification and the address; a digest: the user and the day). A
 * temporary refusal (4xx, no connection) is tried again after a growing pause (nextAttemptAt); a permanent one
 * (5xx) or too many attempts marks it failed, which the county's administrators see in the outbox.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text().primaryKey(),
    countyCode: text().notNull(),
    toUserId: text(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    // The plain-text part. Never a live password link: such a mail holds it masked, and names the link the
    // sender fills in.
    body: text().notNull(),
    // The HTML part, where the mail has one.
    html: text(),
    // Extra header lines (List-Unsubscribe, List-Unsubscribe-Post).
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb().$type<MailAttachment[]>().notNull().default([]),
    // The Message-ID the mail goes out with, made when it is queued, so a retry carries the same one.
    messageId: text().unique(),
    passwordLinkId: text().references(() => passwordLinks.id),
    // The notification (modules/notifications) the mail tells of, and its category; null for other mail.
    notificationId: text(),
    category: text(),
    dedupeKey: text().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
    // After a temporary refusal: not tried again before this.
    nextAttemptAt: timestamp({ withTimezone: true }),
    // Given up: a permanent refusal, a dead password link or too many attempts.
    failedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.countyCode, t.createdAt), index().on(t.sentAt), index().on(t.notificationId)],
);

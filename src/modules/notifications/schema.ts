import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { notices } from '../../platform/notices/schema.ts';
import { counties, governanceBodies, units, users } from '../organisations/schema.ts';

/** How a user wants to hear of new work: a mail at once, one a day at an hour they choose, or no mail. */
export const notificationModes = ['immediate', 'digest', 'none'] as const;
export type NotificationMode = (typeof notificationModes)[number];

/** What a mail is about; each category has its own unsubscribe link. */
export const notificationCategories = [
  'sip',
  'deviations',
  'disputes',
  'agreements',
  'actionPlans',
  'needsInventory',
] as const;
export type NotificationCategory = (typeof notificationCategories)[number];

/**
 * One piece of work told by e-mail (aviseringar): a notice "Mitt arbete" shows (noticeId), or an event that
 * gives a unit or a body work (an invitation sent, a deviation escalated). Written in the transaction of the
 * notice or the event, once by its key, and its mails with it; it names the kind of work, the recipient, the
 * deadline and the page, never the person.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: text().primaryKey(),
    key: text().notNull().unique(),
    noticeId: text()
      .unique()
      .references(() => notices.id),
    kind: text().notNull(),
    category: text({ enum: notificationCategories }).notNull(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    recipientUnitId: text().references(() => units.id),
    recipientBodyId: text().references(() => governanceBodies.id),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    deadline: date({ mode: 'string' }),
    // The page behind login, as a path of Sömlös.
    path: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.countyCode, t.createdAt),
    check('one_recipient', sql`(${t.recipientUnitId} is null) <> (${t.recipientBodyId} is null)`),
  ],
);

/** A user's own choice; without a row, the county's default holds. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text()
      .primaryKey()
      .references(() => users.id),
    mode: text({ enum: notificationModes }).notNull(),
    // The hour (Swedish time, 0–23) of the daily digest.
    digestHour: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('preference_digest_hour', sql`${t.digestHour} between 0 and 23`)],
);

/** The county administrator's default for users who have not chosen; without a row, no mail. */
export const notificationCountyDefaults = pgTable(
  'notification_county_defaults',
  {
    countyCode: text()
      .primaryKey()
      .references(() => counties.code),
    mode: text({ enum: notificationModes }).notNull(),
    digestHour: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('default_digest_hour', sql`${t.digestHour} between 0 and 23`)],
);

export const optOutRecipients = ['user', 'unit'] as const;

/** A category a user, or a unit's functional mailbox, gets no mail about (an unsubscribe link, or a setting). */
export const notificationOptOuts = pgTable(
  'notification_opt_outs',
  {
    recipientType: text({ enum: optOutRecipients }).notNull(),
    recipientId: text().notNull(),
    category: text({ enum: notificationCategories }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.recipientType, t.recipientId, t.category] })],
);

/** Work waiting for a user's daily digest. */
export const notificationDigestItems = pgTable(
  'notification_digest_items',
  {
    userId: text()
      .notNull()
      .references(() => users.id),
    notificationId: text()
      .notNull()
      .references(() => notifications.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.notificationId] })],
);

/** The digests made: one per user and day, whichever instance gets there first. */
export const notificationDigests = pgTable(
  'notification_digests',
  {
    userId: text()
      .notNull()
      .references(() => users.id),
    day: date({ mode: 'string' }).notNull(),
    madeAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

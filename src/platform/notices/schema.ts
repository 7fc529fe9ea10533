import { index, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * A notice to a unit, shown under "Mitt arbete": a reminder, a flag, an overdue deadline. A notice names the
 * object it is about and never the person; whoever reads it sees the object only through its access rule.
 * The key makes a notice exist once however many instances run the job that creates it.
 */
export const notices = pgTable(
  'notices',
  {
    id: text().primaryKey(),
    key: text().notNull(),
    kind: text().notNull(),
    recipientUnitId: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique().on(t.key), index().on(t.recipientUnitId, t.createdAt)],
);

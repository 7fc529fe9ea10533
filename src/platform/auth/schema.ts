import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../modules/organisations/schema.ts';

export const sessionKinds = ['web', 'api'] as const;

/** A login. The id is the SHA-256 of the token, so a leaked table does not leak usable tokens. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: sessionKinds }).notNull(),
    csrfSecret: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId)],
);

/** Failed and successful logins per username, for throttling across instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: text().primaryKey(),
    username: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    succeeded: boolean().notNull(),
  },
  (t) => [index().on(t.username, t.at)],
);

/** Secrets shared by every instance (e.g. the CSRF key), made once on first start. */
export const appSecrets = pgTable('app_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
});

import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A person's own session (issue 26): the person a SIP is about, signed in with e-ID (BankID, Freja eID) to read
 * their plans under /mina-planer. A kind of its own, in a table of its own and under a cookie of its own: a
 * person's session has no user, so no staff route can take it, and a staff session has no person, so no route
 * of the person's can take it (platform/http/guard.ts). As for staff, the id is the SHA-256 of the token.
 * `personId` is the persons row the identity number found; it holds no foreign key, since only the access layer
 * and table definitions of modules may name the person table (test/architecture.test.ts), and a person is
 * never deleted.
 */
export const personSessions = pgTable(
  'person_sessions',
  {
    id: text().primaryKey(),
    personId: text().notNull(),
    // 'eid:<provider id>' of PERSON_OIDC_PROVIDERS: logging out ends the provider's session too.
    loginMethod: text().notNull(),
    csrfSecret: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.personId)],
);

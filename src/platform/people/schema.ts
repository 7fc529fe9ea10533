import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const identityNumberKinds = ['personnummer', 'samordningsnummer'] as const;

/**
 * A person. Only the access layer (src/platform/access) may import this table: every read and write of
 * person data goes through it so that access is checked and logged. test/architecture.test.ts enforces it.
 */
export const persons = pgTable('persons', {
  id: text().primaryKey(),
  // Normalised to twelve digits, YYYYMMDDNNNN; one person is one row.
  personalIdentityNumber: text().notNull().unique(),
  identityNumberKind: text({ enum: identityNumberKinds }).notNull(),
  name: text().notNull(),
  protectedIdentity: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const accessActions = ['read', 'create', 'update', 'print', 'export', 'disclose'] as const;
export type AccessAction = (typeof accessActions)[number];

/**
 * The access log (Patientdatalagen 4 kap 3 §): one row per read, create, change, print, export or
 * disclosure of a person's data. Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 * Names are copied in so the log stays readable even if an account is later renamed.
 */
export const accessLog = pgTable(
  'access_log',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    userId: text().notNull(),
    username: text().notNull(),
    unitId: text().notNull(),
    principalId: text().notNull(),
    countyCode: text().notNull(),
    action: text({ enum: accessActions }).notNull(),
    personId: text().notNull(),
    objectType: text().notNull(),
    objectId: text().notNull(),
    reason: text(),
  },
  (t) => [
    index().on(t.personId, t.at),
    index().on(t.principalId, t.at),
    check('action_known', sql`${t.action} in ('read','create','update','print','export','disclose')`),
  ],
);

import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const accessActions = ['read', 'create', 'update', 'print', 'export', 'disclose'] as const;
export type AccessAction = (typeof accessActions)[number];
/** Who acted: a user (staff), or the person themself, signed in with e-ID (issue 26, platform/access/person-self.ts). */
export const accessActors = ['staff', 'person'] as const;

/**
 * The access log (Patientdatalagen 4 kap 3 §): one row per read, create, change, print, export or
 * disclosure of a person's data. Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 * Names are copied in so the log stays readable even if an account is later renamed. A row by the person
 * themself (`actor` 'person': their own pages, their consent, their download) has no user, unit or principal.
 */
export const accessLog = pgTable(
  'access_log',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    actor: text({ enum: accessActors }).notNull().default('staff'),
    userId: text(),
    username: text(),
    unitId: text(),
    principalId: text(),
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
    check('actor_known', sql`${t.actor} in ('staff','person')`),
    // A user's row names the user, the unit and the principal; only the person's own rows go without.
    check(
      'staff_row_names_user',
      sql`${t.actor} = 'person' or (${t.userId} is not null and ${t.username} is not null and ${t.unitId} is not null and ${t.principalId} is not null)`,
    ),
  ],
);

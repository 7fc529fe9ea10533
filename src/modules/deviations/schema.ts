import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { counties, principals, units, users } from '../organisations/schema.ts';

export const deviationStatuses = ['reported', 'answered', 'escalated', 'closed'] as const;
export type DeviationStatus = (typeof deviationStatuses)[number];

/** How a deviation ended; the compilations count them. */
export const deviationOutcomes = [
  'measuresTaken',
  'routineClarified',
  'noMeasureNeeded',
  'referredToActionPlan',
] as const;
export type DeviationOutcome = (typeof deviationOutcomes)[number];

export const deviationEntryKinds = ['answer', 'escalation', 'decision', 'closure'] as const;

/**
 * A deviation in collaboration (avvikelse): what was not followed, between principals, never about a named
 * person. The reporter's unit is recorded; the person is not, and the texts are checked for identity numbers
 * before they are stored.
 */
export const deviations = pgTable(
  'deviations',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    title: text().notNull(),
    description: text().notNull(),
    category: text().notNull(),
    occurredOn: date().notNull(),
    reportedByUnitId: text()
      .notNull()
      .references(() => units.id),
    reportedByUserId: text()
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: deviationStatuses }).notNull(),
    level: integer().notNull().default(1),
    // The answer or decision expected at the current level by this day (counties.deviation_answer_days).
    dueOn: date().notNull(),
    // Set when the overdue job has flagged the current level, so a level is flagged once.
    overdueFlaggedLevel: integer(),
    closedAt: timestamp({ withTimezone: true }),
    outcome: text({ enum: deviationOutcomes }),
    // When the report came from a suggestion ("sip.invitation:<id>"), so the suggestion is not offered again.
    suggestionKey: text().unique(),
  },
  (t) => [
    index().on(t.countyCode, t.reportedAt),
    index().on(t.reportedByUnitId),
    index().on(t.status, t.dueOn),
    check('closed_has_outcome', sql`(${t.status} = 'closed') = (${t.outcome} is not null)`),
  ],
);

/** The principals a deviation concerns, with the unit whose managers received it at level 1. */
export const deviationPrincipals = pgTable(
  'deviation_principals',
  {
    deviationId: text()
      .notNull()
      .references(() => deviations.id),
    principalId: text()
      .notNull()
      .references(() => principals.id),
    receivingUnitId: text()
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.deviationId, t.principalId] }), index().on(t.receivingUnitId)],
);

/**
 * What happened to a deviation, in order: a manager's answer (investigation, cause, measures), an escalation
 * with its reason, a body's decision, the reporter's closure. Entries are never changed.
 */
export const deviationEntries = pgTable(
  'deviation_entries',
  {
    id: text().primaryKey(),
    // The order entries were written in; several may share a timestamp.
    seq: bigserial({ mode: 'number' }).notNull(),
    deviationId: text()
      .notNull()
      .references(() => deviations.id),
    kind: text({ enum: deviationEntryKinds }).notNull(),
    level: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    byUserId: text()
      .notNull()
      .references(() => users.id),
    byUnitId: text()
      .notNull()
      .references(() => units.id),
    // The principal a manager answered for, or the body that decided.
    principalId: text().references(() => principals.id),
    bodyId: text(),
    investigation: text(),
    cause: text(),
    measures: text(),
    text: text(),
    outcome: text({ enum: deviationOutcomes }),
  },
  (t) => [index().on(t.deviationId, t.seq)],
);

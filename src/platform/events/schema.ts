import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** What an event's data may hold: JSON. Most events hold flat ids and codes; administrative changes hold before and after. */
export type EventValue = string | number | boolean | null | EventValue[] | { [key: string]: EventValue };

/**
 * Domain events, written in the same transaction as the change they record. They carry ids, never names
 * or text about a person; indicators, reminders and histories are computed from them.
 */
export const events = pgTable(
  'events',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    type: text().notNull(),
    countyCode: text(),
    actorUserId: text(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    data: jsonb().$type<Record<string, EventValue>>().notNull().default({}),
  },
  // By county and type too: the follow-up figures are computed a county at a time (followup/refresh-figures.ts).
  (t) => [index().on(t.type, t.at), index().on(t.subjectType, t.subjectId), index().on(t.countyCode, t.type)],
);

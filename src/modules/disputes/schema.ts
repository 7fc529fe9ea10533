import { bigserial, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { counties, principals, units, users } from '../organisations/schema.ts';

export const disputeKinds = ['interpretation', 'individualCase'] as const;
export type DisputeKind = (typeof disputeKinds)[number];
export const disputeStatuses = ['open', 'escalated', 'decided'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];
export const disputeEntryKinds = ['statement', 'escalation', 'decision'] as const;

/**
 * A dispute (tvist) between principals: on interpreting the agreement, or on cost or responsibility in an
 * individual case (Värmland "Tvister", Sörmland §19). An individual case is written de-identified and names who
 * ensures the person's needs meanwhile; a link to the SIP is shown only to those who already see that SIP.
 */
export const disputes = pgTable(
  'disputes',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    kind: text({ enum: disputeKinds }).notNull(),
    category: text().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    openedByUnitId: text()
      .notNull()
      .references(() => units.id),
    openedByUserId: text()
      .notNull()
      .references(() => users.id),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: disputeStatuses }).notNull(),
    level: integer().notNull().default(1),
    // Interim responsibility (individual cases): the principal that ensures the person's needs meanwhile.
    interimPrincipalId: text().references(() => principals.id),
    interimResponsibility: text(),
    sipId: text(),
    decidedOn: date(),
  },
  (t) => [index().on(t.countyCode, t.status, t.category), index().on(t.openedByUnitId)],
);

/** The principals that are parties, with the unit whose managers take the dispute at level 1. */
export const disputeParties = pgTable(
  'dispute_parties',
  {
    disputeId: text()
      .notNull()
      .references(() => disputes.id),
    principalId: text()
      .notNull()
      .references(() => principals.id),
    receivingUnitId: text()
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.disputeId, t.principalId] }), index().on(t.receivingUnitId)],
);

/** The dialogue and the path of a dispute: statements, escalations with their reason, the decision and why. */
export const disputeEntries = pgTable(
  'dispute_entries',
  {
    id: text().primaryKey(),
    seq: bigserial({ mode: 'number' }).notNull(),
    disputeId: text()
      .notNull()
      .references(() => disputes.id),
    kind: text({ enum: disputeEntryKinds }).notNull(),
    level: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    byUserId: text()
      .notNull()
      .references(() => users.id),
    byUnitId: text()
      .notNull()
      .references(() => units.id),
    bodyId: text(),
    text: text().notNull(),
    // Why the decision was made; decisions only.
    reasoning: text(),
  },
  (t) => [index().on(t.disputeId, t.seq)],
);

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { counties, governanceBodies, principals, units, users } from '../organisations/schema.ts';

/** One answer a form offers: a stable key stored in the records, and the label the form shows. */
export type Choice = { key: string; label: string };
/** A form's questions as data: what a record may answer, per question. */
export type FormQuestions = {
  ageBands: Choice[];
  genders: Choice[];
  housing: Choice[];
  occupation: Choice[];
  /** Contacts with the region's and the municipality's services; a person may have several. */
  contacts: Choice[];
  /** The life areas whose need is recorded as none, met or unmet. */
  lifeAreas: Choice[];
};

/**
 * An inventory form (Socialstyrelsen's "Att inventera behov", 2012, and SKL's short form, 2015). Its questions
 * are data, and a form is never changed once a round uses it: a later form is a new version, so earlier rounds
 * keep the questions they were answered with.
 */
export const needsInventoryForms = pgTable(
  'needs_inventory_forms',
  {
    id: text().primaryKey(),
    key: text({ enum: ['full', 'short'] }).notNull(),
    version: integer().notNull(),
    name: text().notNull(),
    publisher: text().notNull(),
    year: integer().notNull(),
    questions: jsonb().$type<FormQuestions>().notNull(),
  },
  (t) => [unique().on(t.key, t.version)],
);

export const roundStatuses = ['planned', 'collecting', 'interpreting', 'reported'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/**
 * An inventory round (Sörmland §10): the county inventories its target group together, every three to four
 * years, coordinated by a governance body (in Sörmland BGP). `instructions` says, among other things, which unit
 * enters a person that two units know; the record form shows it.
 */
export const needsInventoryRounds = pgTable(
  'needs_inventory_rounds',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    title: text().notNull(),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    formId: text()
      .notNull()
      .references(() => needsInventoryForms.id),
    coordinatorBodyId: text()
      .notNull()
      .references(() => governanceBodies.id),
    instructions: text().notNull(),
    status: text({ enum: roundStatuses }).notNull(),
    reportedOn: date(),
    // Demo rounds are made up and say so wherever they are shown.
    synthetic: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: text().references(() => users.id),
  },
  (t) => [
    index().on(t.countyCode, t.periodStart),
    check('period_order', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('reported_has_date', sql`(${t.status} = 'reported') = (${t.reportedOn} is not null)`),
  ],
);

/** The units that take part in a round and enter records; their principals take part through them. */
export const needsInventoryRoundUnits = pgTable(
  'needs_inventory_round_units',
  {
    roundId: text()
      .notNull()
      .references(() => needsInventoryRounds.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.unitId] })],
);

export const needLevels = ['none', 'met', 'unmet'] as const;
export type NeedLevel = (typeof needLevels)[number];

/**
 * One de-identified record per person a taking-part unit knows in the target group: bands and keys from the
 * round's form only, no name, no identity number, no date of birth. The note is checked for identity numbers.
 */
export const needsInventoryRecords = pgTable(
  'needs_inventory_records',
  {
    id: text().primaryKey(),
    roundId: text()
      .notNull()
      .references(() => needsInventoryRounds.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    municipalityCode: text().notNull(),
    ageBand: text().notNull(),
    gender: text().notNull(),
    housing: text().notNull(),
    occupation: text().notNull(),
    contacts: jsonb().$type<string[]>().notNull(),
    needs: jsonb().$type<Record<string, NeedLevel>>().notNull(),
    note: text(),
    enteredAt: timestamp({ withTimezone: true }).notNull(),
    enteredByUserId: text().references(() => users.id),
  },
  (t) => [index().on(t.roundId, t.unitId)],
);

/** A user organisation's comment at the interpretation meeting, recorded with the round. */
export const needsInventoryComments = pgTable(
  'needs_inventory_comments',
  {
    id: text().primaryKey(),
    roundId: text()
      .notNull()
      .references(() => needsInventoryRounds.id),
    organisationId: text()
      .notNull()
      .references(() => principals.id),
    text: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    recordedByUserId: text().references(() => users.id),
  },
  (t) => [index().on(t.roundId, t.recordedAt)],
);

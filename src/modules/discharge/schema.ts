import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { persons } from '../../platform/people/schema.ts';
import { counties, principals, units, users } from '../organisations/schema.ts';

// Discharge planning from inpatient care (samverkan vid utskrivning, SPU) under lag (2017:612) om samverkan vid
// utskrivning från sluten hälso- och sjukvård. A stay is person data: read and changed only through the access
// layer with the 'dischargeStay' access rule (access-rule.ts).

export const stayStatuses = ['inCare', 'ready', 'discharged'] as const;
export type StayStatus = (typeof stayStatuses)[number];
/** The units the inpatient unit notifies (the law's "berörda enheter", legalBasis.concernedUnits: 1 kap. 1 §). */
export const concernedKinds = ['socialServices', 'municipalHealthCare', 'regionalOutpatient'] as const;
export type ConcernedKind = (typeof concernedKinds)[number];
export const dayKinds = ['calendar', 'working'] as const;
export type DayKind = (typeof dayKinds)[number];

/** One stay in inpatient care for which the inpatient unit sent an admission notice (inskrivningsmeddelande). */
export const dischargeStays = pgTable(
  'discharge_stays',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    personId: text()
      .notNull()
      .references(() => persons.id),
    // The name as the inpatient unit typed it; every answer about the stay shows this name (as a SIP does).
    personName: text().notNull(),
    inpatientUnitId: text()
      .notNull()
      .references(() => units.id),
    inpatientPrincipalId: text()
      .notNull()
      .references(() => principals.id),
    // The municipality the person lives in: the one that pays once its payment responsibility has begun.
    municipalityPrincipalId: text()
      .notNull()
      .references(() => principals.id),
    admittedAt: timestamp({ withTimezone: true }).notNull(),
    // When the admission notice was sent; later than 24 hours after admission is late.
    noticeSentAt: timestamp({ withTimezone: true }).notNull(),
    expectedReadyOn: date({ mode: 'string' }).notNull(),
    status: text({ enum: stayStatuses }).notNull(),
    // The stay's SIP (plan kind SPU), started through the SIP module, and when it was called.
    sipId: text(),
    sipCalledAt: timestamp({ withTimezone: true }),
    dischargedOn: date({ mode: 'string' }),
    informationTransferredOn: date({ mode: 'string' }),
    // The summary the patient gets at discharge (patientlagen 3 kap. 2 b §).
    summaryCare: text(),
    summarySipPlannedOn: date({ mode: 'string' }),
    summaryExistingPlans: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    index().on(t.countyCode, t.status),
    index().on(t.inpatientUnitId, t.status),
    index().on(t.municipalityPrincipalId),
    index().on(t.personId),
  ],
);

/** A unit the admission notice went to, and what it did: acknowledged, named the fasta vårdkontakt, prepares. */
export const dischargeStayUnits = pgTable(
  'discharge_stay_units',
  {
    stayId: text()
      .notNull()
      .references(() => dischargeStays.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    kind: text({ enum: concernedKinds }).notNull(),
    notifiedAt: timestamp({ withTimezone: true }).notNull(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: text().references(() => users.id),
    // The regional outpatient unit names the patient's fasta vårdkontakt (a member of its staff, and how to reach them).
    fastVardkontakt: text(),
    preparation: text(),
    preparationUpdatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.stayId, t.unitId] }), index().on(t.unitId)],
);

/**
 * The physician's judgement that the patient is ready for discharge (utskrivningsklar), with its date and time,
 * and the moment the concerned units were told; revoking it ends the period. Each period counts on its own.
 */
export const dischargeReadiness = pgTable(
  'discharge_readiness',
  {
    id: text().primaryKey(),
    stayId: text()
      .notNull()
      .references(() => dischargeStays.id),
    judgedAt: timestamp({ withTimezone: true }).notNull(),
    notifiedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: text()
      .notNull()
      .references(() => users.id),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: text().references(() => users.id),
  },
  (t) => [index().on(t.stayId, t.notifiedAt)],
);

/** The expected date as the inpatient unit set and changed it, oldest first. */
export const dischargeExpectedDates = pgTable(
  'discharge_expected_dates',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    stayId: text()
      .notNull()
      .references(() => dischargeStays.id),
    expectedReadyOn: date({ mode: 'string' }).notNull(),
    setAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.stayId)],
);

/**
 * When the municipality's payment responsibility begins and what a day costs, as data with a history: a row is
 * in force from validFrom until the next row of the same county (or of the law, countyCode null) begins. A county
 * without a row of its own on a day has the law's rule on that day. The source cites the paragraph it rests on.
 */
export const dischargePaymentRules = pgTable(
  'discharge_payment_rules',
  {
    id: text().primaryKey(),
    // null: the law's own rule, for a county whose agreement sets none.
    countyCode: text().references(() => counties.code),
    validFrom: date({ mode: 'string' }).notNull(),
    // Responsibility begins this many days (calendar or working) after the day the ready notice was sent.
    daysAfterNotice: integer().notNull(),
    dayKind: text({ enum: dayKinds }).notNull(),
    dailyAmountSek: integer().notNull(),
    // True for an amount that is a demo value, not a figure anyone has checked (the law's row as loaded, since
    // Socialstyrelsen's amount for the year was not verified): every page showing a day at it says so.
    demoAmount: boolean().notNull().default(false),
    source: text().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique().on(t.countyCode, t.validFrom).nullsNotDistinct()],
);

/** A paid day a municipality disputes: a dispute on the county's ladder (disputes module) about that day. */
export const dischargeDayDisputes = pgTable(
  'discharge_day_disputes',
  {
    stayId: text()
      .notNull()
      .references(() => dischargeStays.id),
    day: date({ mode: 'string' }).notNull(),
    disputeId: text().notNull(),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    openedBy: text()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.stayId, t.day] })],
);

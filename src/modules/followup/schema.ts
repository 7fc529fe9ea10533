import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { agreements } from '../agreements/schema.ts';
import { counties, governanceBodies, principals, units, users } from '../organisations/schema.ts';

/**
 * A county's follow-up plan (plan för uppföljning, Örebro "Uppföljning och utvärdering"): the indicators that
 * show how collaboration develops, who follows them up (Värmland: RKPH every year; Örebro: the support
 * structure up to Samverkansrådet), and when the agreement is evaluated after it came into force.
 */
export const followUpPlans = pgTable(
  'follow_up_plans',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    agreementId: text().references(() => agreements.id),
    title: text().notNull(),
    description: text().notNull(),
    // The body that does the annual follow-up and receives the report, or the parties in words.
    responsibleBodyId: text().references(() => governanceBodies.id),
    responsibleText: text(),
    // Örebro: "utvärderas två år efter det att denna överenskommelse trätt i kraft".
    evaluationAfterMonths: integer(),
    source: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.countyCode)],
);

export const indicatorUnits = ['count', 'days', 'percent', 'number'] as const;
export const indicatorSources = ['computed', 'manual'] as const;
export const targetDirections = ['atLeast', 'atMost'] as const;

/**
 * An indicator as data: its name and definition, unit and target, and where its figures come from: computed by
 * Sömlös from the work (`measure` names the computation) or entered by hand from a national source it names.
 */
export const indicators = pgTable(
  'indicators',
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => followUpPlans.id),
    key: text().notNull(),
    position: integer().notNull(),
    name: text().notNull(),
    definition: text().notNull(),
    unit: text({ enum: indicatorUnits }).notNull(),
    source: text({ enum: indicatorSources }).notNull(),
    measure: text(),
    sourceName: text(),
    targetValue: doublePrecision(),
    targetDirection: text({ enum: targetDirections }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.planId, t.key),
    check('computed_has_measure', sql`(${t.source} = 'computed') = (${t.measure} is not null)`),
    check('manual_names_source', sql`${t.source} = 'computed' or ${t.sourceName} is not null`),
    check('target_whole', sql`(${t.targetValue} is null) = (${t.targetDirection} is null)`),
  ],
);

/** A figure entered by hand for a manual indicator: one per period (a year "2025" or a month "2025-03"). */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: text().primaryKey(),
    indicatorId: text()
      .notNull()
      .references(() => indicators.id),
    period: text().notNull(),
    value: doublePrecision().notNull(),
    source: text().notNull(),
    note: text(),
    enteredAt: timestamp({ withTimezone: true }).notNull(),
    enteredByUserId: text().references(() => users.id),
  },
  (t) => [
    unique().on(t.indicatorId, t.period),
    check('period_shape', sql`${t.period} ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'`),
  ],
);

/**
 * The computed figures, precomputed per county by the refresh job: how many observations of a measure fell in a
 * period (a month "2026-03" and its year "2026"), attributed to a unit and its principal, with a bucket (a
 * category, "yes"/"no") or a value (days, for medians). Counts only: no person, no SIP, no case id.
 */
export const indicatorFigures = pgTable(
  'indicator_figures',
  {
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    period: text().notNull(),
    measure: text().notNull(),
    unitId: text().references(() => units.id),
    principalId: text().references(() => principals.id),
    bucket: text().notNull().default(''),
    value: integer(),
    n: integer().notNull(),
  },
  (t) => [index().on(t.countyCode, t.period, t.measure)],
);

/** When a county's figures were last computed; `version` moves with every change a dashboard shows. */
export const indicatorRefreshes = pgTable('indicator_refreshes', {
  countyCode: text()
    .primaryKey()
    .references(() => counties.code),
  refreshedAt: timestamp({ withTimezone: true }),
  version: integer().notNull().default(0),
  // How old the figures may get before the job computes them again.
  everyMinutes: integer().notNull().default(15),
});

/** A dated item of the follow-up: the annual collaboration day, the annual follow-up meeting, and others. */
export const followUpCalendarItems = pgTable(
  'follow_up_calendar_items',
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => followUpPlans.id),
    kind: text({ enum: ['collaborationDay', 'annualFollowUp', 'other'] }).notNull(),
    title: text().notNull(),
    on: date().notNull(),
    note: text(),
  },
  (t) => [index().on(t.planId, t.on)],
);

export const actionPlanOrigins = [
  'deviationCompilation',
  'nationalGuidelines',
  'newLaw',
  'jointAnalysis',
] as const;
export type ActionPlanOrigin = (typeof actionPlanOrigins)[number];
export const actionPlanStatuses = ['planned', 'ongoing', 'completed', 'cancelled'] as const;
export type ActionPlanStatus = (typeof actionPlanStatuses)[number];

/**
 * An action plan (handlingsplan, Örebro "Handlingsplaner"): made from national guidelines, a new law, a joint
 * analysis or a compilation of deviations; owned by a governance body or a principal; time-bound and followed
 * up regularly.
 */
export const actionPlans = pgTable(
  'action_plans',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    title: text().notNull(),
    description: text().notNull(),
    origin: text({ enum: actionPlanOrigins }).notNull(),
    originNote: text().notNull(),
    ownerBodyId: text().references(() => governanceBodies.id),
    ownerPrincipalId: text().references(() => principals.id),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    status: text({ enum: actionPlanStatuses }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: text().references(() => users.id),
  },
  (t) => [
    index().on(t.countyCode, t.status),
    check('one_owner', sql`(${t.ownerBodyId} is null) <> (${t.ownerPrincipalId} is null)`),
    check('ends_after_start', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** An action of a plan: what is done, which unit is responsible, by when; done on a day. */
export const actionPlanActions = pgTable(
  'action_plan_actions',
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => actionPlans.id),
    position: integer().notNull(),
    description: text().notNull(),
    responsibleUnitId: text()
      .notNull()
      .references(() => units.id),
    dueOn: date().notNull(),
    doneOn: date(),
  },
  (t) => [index().on(t.planId, t.position), index().on(t.dueOn)],
);

/** A follow-up note on an action plan: what was found when it was followed up. */
export const actionPlanNotes = pgTable(
  'action_plan_notes',
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => actionPlans.id),
    on: date().notNull(),
    text: text().notNull(),
    byUserId: text().references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.planId, t.at)],
);

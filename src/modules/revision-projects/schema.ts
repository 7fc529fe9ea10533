import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { agreements } from '../agreements/schema.ts';
import { counties, governanceBodies, units, users } from '../organisations/schema.ts';

export const deliverableStatuses = ['planned', 'inProgress', 'delivered'] as const;
export type DeliverableStatus = (typeof deliverableStatuses)[number];
export const changeRequestStatuses = ['proposed', 'approved', 'rejected'] as const;
export type ChangeRequestStatus = (typeof changeRequestStatuses)[number];

/** A directive section: the same shape as an agreement section, so versions compare the same way. */
export type DirectiveSection = { key: string; parentKey: string | null; heading: string; text: string };

/**
 * A revision project (revideringsuppdrag) under a directive (uppdragsdirektiv), as Dalarna's: who commissioned
 * and owns it, who leads it, the steering group that decides changes, the working group and the dates.
 */
export const revisionProjects = pgTable(
  'revision_projects',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    title: text().notNull(),
    // The agreement under revision, when it is in Sömlös.
    agreementId: text().references(() => agreements.id),
    commissioner: text().notNull(),
    owner: text().notNull(),
    projectLeader: text().notNull(),
    // Members of this body decide change requests (Dalarna §7: the steering group of the managers' network).
    steeringBodyId: text()
      .notNull()
      .references(() => governanceBodies.id),
    // The project's own steering group as the directive names it, in words (Dalarna §9: "LPO psykisk hälsa
    // (under formering)"); it is not the body that decides changes to the directive.
    projectSteeringGroup: text(),
    workingGroup: text().notNull(),
    recipients: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.countyCode)],
);

export const revisionPhases = pgTable(
  'revision_phases',
  {
    id: text().primaryKey(),
    projectId: text()
      .notNull()
      .references(() => revisionProjects.id),
    position: integer().notNull(),
    name: text().notNull(),
    description: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
  },
  (t) => [index().on(t.projectId, t.position)],
);

export const revisionDeliverables = pgTable(
  'revision_deliverables',
  {
    id: text().primaryKey(),
    projectId: text()
      .notNull()
      .references(() => revisionProjects.id),
    phaseId: text().references(() => revisionPhases.id),
    position: integer().notNull(),
    name: text().notNull(),
    status: text({ enum: deliverableStatuses }).notNull(),
    dueOn: date(),
  },
  (t) => [index().on(t.projectId, t.position)],
);

/** A progress report (löpande rapport) to the commissioner. */
export const revisionReports = pgTable(
  'revision_reports',
  {
    id: text().primaryKey(),
    projectId: text()
      .notNull()
      .references(() => revisionProjects.id),
    phaseId: text().references(() => revisionPhases.id),
    at: timestamp({ withTimezone: true }).notNull(),
    byUserId: text()
      .notNull()
      .references(() => users.id),
    byUnitId: text()
      .notNull()
      .references(() => units.id),
    text: text().notNull(),
  },
  (t) => [index().on(t.projectId, t.at)],
);

/** Every version of the directive; a decided change request produces the next one. */
export const revisionDirectiveVersions = pgTable(
  'revision_directive_versions',
  {
    projectId: text()
      .notNull()
      .references(() => revisionProjects.id),
    number: integer().notNull(),
    decidedOn: date().notNull(),
    changeRequestId: text(),
    sections: jsonb().$type<DirectiveSection[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.number] })],
);

/** A change to the directive's goals, limits or resources, proposed and then decided by the steering group. */
export const revisionChangeRequests = pgTable(
  'revision_change_requests',
  {
    id: text().primaryKey(),
    projectId: text()
      .notNull()
      .references(() => revisionProjects.id),
    sectionKey: text().notNull(),
    title: text().notNull(),
    proposedText: text().notNull(),
    reason: text().notNull(),
    proposedByUserId: text()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: changeRequestStatuses }).notNull(),
    decidedByUserId: text().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    resultingVersion: integer(),
  },
  (t) => [index().on(t.projectId, t.proposedAt)],
);

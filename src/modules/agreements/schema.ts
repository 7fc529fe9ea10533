import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { counties, principals, users } from '../organisations/schema.ts';

export const agreementKinds = ['county', 'local', 'related'] as const;
export type AgreementKind = (typeof agreementKinds)[number];

/**
 * Where a version is in its life. Only a draft can change; leaving draft publishes it, and from then on the
 * text is fixed: a change is a new version. Adopted and in force are worked out from the parties' decisions
 * and the date (agreements/status.ts), never stored, so they cannot disagree with the decisions.
 */
export const versionStages = ['draft', 'consultation', 'decision'] as const;
export type VersionStage = (typeof versionStages)[number];

/**
 * An agreement (överenskommelse): the county agreement, a local agreement made from the county's template, or
 * a related agreement the county agreement refers to. Text, dates and terms live in its versions.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    kind: text({ enum: agreementKinds }).notNull(),
    title: text().notNull(),
    // A local or related agreement belongs to the county agreement.
    parentAgreementId: text(),
    // A local agreement's reach: a municipality or a county part, in words ("Eskilstuna kommun", "ANP").
    scope: text(),
    // Local agreements are followed up every so many months (Sörmland §22: every second year).
    followUpMonths: integer(),
    lastFollowedUpOn: date(),
    // A related agreement's date as its county agreement gives it ("1997/2013-11-15", "2016").
    dateNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    // A party's notice (uppsägning): it ends the agreement at the end of the period its notice period allows.
    noticeGivenOn: date(),
    noticeGivenByPrincipalId: text().references(() => principals.id),
    noticeRecordedByUserId: text().references(() => users.id),
  },
  (t) => [index().on(t.countyCode, t.kind), index().on(t.parentAgreementId)],
);

/** The parties: principals and user organisations that adopt the agreement. */
export const agreementParties = pgTable(
  'agreement_parties',
  {
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    principalId: text()
      .notNull()
      .references(() => principals.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.principalId] })],
);

/** One version of an agreement's text and terms. Validity terms are the version's, as each revision may change them. */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    id: text().primaryKey(),
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    number: integer().notNull(),
    stage: text({ enum: versionStages }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: text().references(() => users.id),
    publishedOn: date(),
    // What this version changes, in the drafter's words.
    changeNote: text(),
    startsOn: date(),
    endsOn: date(),
    noticeMonths: integer(),
    extensionMonths: integer(),
    noticeRecipient: text(),
  },
  (t) => [
    unique().on(t.agreementId, t.number),
    check(
      'ends_after_start',
      sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`,
    ),
  ],
);

/**
 * A section of one version: heading and text, nested by parent key. The key is kept when a new version is
 * drafted from an older one, so two versions can be compared section by section.
 */
export const agreementSections = pgTable(
  'agreement_sections',
  {
    id: text().primaryKey(),
    versionId: text()
      .notNull()
      .references(() => agreementVersions.id),
    key: text().notNull(),
    parentKey: text(),
    position: integer().notNull(),
    heading: text().notNull(),
    text: text().notNull(),
  },
  (t) => [unique().on(t.versionId, t.key), index().on(t.versionId, t.position)],
);

/** A party's decision to adopt a version: in which body, on which day, under which reference. */
export const agreementAdoptions = pgTable(
  'agreement_adoptions',
  {
    versionId: text()
      .notNull()
      .references(() => agreementVersions.id),
    principalId: text()
      .notNull()
      .references(() => principals.id),
    decidedOn: date().notNull(),
    body: text().notNull(),
    reference: text().notNull(),
    recordedByUserId: text().references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.principalId] })],
);

/** A consultation (remiss) on a published version, open to the chosen organisations until a date. */
export const agreementConsultations = pgTable('agreement_consultations', {
  versionId: text()
    .primaryKey()
    .references(() => agreementVersions.id),
  closesOn: date().notNull(),
  openedByUserId: text()
    .notNull()
    .references(() => users.id),
  openedAt: timestamp({ withTimezone: true }).notNull(),
});

export const agreementConsultationInvitees = pgTable(
  'agreement_consultation_invitees',
  {
    versionId: text()
      .notNull()
      .references(() => agreementConsultations.versionId),
    principalId: text()
      .notNull()
      .references(() => principals.id),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.principalId] })],
);

/** A comment on one section from an invited organisation, and the answer every comment gets. */
export const agreementComments = pgTable(
  'agreement_comments',
  {
    id: text().primaryKey(),
    versionId: text()
      .notNull()
      .references(() => agreementConsultations.versionId),
    sectionKey: text().notNull(),
    principalId: text()
      .notNull()
      .references(() => principals.id),
    userId: text()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    answer: text(),
    answeredByUserId: text().references(() => users.id),
    answeredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.versionId, t.at)],
);

/** The county's template for local agreements: headings with guidance, in order (Sörmland §2, bil. 1). */
export const agreementTemplateHeadings = pgTable(
  'agreement_template_headings',
  {
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    position: integer().notNull(),
    heading: text().notNull(),
    guidance: text().notNull(),
    source: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.position] })],
);

import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { principals, units, users } from '../organisations/schema.ts';
import { persons } from '../people/schema.ts';

export const sipStatuses = ['requested', 'active', 'closed'] as const;
export const closureReasons = ['goalsMet', 'consentWithdrawn', 'moved', 'deceased', 'other'] as const;
export const consentForms = ['written', 'verbal'] as const;
export const invitationStatuses = ['pending', 'accepted', 'declined'] as const;

/**
 * A coordinated individual plan (SIP) and its request. Person data: read and changed only through the
 * access layer with the 'sip' access rule (access-rule.ts).
 */
export const sips = pgTable(
  'sips',
  {
    id: text().primaryKey(),
    countyCode: text().notNull(),
    personId: text()
      .notNull()
      .references(() => persons.id),
    conveningUnitId: text()
      .notNull()
      .references(() => units.id),
    conveningPrincipalId: text()
      .notNull()
      .references(() => principals.id),
    reason: text().notNull(),
    status: text({ enum: sipStatuses }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    closureReason: text({ enum: closureReasons }),
    closureNote: text(),
    closedOn: date({ mode: 'string' }),
  },
  (t) => [
    index().on(t.conveningUnitId, t.createdAt),
    index().on(t.personId),
    index().on(t.countyCode, t.status),
  ],
);

/** The person's consent; one per SIP. Withdrawal closes the SIP and stops sharing at once. */
export const sipConsents = pgTable('sip_consents', {
  sipId: text()
    .primaryKey()
    .references(() => sips.id),
  givenOn: date({ mode: 'string' }).notNull(),
  form: text({ enum: consentForms }).notNull(),
  relativesMayTakePart: boolean().notNull(),
  withdrawnOn: date({ mode: 'string' }),
  recordedAt: timestamp({ withTimezone: true }).notNull(),
  recordedBy: text()
    .notNull()
    .references(() => users.id),
});

/** The principals between which the person agreed that information is shared. */
export const sipConsentPrincipals = pgTable(
  'sip_consent_principals',
  {
    sipId: text()
      .notNull()
      .references(() => sips.id),
    principalId: text()
      .notNull()
      .references(() => principals.id),
  },
  (t) => [primaryKey({ columns: [t.sipId, t.principalId] }), index().on(t.principalId)],
);

/** A kallelse to a unit of another principal, and its answer. */
export const sipInvitations = pgTable(
  'sip_invitations',
  {
    id: text().primaryKey(),
    sipId: text()
      .notNull()
      .references(() => sips.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    meetingAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: invitationStatuses }).notNull(),
    declineReason: text(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: text().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.unitId, t.status), index().on(t.sipId)],
);

export type PlanContent = {
  interventions: (
    | { description: string; responsibleUnitId: string }
    | { description: string; externalActor: string }
  )[];
  overallResponsibility: { unitId: string };
  goals: string[];
  personsOwnWords: string;
  followUpOn: string;
  childrenConsidered: boolean | null;
};

/** Every saved plan is a version; the newest is the plan. */
export const sipPlanVersions = pgTable(
  'sip_plan_versions',
  {
    sipId: text()
      .notNull()
      .references(() => sips.id),
    version: integer().notNull(),
    content: jsonb().$type<PlanContent>().notNull(),
    savedAt: timestamp({ withTimezone: true }).notNull(),
    savedBy: text()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.sipId, t.version] })],
);

/** The units named in the current plan (responsible or overall), so access can be checked in SQL. */
export const sipPlanUnits = pgTable(
  'sip_plan_units',
  {
    sipId: text()
      .notNull()
      .references(() => sips.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.sipId, t.unitId] }), index().on(t.unitId)],
);

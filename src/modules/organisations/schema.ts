import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

export const principalKinds = ['region', 'municipality', 'userOrganisation', 'privateProvider'] as const;
export type PrincipalKind = (typeof principalKinds)[number];

export const roles = [
  'staff',
  'manager',
  'governance',
  'agreementAdmin',
  'logReviewer',
  'countyAdmin',
] as const;
export type Role = (typeof roles)[number];

export const governanceBodyKinds = [
  'steeringGroup',
  'workingGroup',
  'preparationGroup',
  'managementGroup',
  'politicalCouncil',
  'network',
  'developmentGroup',
  'committee',
  'followUpGroup',
] as const;
export type GovernanceBodyKind = (typeof governanceBodyKinds)[number];

/** A county (län). The county code is SCB's two-digit code, kept as text ("04"). */
/** What a county matches an e-ID login to an account by: the HSA-id in the ID token, or the identity number. */
export const eidMatches = ['hsaId', 'identityNumber'] as const;
export type EidMatch = (typeof eidMatches)[number];

export const counties = pgTable('counties', {
  code: text().primaryKey(),
  name: text().notNull(),
  // The agreement's target group; null minimum age means all ages.
  targetGroupMinAge: integer(),
  targetGroupDescription: text().notNull(),
  // Rules as data: working days an invited unit has to answer a SIP invitation.
  invitationAnswerWorkingDays: integer().notNull().default(3),
  // Calendar days a manager has to answer a deviation, and a governance body to decide one that reached it.
  deviationAnswerDays: integer().notNull().default(30),
  // Calendar days after consent within which a SIP meeting should be convened; later, a deviation is suggested.
  sipConveneDays: integer().notNull().default(30),
  // Months before an agreement's notice deadline at which its administrators are warned (largest first).
  agreementWarningMonths: integer().array().notNull().default(sql`'{6,3}'::integer[]`),
  // Whether accounts of the county may log in with a password; e-ID (OIDC_PROVIDERS) is the normal way in.
  passwordLogin: boolean().notNull().default(true),
  // What an e-ID login is matched to an account by: its HSA-id, or its holder's identity number (decision 0018).
  eidMatch: text({ enum: eidMatches }).notNull().default('hsaId'),
});

/** A principal (huvudman): the region, a municipality, a user organisation or a contracted private provider. */
export const principals = pgTable(
  'principals',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    kind: text({ enum: principalKinds }).notNull(),
    name: text().notNull(),
    // SCB's four-digit municipality code, text because it may start with 0 ("0428").
    municipalityCode: text().unique(),
    // A private provider is covered by the agreement like the principal that contracted it.
    contractedByPrincipalId: text(),
  },
  (t) => [
    index().on(t.countyCode),
    check(
      'municipality_code_shape',
      sql`${t.municipalityCode} is null or ${t.municipalityCode} ~ '^[0-9]{4}$'`,
    ),
    check('municipality_has_code', sql`(${t.kind} = 'municipality') = (${t.municipalityCode} is not null)`),
  ],
);

/**
 * What a unit is: a care or support unit (vård- eller stödenhet) works with people and may be a party to a SIP
 * or a needs inventory; a governance body's unit and an administrative unit (the county's common administration,
 * patient safety) never are. The one filter over it is unit-kinds.ts (careParty).
 */
export const unitKinds = ['care', 'governance', 'administration'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** A unit (enhet/verksamhet) of a principal; staff belong to one unit. */
export const units = pgTable(
  'units',
  {
    id: text().primaryKey(),
    principalId: text()
      .notNull()
      .references(() => principals.id),
    name: text().notNull(),
    kind: text({ enum: unitKinds }).notNull().default('care'),
    active: boolean().notNull().default(true),
    // A closed unit keeps its row, so SIPs, deviations and the access log still name it.
    closedAt: timestamp({ withTimezone: true }),
    successorUnitId: text(),
    // The unit's HSA-id in Inera's HSA catalogue (hsa-id.ts), where it has one.
    hsaId: text().unique(),
    // The unit's functional mailbox: notices of work for the unit are mailed there (notifications module).
    functionalMailbox: text(),
  },
  (t) => [unique().on(t.principalId, t.name)],
);

/**
 * A unit's earlier names and principals: one row per rename or move, holding what the unit was called (and
 * whose it was) until that moment. A record from before the change shows the unit as it was then.
 */
export const unitChanges = pgTable(
  'unit_changes',
  {
    id: text().primaryKey(),
    unitId: text()
      .notNull()
      .references(() => units.id),
    changedAt: timestamp({ withTimezone: true }).notNull(),
    previousName: text().notNull(),
    previousPrincipalId: text()
      .notNull()
      .references(() => principals.id),
  },
  (t) => [index().on(t.unitId, t.changedAt)],
);

export const users = pgTable('users', {
  id: text().primaryKey(),
  username: text().notNull().unique(),
  name: text().notNull(),
  // Where password links are sent; lower case. Optional for accounts made before e-mail was kept.
  email: text().unique(),
  unitId: text()
    .notNull()
    .references(() => units.id),
  passwordHash: text().notNull(),
  // Never deleted: the access log and the administration log refer to the account.
  active: boolean().notNull().default(true),
  deactivatedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  // The person's HSA-id (hsa-id.ts): an e-ID login is matched to the account by it.
  hsaId: text().unique(),
  // In a county that matches e-ID logins by identity number: the holder's personnummer or samordningsnummer as
  // a keyed hash (HMAC-SHA-256, platform/auth/identity-number-hash.ts), never the number itself.
  identityNumberHash: text().unique(),
  // The last login and how: 'password' or 'eid:<provider id>' (sessions.loginMethod).
  lastLoginAt: timestamp({ withTimezone: true }),
  lastLoginMethod: text(),
});

export const userRoles = pgTable(
  'user_roles',
  {
    userId: text()
      .notNull()
      .references(() => users.id),
    role: text({ enum: roles }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** A governance body (styrgrupp, arbetsgrupp, beredningsgrupp, råd ...) of a county. */
export const governanceBodies = pgTable(
  'governance_bodies',
  {
    id: text().primaryKey(),
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    name: text().notNull(),
    shortName: text(),
    kind: text({ enum: governanceBodyKinds }).notNull(),
    description: text().notNull(),
    // Where the seed says so, e.g. "Värmland, Tvister".
    source: text(),
  },
  (t) => [unique().on(t.countyCode, t.name)],
);

export const governanceBodyMembers = pgTable(
  'governance_body_members',
  {
    bodyId: text()
      .notNull()
      .references(() => governanceBodies.id),
    userId: text()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.userId] })],
);

/**
 * The principals a body covers. A county-wide body needs no rows; a county-part body (Örebro's
 * länsdelsgrupper, Sörmland's ANP/AVP/ASPF) lists its municipalities so that an escalation reaches
 * the body of the part concerned.
 */
export const governanceBodyCoverage = pgTable(
  'governance_body_coverage',
  {
    bodyId: text()
      .notNull()
      .references(() => governanceBodies.id),
    principalId: text()
      .notNull()
      .references(() => principals.id),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.principalId] })],
);

export const caseKinds = ['deviation', 'dispute'] as const;
export type CaseKind = (typeof caseKinds)[number];

/**
 * One rung of a county's escalation ladder, one ladder for deviations and one for disputes. Level 1 is the
 * managers of the principals concerned and has no bodies; each higher level names the bodies that take the
 * case there.
 */
export const escalationLevels = pgTable(
  'escalation_levels',
  {
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    caseKind: text({ enum: caseKinds }).notNull(),
    level: integer().notNull(),
    label: text().notNull(),
    source: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.caseKind, t.level] }),
    check('level_positive', sql`${t.level} >= 1`),
  ],
);

export const escalationLevelBodies = pgTable(
  'escalation_level_bodies',
  {
    countyCode: text().notNull(),
    caseKind: text({ enum: caseKinds }).notNull(),
    level: integer().notNull(),
    bodyId: text()
      .notNull()
      .references(() => governanceBodies.id),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.caseKind, t.level, t.bodyId] })],
);

/**
 * The unit whose managers receive deviations and disputes addressed to a principal (level 1 of the ladder).
 * Without a row, the principal's first unit with an active manager receives them.
 */
export const caseReceivers = pgTable('case_receivers', {
  principalId: text()
    .primaryKey()
    .references(() => principals.id),
  unitId: text()
    .notNull()
    .references(() => units.id),
});

/** A county's categories of deviations and of disputes, as data; a retired category stays for old cases. */
export const caseCategories = pgTable(
  'case_categories',
  {
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    caseKind: text({ enum: caseKinds }).notNull(),
    key: text().notNull(),
    label: text().notNull(),
    position: integer().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.caseKind, t.key] })],
);

/**
 * The path a deviation or dispute will climb, copied from the county's ladder when the case is opened, with
 * each level's bodies chosen for the principals involved. A later change to the ladder applies to new cases;
 * a case on its way keeps the path it started with.
 */
export const escalationPathLevels = pgTable(
  'escalation_path_levels',
  {
    caseKind: text({ enum: caseKinds }).notNull(),
    caseId: text().notNull(),
    level: integer().notNull(),
    label: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseKind, t.caseId, t.level] })],
);

export const escalationPathBodies = pgTable(
  'escalation_path_bodies',
  {
    caseKind: text({ enum: caseKinds }).notNull(),
    caseId: text().notNull(),
    level: integer().notNull(),
    bodyId: text()
      .notNull()
      .references(() => governanceBodies.id),
  },
  (t) => [
    primaryKey({ columns: [t.caseKind, t.caseId, t.level, t.bodyId] }),
    // A body's list: the cases whose path passes through it.
    index().on(t.bodyId, t.caseKind, t.caseId),
  ],
);

/** Roles that read person data: granting one is recorded for the principal whose data it opens. */
export const readingRoles = ['staff', 'manager', 'logReviewer'] as const satisfies readonly Role[];

export const roleGrantChanges = [
  'accountCreated',
  'rolesGranted',
  'movedToPrincipal',
  'unitMoved',
  'reactivated',
  'emailChanged',
  'hsaIdChanged',
  'identityNumberChanged',
] as const;
export type RoleGrantChange = (typeof roleGrantChanges)[number];

/**
 * What an administrator did that lets an account read a principal's person data: a reading role given, the
 * account (or its unit) moved to the principal, a deactivated reader let in again, or a reader's e-mail (where
 * its password links go), HSA-id or identity number (by which e-ID logs it in) changed. The principal's log
 * reviewers see it beside the access log. Append-only: a trigger (migration 0011) refuses UPDATE, DELETE and
 * TRUNCATE. Names are copied in, like the access log's.
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    countyCode: text().notNull(),
    principalId: text().notNull(),
    change: text({ enum: roleGrantChanges }).notNull(),
    roles: text().array().notNull(),
    adminUserId: text().notNull(),
    adminUsername: text().notNull(),
    adminName: text().notNull(),
    accountUserId: text().notNull(),
    accountUsername: text().notNull(),
    accountName: text().notNull(),
    unitId: text().notNull(),
    unitName: text().notNull(),
    fromPrincipalId: text(),
  },
  (t) => [index().on(t.principalId, t.at)],
);

/**
 * A setting loaded from a county's reference data that its seed does not name (counties.ts marks it
 * `assumed`): a body's name or coverage, a rung of the ladder. Shown to the county's administrators as the
 * county's own setting to confirm until one of them confirms it (who and when here, and in the admin log).
 */
export const countySettingsToConfirm = pgTable(
  'county_settings_to_confirm',
  {
    countyCode: text()
      .notNull()
      .references(() => counties.code),
    // "ladder-2", "body-lansdel-norr": stable, and safe in an address.
    key: text().notNull(),
    label: text().notNull(),
    // What the seed does not say, in Swedish.
    assumption: text().notNull(),
    position: integer().notNull(),
    confirmedAt: timestamp({ withTimezone: true }),
    confirmedByUserId: text().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.countyCode, t.key] })],
);

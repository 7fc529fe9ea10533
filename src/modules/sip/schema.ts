import {
  bigserial,
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
import { persons } from '../../platform/people/schema.ts';
import { principals, units, users } from '../organisations/schema.ts';

export const sipStatuses = ['requested', 'active', 'closed'] as const;
// noConsent closes a request the person did not consent to ("samtycke saknas").
export const closureReasons = [
  'goalsMet',
  'consentWithdrawn',
  'noConsent',
  'moved',
  'deceased',
  'other',
] as const;
export const consentForms = ['written', 'verbal'] as const;
/**
 * In what capacity someone gave (or changed) a consent: the person themself; a guardian (vårdnadshavare) for a
 * child; a legal representative, a god man or förvaltare whose mandate covers it, for an adult (change-consent.ts).
 */
export const consentCapacities = ['person', 'guardian', 'legalRepresentative'] as const;
export type ConsentCapacity = (typeof consentCapacities)[number];
export const invitationStatuses = ['pending', 'accepted', 'declined'] as const;
/** Who asked for the SIP: staff, the person, a relative, a guardian (vårdnadshavare), a trustee (god man, förvaltare). */
export const requesters = ['staff', 'person', 'relative', 'guardian', 'trustee'] as const;
/** Who took part in the decision to consent. */
export const decisionParticipants = ['person', 'relative', 'guardian', 'trustee', 'staff'] as const;
export const externalParticipantKinds = [
  'forsakringskassan',
  'arbetsformedlingen',
  'school',
  'trustee',
  'relative',
  'other',
] as const;
export const interventionOutcomes = ['done', 'ongoing', 'notDone'] as const;
/**
 * The kind of plan, as Inera's care-plan type codes (GetCarePlans): SIP (hälso- och sjukvårdslagen 16 kap. 4 §,
 * socialtjänstlagen), SPLPTLRV (samordnad vårdplan for open compulsory care, LPT 7 a §, LRV 12 a §) and SPU
 * (samordnad plan vid utskrivning; only the kind here, its process is its own).
 */
export const planKinds = ['SIP', 'SPLPTLRV', 'SPU'] as const;
export type PlanKind = (typeof planKinds)[number];
export const interventionStatuses = ['planned', 'ongoing', 'ended', 'cancelled'] as const;
/** At closure: were the plan's goals met (helt, delvis, inte). */
export const goalsMetAnswers = ['fully', 'partly', 'not'] as const;
/** How the person took part in a meeting. */
export const personsParticipations = ['present', 'remote', 'represented', 'absent'] as const;
export const meetingParticipantKinds = ['unit', 'relative', 'external'] as const;
/** The kind of a placement outside the home (Värmland's placements section, Sörmland §9); labels in placement.ts. */
export const placementKinds = ['hvb', 'familyHome', 'supportedHousing', 'other'] as const;
export type PlacementKind = (typeof placementKinds)[number];

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
    // The person's name as the convening unit entered it. Every answer about this SIP shows this name, never the
    // one another SIP registered, so starting a SIP cannot reveal that the person was known before.
    personName: text().notNull(),
    conveningUnitId: text()
      .notNull()
      .references(() => units.id),
    conveningPrincipalId: text()
      .notNull()
      .references(() => principals.id),
    reason: text().notNull(),
    requestedBy: text({ enum: requesters }),
    // Whether the person has or lives with children; null when not stated. The plan must then consider them.
    hasChildren: boolean(),
    planKind: text({ enum: planKinds }).notNull().default('SIP'),
    status: text({ enum: sipStatuses }).notNull(),
    // Copied from the current plan and the latest follow-up, so lists and "Mitt arbete" filter in SQL.
    overallUnitId: text().references(() => units.id),
    followUpDueOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    closureReason: text({ enum: closureReasons }),
    closureNote: text(),
    closedOn: date({ mode: 'string' }),
    // The evaluation at closure: were the goals met, and what the person says.
    evaluationGoalsMet: text({ enum: goalsMetAnswers }),
    evaluationPersonsView: text(),
  },
  (t) => [
    index().on(t.conveningUnitId, t.createdAt),
    index().on(t.personId),
    index().on(t.countyCode, t.status),
    index().on(t.overallUnitId, t.followUpDueOn),
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
  decisionParticipants: jsonb().$type<(typeof decisionParticipants)[number][]>().notNull().default([]),
  // Parties outside the county's principals that may share information, e.g. Försäkringskassan.
  otherParties: jsonb().$type<string[]>().notNull().default([]),
  // For a person under 18: the guardians (vårdnadshavare) who consented on the child's behalf, by name.
  guardians: jsonb().$type<{ name: string }[]>().notNull().default([]),
  // Who gave the consent: in what capacity, and the guardian's or representative's name (null for the person).
  givenBy: text({ enum: consentCapacities }).notNull().default('person'),
  givenByName: text(),
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
    // The order invitations were sent in: the answer to a unit's newest answered invitation decides whether it
    // takes part (access-rule.ts), also when several were sent or answered at the same instant.
    seq: bigserial({ mode: 'number' }).notNull(),
    sipId: text()
      .notNull()
      .references(() => sips.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    meetingAt: timestamp({ withTimezone: true }).notNull(),
    place: text(),
    videoLink: text(),
    externalParticipants: jsonb().$type<ExternalParticipant[]>().notNull().default([]),
    // The last day to answer: the county's number of working days after the invitation was sent.
    answerBy: date({ mode: 'string' }).notNull(),
    remindedAt: timestamp({ withTimezone: true }),
    status: text({ enum: invitationStatuses }).notNull(),
    declineReason: text(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: text().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.unitId, t.status),
    index().on(t.sipId),
    index().on(t.status, t.answerBy),
    index().on(t.sipId, t.unitId, t.seq),
  ],
);

export type ExternalParticipant = { kind: (typeof externalParticipantKinds)[number]; note: string };

/** An intervention's when, status and the person's view; absent in plans saved before they existed. */
export type InterventionDetails = {
  startsOn?: string | null;
  // Null (or absent): "tills vidare", until further notice.
  endsOn?: string | null;
  status?: (typeof interventionStatuses)[number];
  personsView?: string | null;
};

export type PlanContent = {
  interventions: ((
    | { description: string; responsibleUnitId: string }
    | { description: string; externalActor: string }
  ) &
    InterventionDetails)[];
  overallResponsibility: { unitId: string };
  goals: string[];
  personsOwnWords: string;
  followUpOn: string;
  childrenConsidered: boolean | null;
  // How the children's need of information, advice and support was considered (required when they exist).
  childrenNote?: string;
  // The plan is also the coordinated care plan (samordnad vårdplan) for open compulsory care under LPT or LRV.
  compulsoryCare?: { law: 'LPT' | 'LRV' } | null;
  // Whether relatives took part in drawing the plan up (asked of an LPT/LRV plan, LPT 7 a §, LRV 12 a §).
  relativesTookPart?: boolean | null;
  // Why the plan is made with fewer than two principals in the consent (a SIP is otherwise between principals).
  singlePrincipalReason?: string | null | undefined;
  // A placement outside the home, when the plan has one (placement.ts); absent in plans saved before it existed.
  placement?: Placement | null;
};

/**
 * A placement outside the home as the plan records it: the joint planning before it (when, and which units of the
 * SIP took part), its goal, when and how it is followed up, the planning for return home, and each principal's
 * share of the cost by the county's responsibility list, in per cent.
 */
export type Placement = {
  kind: PlacementKind;
  // Where: the home, family home or other place, as the units name it.
  place?: string | null;
  startsOn: string;
  jointPlanning: { heldOn: string; unitIds: string[] };
  goal: string;
  followUp: { on: string; how: string };
  returnHome: string;
  costSplit: { principalId: string; percent: number }[];
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

export type InterventionOutcome = {
  index: number;
  description: string;
  outcome: (typeof interventionOutcomes)[number];
  comment: string;
};

/** A follow-up meeting: the outcome of each intervention of the plan version followed up, and the next date. */
export const sipFollowUps = pgTable(
  'sip_follow_ups',
  {
    id: text().primaryKey(),
    sipId: text()
      .notNull()
      .references(() => sips.id),
    heldOn: date({ mode: 'string' }).notNull(),
    planVersion: integer().notNull(),
    outcomes: jsonb().$type<InterventionOutcome[]>().notNull(),
    nextFollowUpOn: date({ mode: 'string' }),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: text()
      .notNull()
      .references(() => users.id),
  },
  (t) => [index().on(t.sipId, t.heldOn)],
);

/**
 * The needs assessment (kartläggning) before the plan: each taking-part unit records the person's situation per
 * life area (life-areas.ts), with strengths and what the person wants. One row per SIP, unit and area.
 */
export const sipAssessments = pgTable(
  'sip_assessments',
  {
    sipId: text()
      .notNull()
      .references(() => sips.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    area: text().notNull(),
    situation: text().notNull(),
    strengths: text().notNull().default(''),
    wishes: text().notNull().default(''),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: text()
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.sipId, t.unitId, t.area] })],
);

export type MeetingParticipant =
  | { kind: 'unit'; unitId: string; role: string; attended: boolean }
  | { kind: 'relative' | 'external'; name: string; role: string; attended: boolean };

/** A SIP meeting as held: who took part and who was absent, how the person took part, short notes. */
export const sipMeetings = pgTable(
  'sip_meetings',
  {
    id: text().primaryKey(),
    sipId: text()
      .notNull()
      .references(() => sips.id),
    heldOn: date({ mode: 'string' }).notNull(),
    personsParticipation: text({ enum: personsParticipations }).notNull(),
    participants: jsonb().$type<MeetingParticipant[]>().notNull(),
    notes: text().notNull().default(''),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: text()
      .notNull()
      .references(() => users.id),
  },
  (t) => [index().on(t.sipId, t.heldOn)],
);

export const consentChangeKinds = [
  'principalAdded',
  'principalWithdrawn',
  'withdrawn',
  'relativesAllowed',
  'relativesRefused',
] as const;
/** Who recorded a change of consent: staff of the convening unit, or the person themself with e-ID (issue 26). */
export const consentChangeActors = ['staff', 'person'] as const;

/**
 * Every change of a consent after it was given, in order, each a new version of it: a principal added, sharing
 * withdrawn from one principal or from all, relatives allowed or not, with who gave it. The consent itself
 * (sip_consents, sip_consent_principals) is always the state now; this is its history, shown to the person and to
 * the convening unit. A change by the person names no user: `method` says how they were identified
 * ('eid:<provider id>').
 */
export const sipConsentChanges = pgTable(
  'sip_consent_changes',
  {
    id: text().primaryKey(),
    seq: bigserial({ mode: 'number' }).notNull(),
    sipId: text()
      .notNull()
      .references(() => sips.id),
    kind: text({ enum: consentChangeKinds }).notNull(),
    principalId: text().references(() => principals.id),
    changedOn: date({ mode: 'string' }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    actor: text({ enum: consentChangeActors }).notNull(),
    recordedBy: text().references(() => users.id),
    method: text(),
    // Who gave the change, as for the consent; null for a change recorded before it was asked (issue 22).
    givenBy: text({ enum: consentCapacities }),
    givenByName: text(),
  },
  (t) => [index().on(t.sipId, t.seq)],
);

/**
 * Who takes part in a SIP, as the access rule reads it (issue 27): a unit that takes part × a principal the consent
 * in force covers; a user passes when a row names their unit and principal. Written only by recordParticipation.
 */
export const sipParticipants = pgTable(
  'sip_participants',
  {
    sipId: text()
      .notNull()
      .references(() => sips.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    principalId: text()
      .notNull()
      .references(() => principals.id),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.principalId, t.sipId] }), index().on(t.sipId)],
);

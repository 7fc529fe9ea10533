import { z } from 'zod';
import { isoDate as isoDateOf } from '../../platform/clock.ts';
import { ageOn } from '../../platform/people/identity-number.ts';
import { type Person, presentPerson } from '../../platform/people/present.ts';
import { lifeAreaCodes, lifeAreaRank } from './life-areas.ts';
import type { SipAggregate } from './load.ts';
import {
  closureReasons,
  consentCapacities,
  consentChangeActors,
  consentChangeKinds,
  consentForms,
  decisionParticipants,
  externalParticipantKinds,
  goalsMetAnswers,
  interventionOutcomes,
  interventionStatuses,
  invitationStatuses,
  meetingParticipantKinds,
  type PlanContent,
  personsParticipations,
  placementKinds,
  planKinds,
  requesters,
  sipStatuses,
} from './schema.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const invitationSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  meetingAt: z.string(),
  place: z.string().nullable(),
  videoLink: z.string().nullable(),
  externalParticipants: z.array(z.object({ kind: z.enum(externalParticipantKinds), note: z.string() })),
  answerBy: isoDate,
  reminded: z.boolean(),
  status: z.enum(invitationStatuses),
  answer: z
    .object({ accepted: z.boolean(), reason: z.string().nullable(), answeredAt: z.string() })
    .nullable(),
});

// Added (issue 22): when, status and the person's view; a plan saved before them reads planned, open-ended.
const interventionDetails = {
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable().meta({ description: 'null: tills vidare (until further notice)' }),
  status: z.enum(interventionStatuses),
  personsView: z.string().nullable().meta({ description: "the person's own view of the intervention" }),
};
const intervention = z.union([
  z.object({ description: z.string(), responsibleUnitId: z.string(), ...interventionDetails }),
  z.object({ description: z.string(), externalActor: z.string(), ...interventionDetails }),
]);

const placementSchema = z
  .object({
    kind: z.enum(placementKinds),
    place: z.string().nullable(),
    startsOn: isoDate,
    jointPlanning: z.object({
      heldOn: isoDate,
      unitIds: z.array(z.string()).meta({ description: 'the units of the SIP that planned it together' }),
    }),
    goal: z.string(),
    followUp: z.object({ on: isoDate, how: z.string() }),
    returnHome: z.string().meta({ description: 'the planning for the return home (hemtagning)' }),
    costSplit: z.array(z.object({ principalId: z.string(), percent: z.number().int() })).meta({
      description: "each principal's share of the cost in per cent, by the county's responsibility list",
    }),
  })
  .meta({ description: 'a placement outside the home (Värmland; Sörmland §9); null when the plan has none' });

export const planSchema = z.object({
  version: z.number().int(),
  savedAt: isoDate,
  interventions: z.array(intervention),
  overallResponsibility: z.object({ unitId: z.string() }),
  goals: z.array(z.string()),
  personsOwnWords: z.string(),
  followUpOn: isoDate,
  childrenConsidered: z.boolean().nullable(),
  childrenNote: z.string().nullable(),
  compulsoryCare: z.object({ law: z.enum(['LPT', 'LRV']) }).nullable(),
  relativesTookPart: z
    .boolean()
    .nullable()
    .meta({ description: 'whether relatives took part in drawing the plan up (asked of an SPLPTLRV plan)' }),
  singlePrincipalReason: z.string().nullable(),
  placement: placementSchema.nullable(),
});

const assessmentSchema = z.object({
  unitId: z.string(),
  recordedAt: isoDate,
  areas: z.array(
    z.object({
      area: z.enum(lifeAreaCodes),
      situation: z.string(),
      strengths: z.string(),
      wishes: z.string(),
    }),
  ),
});

const meetingSchema = z.object({
  id: z.string(),
  heldOn: isoDate,
  personsParticipation: z.enum(personsParticipations),
  participants: z.array(
    z.object({
      kind: z.enum(meetingParticipantKinds),
      unitId: z.string().optional(),
      name: z.string().optional(),
      role: z.string(),
      attended: z.boolean(),
    }),
  ),
  notes: z.string(),
});

const followUpSchema = z.object({
  id: z.string(),
  heldOn: isoDate,
  planVersion: z.number().int(),
  outcomes: z.array(
    z.object({
      index: z.number().int(),
      description: z.string(),
      outcome: z.enum(interventionOutcomes),
      comment: z.string(),
    }),
  ),
  nextFollowUpOn: isoDate.nullable(),
});

const giverSchema = z
  .object({
    capacity: z.enum(consentCapacities),
    name: z.string().nullable().meta({ description: "the guardian's or legal representative's name" }),
  })
  .meta({ description: 'who gave it: the person, a guardian (for a child) or a legal representative' });

const consentChangeSchema = z.object({
  version: z.number().int().meta({ description: 'the version of the consent this change made' }),
  kind: z.enum(consentChangeKinds),
  principalId: z.string().nullable().meta({ description: 'the principal added or withdrawn' }),
  changedOn: isoDate,
  givenBy: giverSchema.nullable().meta({ description: 'null for a change recorded before it was asked' }),
  recordedBy: z
    .enum(consentChangeActors)
    .meta({ description: 'the convening unit (staff), or the person with e-ID on their own pages' }),
});

/** API.md's Sip. */
export const sipSchema = z.object({
  id: z.string(),
  status: z.enum(sipStatuses),
  countyCode: z.string(),
  person: z.object({
    id: z.string(),
    name: z.string(),
    personalIdentityNumber: z.string(),
    protectedIdentity: z.boolean(),
  }),
  convening: z.object({ unitId: z.string(), principalId: z.string() }),
  reason: z.string(),
  requestedBy: z.enum(requesters).nullable(),
  hasChildren: z.boolean().nullable(),
  planKind: z.enum(planKinds).meta({ description: "Inera's care-plan type code" }),
  chiefPhysicianUnitId: z
    .string()
    .nullable()
    .meta({ description: "SPLPTLRV: the responsible chief physician's unit, which convenes the plan" }),
  consent: z
    .object({
      givenAt: isoDate,
      form: z.enum(consentForms),
      principalIds: z.array(z.string()),
      relativesMayTakePart: z.boolean(),
      decisionParticipants: z.array(z.enum(decisionParticipants)),
      otherParties: z.array(z.string()),
      guardians: z.array(z.object({ name: z.string() })),
      withdrawnAt: isoDate.nullable(),
      givenBy: giverSchema,
      version: z.number().int().meta({ description: '1 as given, one more for each change since' }),
      changes: z
        .array(consentChangeSchema)
        .meta({ description: 'the changes since it was given, oldest first' }),
    })
    .nullable(),
  invitations: z.array(invitationSchema),
  plan: planSchema.nullable(),
  followUps: z.array(followUpSchema),
  followUpDueOn: isoDate.nullable(),
  closure: z
    .object({
      reason: z.enum(closureReasons),
      closedAt: isoDate,
      note: z.string().nullable(),
      evaluation: z
        .object({ goalsMet: z.enum(goalsMetAnswers), personsView: z.string().nullable() })
        .nullable(),
    })
    .nullable(),
  assessments: z.array(assessmentSchema),
  meetings: z.array(meetingSchema),
  minorAtStart: z.boolean().nullable(),
  outsideCountyTargetGroup: z.boolean().nullable(),
  existingSips: z.array(z.object({ id: z.string(), status: z.enum(sipStatuses) })).optional(),
});

export type SipJson = z.infer<typeof sipSchema>;

export function presentInvitation(i: SipAggregate['invitations'][number]): z.infer<typeof invitationSchema> {
  return {
    id: i.id,
    unitId: i.unitId,
    meetingAt: i.meetingAt.toISOString(),
    place: i.place,
    videoLink: i.videoLink,
    externalParticipants: i.externalParticipants,
    answerBy: i.answerBy,
    reminded: i.remindedAt !== null,
    status: i.status,
    answer: i.answeredAt
      ? { accepted: i.status === 'accepted', reason: i.declineReason, answeredAt: i.answeredAt.toISOString() }
      : null,
  };
}

/** A SIP as the API shows it. In lists a person with protected identity is not named ('elsewhere'). */
export function presentSip(sip: SipAggregate, person: Person, where: 'ownPage' | 'elsewhere'): SipJson {
  const { consent, plan } = sip;
  return {
    id: sip.id,
    status: sip.status,
    countyCode: sip.countyCode,
    person: { ...presentPerson(person, where), protectedIdentity: person.protectedIdentity },
    convening: { unitId: sip.conveningUnitId, principalId: sip.conveningPrincipalId },
    reason: sip.reason,
    requestedBy: sip.requestedBy,
    hasChildren: sip.hasChildren,
    planKind: sip.planKind,
    chiefPhysicianUnitId: sip.planKind === 'SPLPTLRV' ? sip.conveningUnitId : null,
    consent: consent
      ? {
          givenAt: consent.givenOn,
          form: consent.form,
          principalIds: consent.principalIds,
          relativesMayTakePart: consent.relativesMayTakePart,
          decisionParticipants: consent.decisionParticipants,
          otherParties: consent.otherParties,
          guardians: consent.guardians,
          withdrawnAt: consent.withdrawnOn,
          givenBy: { capacity: consent.givenBy, name: consent.givenByName },
          version: consent.changes.length + 1,
          changes: consent.changes.map((c, i) => ({
            version: i + 2,
            kind: c.kind,
            principalId: c.principalId,
            changedOn: c.changedOn,
            givenBy: c.givenBy ? { capacity: c.givenBy, name: c.givenByName } : null,
            recordedBy: c.actor,
          })),
        }
      : null,
    invitations: sip.invitations.map(presentInvitation),
    plan: plan ? presentPlan(plan) : null,
    followUps: sip.followUps.map((f) => ({
      id: f.id,
      heldOn: f.heldOn,
      planVersion: f.planVersion,
      outcomes: f.outcomes,
      nextFollowUpOn: f.nextFollowUpOn,
    })),
    followUpDueOn: sip.status === 'closed' ? null : sip.followUpDueOn,
    closure: sip.closureReason && sip.closedOn ? presentClosure(sip) : null,
    assessments: presentAssessments(sip.assessments),
    meetings: sip.meetings.map((m) => ({
      id: m.id,
      heldOn: m.heldOn,
      personsParticipation: m.personsParticipation,
      participants: m.participants,
      notes: m.notes,
    })),
    ...targetGroupOf(sip, person, where),
  };
}

/**
 * Whether the person was under 18 when the SIP was started, and whether that puts the SIP outside the county
 * agreement's target group (its minimum age is data per county: Dalarna's starts at 18). Not shown for a person
 * with protected identity outside their own page.
 */
function targetGroupOf(sip: SipAggregate, person: Person, where: 'ownPage' | 'elsewhere') {
  if (person.protectedIdentity && where === 'elsewhere')
    return { minorAtStart: null, outsideCountyTargetGroup: null };
  const age = ageOn(person.personalIdentityNumber, isoDateOf(sip.createdAt));
  return {
    minorAtStart: age < 18,
    outsideCountyTargetGroup: sip.targetGroupMinAge !== null && age < sip.targetGroupMinAge,
  };
}

function presentClosure(sip: SipAggregate) {
  return {
    reason: sip.closureReason!,
    closedAt: sip.closedOn!,
    note: sip.closureNote,
    evaluation: sip.evaluationGoalsMet
      ? { goalsMet: sip.evaluationGoalsMet, personsView: sip.evaluationPersonsView }
      : null,
  };
}

/** Each unit's assessment, its areas in the order of the life areas. */
function presentAssessments(rows: SipAggregate['assessments']) {
  const byUnit = new Map<string, SipAggregate['assessments']>();
  for (const row of rows) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
  return [...byUnit].map(([unitId, areas]) => ({
    unitId,
    recordedAt: isoDateOf(areas.reduce((a, b) => (a.recordedAt > b.recordedAt ? a : b)).recordedAt),
    areas: areas
      .sort((a, b) => lifeAreaRank(a.area) - lifeAreaRank(b.area))
      .map((a) => ({
        area: a.area as (typeof lifeAreaCodes)[number],
        situation: a.situation,
        strengths: a.strengths,
        wishes: a.wishes,
      })),
  }));
}

/** A plan version as the API shows it; fields added after a version was saved read as null. */
export function presentPlan(row: {
  version: number;
  savedAt: Date;
  content: PlanContent;
}): z.infer<typeof planSchema> {
  const { version, content } = row;
  return {
    version,
    savedAt: isoDateOf(row.savedAt),
    interventions: content.interventions.map((i) => ({
      ...i,
      startsOn: i.startsOn ?? null,
      endsOn: i.endsOn ?? null,
      status: i.status ?? 'planned',
      personsView: i.personsView ?? null,
    })),
    overallResponsibility: content.overallResponsibility,
    goals: content.goals,
    personsOwnWords: content.personsOwnWords,
    followUpOn: content.followUpOn,
    childrenConsidered: content.childrenConsidered,
    childrenNote: content.childrenNote ?? null,
    compulsoryCare: content.compulsoryCare ?? null,
    relativesTookPart: content.relativesTookPart ?? null,
    singlePrincipalReason: content.singlePrincipalReason ?? null,
    placement: content.placement ? { ...content.placement, place: content.placement.place ?? null } : null,
  };
}

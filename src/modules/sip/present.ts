import { z } from 'zod';
import { isoDate as isoDateOf } from '../../platform/clock.ts';
import { ageOn } from '../../platform/people/identity-number.ts';
import { type Person, presentPerson } from '../../platform/people/present.ts';
import type { SipAggregate } from './load.ts';
import {
  closureReasons,
  consentForms,
  decisionParticipants,
  externalParticipantKinds,
  interventionOutcomes,
  invitationStatuses,
  type PlanContent,
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

const intervention = z.union([
  z.object({ description: z.string(), responsibleUnitId: z.string() }),
  z.object({ description: z.string(), externalActor: z.string() }),
]);

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
  singlePrincipalReason: z.string().nullable(),
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
    })
    .nullable(),
  invitations: z.array(invitationSchema),
  plan: planSchema.nullable(),
  followUps: z.array(followUpSchema),
  followUpDueOn: isoDate.nullable(),
  closure: z.object({ reason: z.enum(closureReasons), closedAt: isoDate }).nullable(),
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
    closure: sip.closureReason && sip.closedOn ? { reason: sip.closureReason, closedAt: sip.closedOn } : null,
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
    interventions: content.interventions,
    overallResponsibility: content.overallResponsibility,
    goals: content.goals,
    personsOwnWords: content.personsOwnWords,
    followUpOn: content.followUpOn,
    childrenConsidered: content.childrenConsidered,
    childrenNote: content.childrenNote ?? null,
    compulsoryCare: content.compulsoryCare ?? null,
    singlePrincipalReason: content.singlePrincipalReason ?? null,
  };
}

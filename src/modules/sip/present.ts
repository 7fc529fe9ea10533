import { z } from 'zod';
import { type Person, presentPerson } from '../people/present.ts';
import type { SipAggregate } from './load.ts';
import { closureReasons, consentForms, invitationStatuses, sipStatuses } from './schema.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const invitationSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  meetingAt: z.string(),
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
  interventions: z.array(intervention),
  overallResponsibility: z.object({ unitId: z.string() }),
  goals: z.array(z.string()),
  personsOwnWords: z.string(),
  followUpOn: isoDate,
  childrenConsidered: z.boolean().nullable(),
});

/** API.md's Sip. */
export const sipSchema = z.object({
  id: z.string(),
  status: z.enum(sipStatuses),
  countyCode: z.string(),
  person: z.object({ id: z.string(), name: z.string(), personalIdentityNumber: z.string() }),
  convening: z.object({ unitId: z.string(), principalId: z.string() }),
  reason: z.string(),
  consent: z
    .object({
      givenAt: isoDate,
      form: z.enum(consentForms),
      principalIds: z.array(z.string()),
      relativesMayTakePart: z.boolean(),
      withdrawnAt: isoDate.nullable(),
    })
    .nullable(),
  invitations: z.array(invitationSchema),
  plan: planSchema.nullable(),
  closure: z.object({ reason: z.enum(closureReasons), closedAt: isoDate }).nullable(),
});

export type SipJson = z.infer<typeof sipSchema>;

export function presentInvitation(i: SipAggregate['invitations'][number]): z.infer<typeof invitationSchema> {
  return {
    id: i.id,
    unitId: i.unitId,
    meetingAt: i.meetingAt.toISOString(),
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
    person: presentPerson(person, where),
    convening: { unitId: sip.conveningUnitId, principalId: sip.conveningPrincipalId },
    reason: sip.reason,
    consent: consent
      ? {
          givenAt: consent.givenOn,
          form: consent.form,
          principalIds: consent.principalIds,
          relativesMayTakePart: consent.relativesMayTakePart,
          withdrawnAt: consent.withdrawnOn,
        }
      : null,
    invitations: sip.invitations.map(presentInvitation),
    plan: plan ? { version: plan.version, ...plan.content } : null,
    closure: sip.closureReason && sip.closedOn ? { reason: sip.closureReason, closedAt: sip.closedOn } : null,
  };
}

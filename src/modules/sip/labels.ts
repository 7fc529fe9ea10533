import { labelFilter, tagFilters } from '../../platform/views/filters.ts';
import type {
  closureReasons,
  consentCapacities,
  decisionParticipants,
  externalParticipantKinds,
  goalsMetAnswers,
  interventionOutcomes,
  interventionStatuses,
  invitationStatuses,
  meetingParticipantKinds,
  PlanKind,
  personsParticipations,
  requesters,
  sipStatuses,
} from './schema.ts';

// The Swedish labels of the SIP module's codes, one for each value of its enums (a value without a label fails the
// type check), also used to build the forms' choices, and the view filters that show them.

type Of<T extends readonly string[]> = T[number];

const sipStatusTags: Record<Of<typeof sipStatuses>, readonly [string, string]> = {
  requested: ['Väntar på samtycke', 'govuk-tag--yellow'],
  active: ['Pågående', 'govuk-tag--green'],
  closed: ['Avslutad', 'govuk-tag--grey'],
};
const invitationStatusTags: Record<Of<typeof invitationStatuses>, readonly [string, string]> = {
  pending: ['Väntar på svar', 'govuk-tag--yellow'],
  accepted: ['Deltar', 'govuk-tag--green'],
  declined: ['Tackat nej', 'govuk-tag--red'],
};
const closureReasonLabels: Record<Of<typeof closureReasons>, string> = {
  goalsMet: 'målen är uppnådda',
  consentWithdrawn: 'samtycket återkallades',
  noConsent: 'samtycke saknas',
  moved: 'personen har flyttat',
  deceased: 'personen har avlidit',
  other: 'annat skäl',
};

/** Swedish labels for the SIP's codes, also used to build the forms' choices. */
export const sipLabels = {
  requester: {
    staff: 'Personal',
    person: 'Personen själv',
    relative: 'Närstående',
    guardian: 'Vårdnadshavare',
    trustee: 'God man eller förvaltare',
  } satisfies Record<Of<typeof requesters>, string> as Record<string, string>,
  decisionParticipant: {
    person: 'Personen själv',
    relative: 'Närstående',
    guardian: 'Vårdnadshavare',
    trustee: 'God man eller förvaltare',
    staff: 'Personal',
  } satisfies Record<Of<typeof decisionParticipants>, string> as Record<string, string>,
  externalParticipant: {
    forsakringskassan: 'Försäkringskassan',
    arbetsformedlingen: 'Arbetsförmedlingen',
    school: 'Skola',
    trustee: 'God man eller förvaltare',
    relative: 'Närstående',
    other: 'Annan',
  } satisfies Record<Of<typeof externalParticipantKinds>, string> as Record<string, string>,
  outcome: { done: 'Genomförd', ongoing: 'Pågår', notDone: 'Inte genomförd' } satisfies Record<
    Of<typeof interventionOutcomes>,
    string
  > as Record<string, string>,
  compulsoryCare: {
    LPT: 'Öppen psykiatrisk tvångsvård enligt lagen (1991:1128) om psykiatrisk tvångsvård, LPT',
    LRV: 'Öppen rättspsykiatrisk vård enligt lagen (1991:1129) om rättspsykiatrisk vård, LRV',
  } satisfies Record<'LPT' | 'LRV', string> as Record<string, string>,
  // Inera's care-plan type codes.
  planKind: {
    SIP: 'Samordnad individuell plan (SIP)',
    SPLPTLRV:
      'Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård (LPT/LRV)',
    SPU: 'Samordnad plan vid utskrivning från sluten vård (SPU)',
  } satisfies Record<PlanKind, string> as Record<string, string>,
  interventionStatus: {
    planned: 'Planerad',
    ongoing: 'Pågår',
    ended: 'Avslutad',
    cancelled: 'Inställd',
  } satisfies Record<Of<typeof interventionStatuses>, string> as Record<string, string>,
  goalsMet: { fully: 'Helt', partly: 'Delvis', not: 'Inte' } satisfies Record<
    Of<typeof goalsMetAnswers>,
    string
  > as Record<string, string>,
  personsParticipation: {
    present: 'Deltog på mötet',
    remote: 'Deltog på distans (video eller telefon)',
    represented: 'Företräddes av någon annan',
    absent: 'Deltog inte',
  } satisfies Record<Of<typeof personsParticipations>, string> as Record<string, string>,
  // Who gave a consent or a change of it (issue 22 item 4).
  consentCapacity: {
    person: 'Personen själv',
    guardian: 'Vårdnadshavare',
    legalRepresentative: 'God man eller förvaltare',
  } satisfies Record<Of<typeof consentCapacities>, string> as Record<string, string>,
  meetingParticipantKind: {
    unit: 'Enhet',
    relative: 'Närstående',
    external: 'Extern part',
  } satisfies Record<Of<typeof meetingParticipantKinds>, string> as Record<string, string>,
};

const sipStatus = tagFilters(sipStatusTags);
const invitationStatus = tagFilters(invitationStatusTags);
export const sipViewFilters = {
  sipStatus: sipStatus.label,
  sipStatusClass: sipStatus.className,
  invitationStatus: invitationStatus.label,
  invitationStatusClass: invitationStatus.className,
  closureReason: labelFilter(closureReasonLabels),
  requester: labelFilter(sipLabels.requester),
  decisionParticipant: labelFilter(sipLabels.decisionParticipant),
  externalParticipant: labelFilter(sipLabels.externalParticipant),
  outcome: labelFilter(sipLabels.outcome),
  compulsoryCare: labelFilter(sipLabels.compulsoryCare),
  planKind: labelFilter(sipLabels.planKind),
  interventionStatus: labelFilter(sipLabels.interventionStatus),
  goalsMet: labelFilter(sipLabels.goalsMet),
  personsParticipation: labelFilter(sipLabels.personsParticipation),
};

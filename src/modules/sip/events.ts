import { eventTypes } from '../../platform/events/record-event.ts';

// The SIP module's domain events: ids and codes only, never names or text about the person.
export type SipEvents = {
  'sip.requested': {
    sipId: string;
    unitId: string;
    principalId: string;
    requestedBy: string | null;
    planKind: string;
  };
  'sip.consentRecorded': { sipId: string; givenOn: string; form: string; principalCount: number };
  // byPerson: recorded by the person with e-ID on their own pages (issue 26), not by the convening unit.
  'sip.consentWithdrawn': { sipId: string; withdrawnOn: string; byPerson: boolean };
  'sip.consentNarrowed': { sipId: string; principalId: string; changedOn: string; byPerson: boolean };
  // A principal added to the consent (issue 22); givenBy: in what capacity it was given (person, guardian, ...).
  'sip.consentWidened': {
    sipId: string;
    principalId: string;
    changedOn: string;
    givenBy: string;
    byPerson: boolean;
  };
  'sip.consentRelativesChanged': { sipId: string; allowed: boolean; changedOn: string; byPerson: boolean };
  'sip.invitationSent': {
    sipId: string;
    invitationId: string;
    unitId: string;
    meetingOn: string;
    answerBy: string;
  };
  'sip.invitationReminded': { sipId: string; invitationId: string; unitId: string };
  'sip.invitationAnswered': {
    sipId: string;
    invitationId: string;
    unitId: string;
    accepted: boolean;
    withinDeadline: boolean;
  };
  'sip.planSaved': {
    sipId: string;
    version: number;
    ownWordsRecorded: boolean;
    childrenConsidered: boolean | null;
    hasChildren: boolean | null;
    compulsoryCare: string | null;
    planKind: string;
  };
  'sip.followUpHeld': {
    sipId: string;
    heldOn: string;
    dueOn: string | null;
    onTime: boolean | null;
    nextFollowUpOn: string | null;
  };
  'sip.closed': { sipId: string; reason: string; goalsMet: string | null };
  'sip.assessmentRecorded': { sipId: string; unitId: string; areas: string[] };
  'sip.meetingRecorded': { sipId: string; meetingId: string; heldOn: string; personsParticipation: string };
  'sip.unitTransferred': { sipId: string; fromUnitId: string; toUnitId: string };
  'sip.identityProtected': { sipId: string; unitId: string };
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends SipEvents {}
}

/** Every event type above, for the module's manifest (one left out, or one too many, is a type error). */
export const sipEventTypes = eventTypes<SipEvents>({
  'sip.requested': true,
  'sip.consentRecorded': true,
  'sip.consentWithdrawn': true,
  'sip.consentNarrowed': true,
  'sip.consentWidened': true,
  'sip.consentRelativesChanged': true,
  'sip.invitationSent': true,
  'sip.invitationReminded': true,
  'sip.invitationAnswered': true,
  'sip.planSaved': true,
  'sip.followUpHeld': true,
  'sip.closed': true,
  'sip.assessmentRecorded': true,
  'sip.meetingRecorded': true,
  'sip.unitTransferred': true,
  'sip.identityProtected': true,
});

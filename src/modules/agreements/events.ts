import { eventTypes } from '../../platform/events/record-event.ts';

// The agreements module's domain events: ids, numbers and dates only.
export type AgreementEvents = {
  'agreement.versionDrafted': { agreementId: string; number: number };
  'agreement.versionEdited': { agreementId: string; number: number; what: string };
  'agreement.consultationOpened': {
    agreementId: string;
    number: number;
    closesOn: string;
    invitees: number;
  };
  'agreement.commented': { agreementId: string; number: number; commentId: string };
  'agreement.commentAnswered': { agreementId: string; number: number; commentId: string };
  'agreement.sentForDecision': { agreementId: string; number: number };
  'agreement.adopted': { agreementId: string; number: number; principalId: string; decidedOn: string };
  'agreement.noticeGiven': { agreementId: string; principalId: string; givenOn: string };
  'agreement.localCreated': { agreementId: string; parentAgreementId: string };
  'agreement.followedUp': { agreementId: string; on: string };
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends AgreementEvents {}
}

/** Every event type above, for the module's manifest (one left out, or one too many, is a type error). */
export const agreementEventTypes = eventTypes<AgreementEvents>({
  'agreement.versionDrafted': true,
  'agreement.versionEdited': true,
  'agreement.consultationOpened': true,
  'agreement.commented': true,
  'agreement.commentAnswered': true,
  'agreement.sentForDecision': true,
  'agreement.adopted': true,
  'agreement.noticeGiven': true,
  'agreement.localCreated': true,
  'agreement.followedUp': true,
});

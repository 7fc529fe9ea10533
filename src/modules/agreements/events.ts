// The agreements module's domain events: ids, numbers and dates only.
declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue {
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
  }
}

export {};

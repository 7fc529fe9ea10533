// The SIP module's domain events: ids and codes only, never names or text about the person.
declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue {
    'sip.requested': { sipId: string; unitId: string; principalId: string; requestedBy: string | null };
    'sip.consentRecorded': { sipId: string; givenOn: string; form: string; principalCount: number };
    'sip.consentWithdrawn': { sipId: string; withdrawnOn: string };
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
    };
    'sip.followUpHeld': {
      sipId: string;
      heldOn: string;
      dueOn: string | null;
      onTime: boolean | null;
      nextFollowUpOn: string | null;
    };
    'sip.closed': { sipId: string; reason: string };
  }
}

export {};

// The disputes module's domain events: ids and codes only, never the texts.
declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue {
    'dispute.opened': { disputeId: string; kind: string; category: string; partyCount: number };
    'dispute.statement': { disputeId: string; level: number };
    'dispute.escalated': { disputeId: string; fromLevel: number; toLevel: number };
    'dispute.decided': { disputeId: string; level: number; bodyId: string | null };
  }
}

export {};

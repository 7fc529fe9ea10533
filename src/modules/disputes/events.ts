import { eventTypes } from '../../platform/events/record-event.ts';

// The disputes module's domain events: ids and codes only, never the texts.
export type DisputeEvents = {
  'dispute.opened': { disputeId: string; kind: string; category: string; partyCount: number };
  'dispute.statement': { disputeId: string; level: number };
  'dispute.escalated': { disputeId: string; fromLevel: number; toLevel: number };
  'dispute.decided': { disputeId: string; level: number; bodyId: string | null };
  'dispute.receiverChanged': { disputeId: string; fromUnitId: string; toUnitId: string };
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends DisputeEvents {}
}

/** Every event type above, for the module's manifest (one left out, or one too many, is a type error). */
export const disputeEventTypes = eventTypes<DisputeEvents>({
  'dispute.opened': true,
  'dispute.statement': true,
  'dispute.escalated': true,
  'dispute.decided': true,
  'dispute.receiverChanged': true,
});

import { eventTypes } from '../../platform/events/record-event.ts';

// The needs inventory module's domain events: ids, codes and counts only (a record is about a person, so its
// event names the round and the unit, never what the record says).
export type NeedsInventoryEvents = {
  'needsInventory.roundCreated': { roundId: string; formId: string; units: number };
  'needsInventory.statusChanged': { roundId: string; from: string; to: string };
  'needsInventory.recordEntered': { roundId: string; recordId: string; unitId: string };
  'needsInventory.recordRemoved': { roundId: string; recordId: string; unitId: string };
  'needsInventory.commentRecorded': { roundId: string; commentId: string; organisationId: string };
  'needsInventory.reminded': { roundId: string; units: number; kind: string };
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends NeedsInventoryEvents {}
}

/** Every event type above, for the module's manifest (one left out, or one too many, is a type error). */
export const needsInventoryEventTypes = eventTypes<NeedsInventoryEvents>({
  'needsInventory.roundCreated': true,
  'needsInventory.statusChanged': true,
  'needsInventory.recordEntered': true,
  'needsInventory.recordRemoved': true,
  'needsInventory.commentRecorded': true,
  'needsInventory.reminded': true,
});

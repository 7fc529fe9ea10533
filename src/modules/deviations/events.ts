import { eventTypes } from '../../platform/events/record-event.ts';

// The deviations module's domain events: ids and codes only, never the texts.
export type DeviationEvents = {
  'deviation.reported': { deviationId: string; category: string; unitId: string; principalCount: number };
  'deviation.answered': { deviationId: string; principalId: string; level: number };
  'deviation.escalated': { deviationId: string; fromLevel: number; toLevel: number };
  'deviation.decided': { deviationId: string; level: number; bodyId: string; outcome: string };
  'deviation.closed': { deviationId: string; level: number; outcome: string };
  'deviation.overdue': { deviationId: string; level: number; dueOn: string };
  'deviation.receiverChanged': { deviationId: string; fromUnitId: string; toUnitId: string };
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends DeviationEvents {}
}

/** Every event type above, for the module's manifest (one left out, or one too many, is a type error). */
export const deviationEventTypes = eventTypes<DeviationEvents>({
  'deviation.reported': true,
  'deviation.answered': true,
  'deviation.escalated': true,
  'deviation.decided': true,
  'deviation.closed': true,
  'deviation.overdue': true,
  'deviation.receiverChanged': true,
});

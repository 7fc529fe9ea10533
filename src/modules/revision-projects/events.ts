import { eventTypes } from '../../platform/events/record-event.ts';

// The revision projects module's domain events: ids and codes only, never the texts.
export type RevisionProjectEvents = {
  'revision.reported': { projectId: string; reportId: string; phaseId: string | null };
  'revision.deliverableStatus': { projectId: string; deliverableId: string; status: string };
  'revision.changeProposed': { projectId: string; changeRequestId: string; sectionKey: string };
  'revision.changeDecided': {
    projectId: string;
    changeRequestId: string;
    approved: boolean;
    resultingVersion: number | null;
  };
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends RevisionProjectEvents {}
}

/** Every event type above, for the module's manifest (one left out, or one too many, is a type error). */
export const revisionProjectEventTypes = eventTypes<RevisionProjectEvents>({
  'revision.reported': true,
  'revision.deliverableStatus': true,
  'revision.changeProposed': true,
  'revision.changeDecided': true,
});

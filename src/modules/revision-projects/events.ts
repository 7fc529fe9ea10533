// The revision projects module's domain events: ids and codes only, never the texts.
declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue {
    'revision.reported': { projectId: string; reportId: string; phaseId: string | null };
    'revision.deliverableStatus': { projectId: string; deliverableId: string; status: string };
    'revision.changeProposed': { projectId: string; changeRequestId: string; sectionKey: string };
    'revision.changeDecided': {
      projectId: string;
      changeRequestId: string;
      approved: boolean;
      resultingVersion: number | null;
    };
  }
}

export {};

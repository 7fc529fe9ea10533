// The deviations module's domain events: ids and codes only, never the texts.
declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue {
    'deviation.reported': { deviationId: string; category: string; unitId: string; principalCount: number };
    'deviation.answered': { deviationId: string; principalId: string; level: number };
    'deviation.escalated': { deviationId: string; fromLevel: number; toLevel: number };
    'deviation.decided': { deviationId: string; level: number; bodyId: string; outcome: string };
    'deviation.closed': { deviationId: string; level: number; outcome: string };
    'deviation.overdue': { deviationId: string; level: number; dueOn: string };
  }
}

export {};

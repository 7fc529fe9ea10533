// The follow-up module's domain events: ids, codes, periods and numbers only.
declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue {
    'followUp.valueEntered': { indicatorId: string; period: string; replaced: boolean };
    'followUp.targetChanged': {
      indicatorId: string;
      targetValue: number | null;
      targetDirection: string | null;
    };
    'actionPlan.created': { actionPlanId: string; origin: string };
    'actionPlan.statusChanged': { actionPlanId: string; status: string };
    'actionPlan.actionAdded': { actionPlanId: string; actionId: string; unitId: string; dueOn: string };
    'actionPlan.actionDone': { actionPlanId: string; actionId: string; doneOn: string };
    'actionPlan.noteAdded': { actionPlanId: string; on: string };
    'actionPlan.actionOverdue': { actionPlanId: string; actionId: string; dueOn: string };
  }
}

export {};

import { eventTypes } from '../../platform/events/record-event.ts';

// The follow-up module's domain events: ids, codes, periods and numbers only.
export type FollowUpEvents = {
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
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends FollowUpEvents {}
}

/** Every event type above, for the module's manifest (one left out, or one too many, is a type error). */
export const followUpEventTypes = eventTypes<FollowUpEvents>({
  'followUp.valueEntered': true,
  'followUp.targetChanged': true,
  'actionPlan.created': true,
  'actionPlan.statusChanged': true,
  'actionPlan.actionAdded': true,
  'actionPlan.actionDone': true,
  'actionPlan.noteAdded': true,
  'actionPlan.actionOverdue': true,
});

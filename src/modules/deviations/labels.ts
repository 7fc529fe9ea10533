import { labelFilter, tagFilters } from '../../platform/views/filters.ts';
import type { DeviationOutcome, DeviationStatus } from './schema.ts';

// The Swedish labels of the deviation module's codes, one for each value of its enums (a value without a label
// fails the type check), and the view filters that show them. A status is a GOV.UK tag: its text and its class.

export const deviationStatusTags: Record<DeviationStatus, readonly [string, string]> = {
  reported: ['Väntar på svar', 'govuk-tag--blue'],
  answered: ['Besvarad', 'govuk-tag--green'],
  escalated: ['Förd vidare', 'govuk-tag--orange'],
  closed: ['Avslutad', 'govuk-tag--grey'],
};

export const deviationOutcomeLabels: Record<DeviationOutcome, string> = {
  measuresTaken: 'Åtgärder vidtagna',
  routineClarified: 'Rutin förtydligad eller ändrad',
  noMeasureNeeded: 'Ingen åtgärd behövs',
  referredToActionPlan: 'Förs till handlingsplan',
};

const status = tagFilters(deviationStatusTags);
export const deviationViewFilters = {
  deviationStatus: status.label,
  deviationStatusClass: status.className,
  deviationOutcome: labelFilter(deviationOutcomeLabels),
};

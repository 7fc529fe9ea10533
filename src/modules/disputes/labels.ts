import { labelFilter, tagFilters } from '../../platform/views/filters.ts';
import type { DisputeKind, DisputeStatus } from './schema.ts';

// The Swedish labels of the dispute module's codes, one for each value of its enums (a value without a label fails
// the type check), and the view filters that show them. A status is a GOV.UK tag: its text and its class.

export const disputeStatusTags: Record<DisputeStatus, readonly [string, string]> = {
  open: ['Dialog mellan chefer', 'govuk-tag--blue'],
  escalated: ['Förd vidare', 'govuk-tag--orange'],
  decided: ['Avgjord', 'govuk-tag--grey'],
};

export const disputeKindLabels: Record<DisputeKind, string> = {
  interpretation: 'Tolkning av överenskommelsen',
  individualCase: 'Kostnad eller ansvar i ett enskilt ärende',
};

const status = tagFilters(disputeStatusTags);
export const disputeViewFilters = {
  disputeStatus: status.label,
  disputeStatusClass: status.className,
  disputeKind: labelFilter(disputeKindLabels),
};

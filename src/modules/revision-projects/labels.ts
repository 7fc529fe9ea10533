import type { ChangeRequestStatus, DeliverableStatus } from './schema.ts';

// The revision project's codes in Swedish, with the GOV.UK tag class each status is shown with.

export const deliverableStatusLabels: Record<DeliverableStatus, { text: string; tag: string }> = {
  planned: { text: 'Planerad', tag: 'govuk-tag--grey' },
  inProgress: { text: 'Pågår', tag: 'govuk-tag--blue' },
  delivered: { text: 'Levererad', tag: 'govuk-tag--green' },
};

export const changeRequestStatusLabels: Record<ChangeRequestStatus, { text: string; tag: string }> = {
  proposed: { text: 'Väntar på beslut', tag: 'govuk-tag--yellow' },
  approved: { text: 'Godkänd', tag: 'govuk-tag--green' },
  rejected: { text: 'Avslagen', tag: 'govuk-tag--red' },
};

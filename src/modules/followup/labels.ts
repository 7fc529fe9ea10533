/** Swedish words for the follow-up's codes; also the forms' choices. */
export const actionPlanLabels = {
  origin: {
    deviationCompilation: 'Sammanställning av avvikelser',
    nationalGuidelines: 'Nationella riktlinjer',
    newLaw: 'Ny lagstiftning eller andra styrande dokument',
    jointAnalysis: 'Gemensam analys',
  } as Record<string, string>,
  status: {
    planned: 'Planerad',
    ongoing: 'Pågår',
    completed: 'Genomförd',
    cancelled: 'Avbruten',
  } as Record<string, string>,
};
export const statusTagClass: Record<string, string> = {
  planned: 'govuk-tag--blue',
  ongoing: 'govuk-tag--green',
  completed: 'govuk-tag--grey',
  cancelled: 'govuk-tag--red',
};

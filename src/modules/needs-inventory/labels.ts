import type { NeedLevel, RoundStatus } from './schema.ts';

export const statusLabels: Record<RoundStatus, string> = {
  planned: 'Planerad',
  collecting: 'Registrering pågår',
  interpreting: 'Tolkas',
  reported: 'Redovisad',
};
export const statusTagClass: Record<RoundStatus, string> = {
  planned: 'govuk-tag--grey',
  collecting: 'govuk-tag--blue',
  interpreting: 'govuk-tag--yellow',
  reported: 'govuk-tag--green',
};
/** The button that takes a round to the next status. */
export const advanceLabels: Record<RoundStatus, string> = {
  planned: '',
  collecting: 'Öppna för registrering',
  interpreting: 'Stäng registreringen och börja tolka',
  reported: 'Markera som redovisad',
};
export const needLabels: Record<NeedLevel, string> = {
  none: 'Inget behov',
  met: 'Behovet är tillgodosett',
  unmet: 'Behovet är inte tillgodosett',
};
export const syntheticNote =
  'Syntetiska uppgifter: inventeringen är påhittad för demonstrationen och beskriver inga verkliga personer.';
export const suppressionNote =
  'Antal från 1 till 4 visas som ”dolt”, liksom antal som annars skulle gå att räkna ut ur summorna, i länet och i kommunerna. En andel visas bara där antalet visas.';

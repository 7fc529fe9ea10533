import { isoDate, isoDateTime } from '../clock.ts';

const kindLabels: Record<string, string> = {
  region: 'Region',
  municipality: 'Kommun',
  userOrganisation: 'Brukarorganisation',
  privateProvider: 'Privat vårdgivare',
};

const roleLabels: Record<string, string> = {
  staff: 'Medarbetare',
  manager: 'Chef',
  governance: 'Ledamot i samverkansorgan',
  agreementAdmin: 'Administratör för överenskommelser',
  logReviewer: 'Loggranskare',
  countyAdmin: 'Länsadministratör',
};

const bodyKindLabels: Record<string, string> = {
  steeringGroup: 'Styrgrupp',
  workingGroup: 'Arbetsgrupp',
  preparationGroup: 'Beredningsgrupp',
  managementGroup: 'Chefsgrupp',
  politicalCouncil: 'Politiskt råd',
  network: 'Nätverk',
  developmentGroup: 'Utvecklingsgrupp',
  committee: 'Nämnd',
  followUpGroup: 'Uppföljningsgrupp',
};

const sipStatusLabels: Record<string, [string, string]> = {
  requested: ['Väntar på samtycke', 'govuk-tag--yellow'],
  active: ['Pågående', 'govuk-tag--green'],
  closed: ['Avslutad', 'govuk-tag--grey'],
};
const invitationStatusLabels: Record<string, [string, string]> = {
  pending: ['Väntar på svar', 'govuk-tag--yellow'],
  accepted: ['Deltar', 'govuk-tag--green'],
  declined: ['Tackat nej', 'govuk-tag--red'],
};
const closureReasonLabels: Record<string, string> = {
  goalsMet: 'målen är uppnådda',
  consentWithdrawn: 'samtycket återkallades',
  moved: 'personen har flyttat',
  deceased: 'personen har avlidit',
  other: 'annat skäl',
};

/** Nunjucks filters: the only place dates and codes become Swedish text. Templates do no other formatting. */
export const filters = {
  isoDate: (v: Date | string | null | undefined) => (v ? isoDate(new Date(v)) : ''),
  isoDateTime: (v: Date | string | null | undefined) => (v ? isoDateTime(new Date(v)) : ''),
  principalKind: (k: string) => kindLabels[k] ?? k,
  role: (r: string) => roleLabels[r] ?? r,
  bodyKind: (k: string) => bodyKindLabels[k] ?? k,
  sipStatus: (s: string) => sipStatusLabels[s]?.[0] ?? s,
  sipStatusClass: (s: string) => sipStatusLabels[s]?.[1] ?? '',
  invitationStatus: (s: string) => invitationStatusLabels[s]?.[0] ?? s,
  invitationStatusClass: (s: string) => invitationStatusLabels[s]?.[1] ?? '',
  closureReason: (r: string) => closureReasonLabels[r] ?? r,
  targetGroup: (minAge: number | null) => (minAge === null ? 'Alla åldrar' : `Från ${minAge} år`),
};

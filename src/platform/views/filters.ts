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

/** Nunjucks filters: the only place dates and codes become Swedish text. Templates do no other formatting. */
export const filters = {
  isoDate: (v: Date | string | null | undefined) => (v ? isoDate(new Date(v)) : ''),
  isoDateTime: (v: Date | string | null | undefined) => (v ? isoDateTime(new Date(v)) : ''),
  principalKind: (k: string) => kindLabels[k] ?? k,
  role: (r: string) => roleLabels[r] ?? r,
  bodyKind: (k: string) => bodyKindLabels[k] ?? k,
  targetGroup: (minAge: number | null) => (minAge === null ? 'Alla åldrar' : `Från ${minAge} år`),
};

import { labelFilter } from '../../platform/views/filters.ts';
import type { GovernanceBodyKind, PrincipalKind, Role } from './schema.ts';

// The Swedish labels of the organisations module's codes, one for each value of its enums (a value without a label
// fails the type check), and the view filters that show them.

export const principalKindLabels: Record<PrincipalKind, string> = {
  region: 'Region',
  municipality: 'Kommun',
  userOrganisation: 'Brukarorganisation',
  privateProvider: 'Privat vårdgivare på uppdrag',
};

export const roleLabels: Record<Role, string> = {
  staff: 'Medarbetare',
  manager: 'Chef',
  governance: 'Ledamot i samverkansorgan',
  agreementAdmin: 'Administratör för överenskommelser',
  logReviewer: 'Loggranskare',
  countyAdmin: 'Länsadministratör',
};

export const bodyKindLabels: Record<GovernanceBodyKind, string> = {
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

/** A role's label (the code itself for an unknown one). */
export const roleLabel = labelFilter(roleLabels);

export const organisationViewFilters = {
  principalKind: labelFilter(principalKindLabels),
  role: roleLabel,
  bodyKind: labelFilter(bodyKindLabels),
  targetGroup: (minAge: number | null) => (minAge === null ? 'Alla åldrar' : `Från ${minAge} år`),
};

import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';

// Who may do what with a revision project. Anyone logged in reads it: the directive, its plan and its change
// log are the county's shared documents. The pages ask the same questions to decide which forms to offer.

/** Agreement administrators of a principal in the project's county run the work: reports, deliverables, proposals. */
export function mayAdminister(user: CurrentUser, project: { countyCode: string }): boolean {
  return hasRole(user, 'agreementAdmin') && user.county.code === project.countyCode;
}

/** Members of the body that decides changes to the directive (Dalarna §7: the managers' network's steering group). */
export function mayDecide(user: CurrentUser, steeringBodyId: string): boolean {
  return hasRole(user, 'governance') && user.bodyIds.includes(steeringBodyId);
}

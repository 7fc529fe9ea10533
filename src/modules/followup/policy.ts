import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';

// Who may do what in the follow-up, as pure predicates: the routes declare the roles, the use cases check the
// predicates (403), and the pages ask the same predicates which buttons to show.

/** Indicators' definitions and hand-entered values: the agreement administrators. */
export const indicatorEditors = ['agreementAdmin'] as const;
/** Computing the figures again on demand: agreement and county administrators. */
export const refreshers = ['agreementAdmin', 'countyAdmin'] as const;
/** Action plans: the agreement administrators and governance members. */
export const actionPlanEditors = ['agreementAdmin', 'governance'] as const;

export const mayEditIndicators = (user: CurrentUser) => indicatorEditors.some((r) => hasRole(user, r));
export const mayRefreshFigures = (user: CurrentUser) => refreshers.some((r) => hasRole(user, r));
export const mayCreateActionPlan = (user: CurrentUser) => actionPlanEditors.some((r) => hasRole(user, r));

/**
 * Who changes an action plan: the county's agreement administrators, and governance members of the body that owns
 * it (or of the principal that owns it), since the plan is that body's work.
 */
export function mayEditActionPlan(
  user: CurrentUser,
  plan: { ownerBodyId: string | null; ownerPrincipalId: string | null },
) {
  if (hasRole(user, 'agreementAdmin')) return true;
  if (!hasRole(user, 'governance')) return false;
  return plan.ownerBodyId
    ? user.bodyIds.includes(plan.ownerBodyId)
    : plan.ownerPrincipalId === user.principal.id;
}

import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';

// Who may do what to a stay beyond seeing it (access-rule.ts), as pure predicates: the use cases check them (403)
// and the stay's page asks the same ones which forms to offer. The process's deadlines are rules.ts.

/**
 * A manager of the paying municipality disputes a paid day (legalBasis.disputedDay: the county's ladder; lag
 * (2017:612) 5 kap.: the municipality pays).
 */
export const mayDisputeDay = (user: CurrentUser, stay: { municipalityPrincipalId: string | null }) =>
  hasRole(user, 'manager') && user.principal.id === stay.municipalityPrincipalId;

/** The county administrator adds the county's payment rule. */
export const paymentRuleAdminRoles = ['countyAdmin'] as const;
export const mayAddPaymentRule = (user: CurrentUser) => paymentRuleAdminRoles.some((r) => hasRole(user, r));

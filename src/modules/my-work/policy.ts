import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';

// What "Mitt arbete" gathers for whom, as pure predicates, so that the page's route and its template ask the same
// questions instead of reading the roles again. Each list's own module still scopes what it lists.

/** Staff, managers and governance members work on deviations and disputes: their lists and suggestions. */
export const worksOnCases = (user: CurrentUser) =>
  (['staff', 'manager', 'governance'] as const).some((r) => hasRole(user, r));

/** Log reviewers are pointed to the access log from their start page. */
export const reviewsAccessLog = (user: CurrentUser) => hasRole(user, 'logReviewer');

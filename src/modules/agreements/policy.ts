import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import { forbidden } from '../../platform/errors.ts';
import type { AgreementAggregate } from './load.ts';

// Who may do what to an agreement, as pure predicates: the use cases check them (403) before the agreement's
// state (409), and the pages ask the same ones which forms and links to offer. Reading is for every logged-in
// user (the agreements are the county's public documents).

/** Only agreement administrators of a party change an agreement (issue 6, "Bad input and access"). */
export function administers(user: CurrentUser, a: Pick<AgreementAggregate, 'parties'>): boolean {
  return hasRole(user, 'agreementAdmin') && a.parties.some((p) => p.principalId === user.principal.id);
}

export const notAdministrator = () =>
  forbidden('Bara överenskommelsens administratörer hos en part kan ändra den.');

/** A user of an organisation invited to the consultation (the comment use case's 403, the page's link). */
export const invitedToComment = (user: CurrentUser, consultation: { invitees: { principalId: string }[] }) =>
  consultation.invitees.some((i) => i.principalId === user.principal.id);

/** Who may comment now: a user of an invited organisation while the consultation is open. */
export function mayComment(
  user: CurrentUser,
  consultation: { closesOn: string; invitees: { principalId: string }[] } | null,
  stage: string,
  today: string,
) {
  return Boolean(
    consultation &&
      stage === 'consultation' &&
      today <= consultation.closesOn &&
      invitedToComment(user, consultation),
  );
}

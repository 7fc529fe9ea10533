import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import type { Round } from './rounds.ts';
import type { RoundStatus } from './schema.ts';

// Who may do what with a needs inventory round, as pure predicates: the use cases check them (403) and the pages
// show what permissions() gives (round.can).

export const nextStatus: Record<RoundStatus, RoundStatus | null> = {
  planned: 'collecting',
  collecting: 'interpreting',
  interpreting: 'reported',
  reported: null,
};

/** The county's agreement administrators and the members of the coordinating body. */
export const mayCoordinate = (user: CurrentUser, round: { coordinatorBodyId: string }) =>
  hasRole(user, 'agreementAdmin') || user.bodyIds.includes(round.coordinatorBodyId);
/** Who is offered to start a round (creating it then needs mayCoordinate for its coordinating body). */
export const mayCreate = (user: CurrentUser) =>
  hasRole(user, 'agreementAdmin') || hasRole(user, 'governance');
/** Staff and managers of a taking-part unit enter records. */
const entersRecords = (user: CurrentUser) => hasRole(user, 'staff') || hasRole(user, 'manager');

/** What the caller may do with a round; the use cases check the same again. */
export function permissions(user: CurrentUser, round: Round, unitIds: string[]) {
  const coordinates = mayCoordinate(user, round);
  const takesPart = unitIds.includes(user.unit.id) && entersRecords(user);
  return {
    coordinates,
    takesPart,
    advance: coordinates && nextStatus[round.status] !== null,
    enter: takesPart && round.status === 'collecting',
    seeResults: coordinates || round.status === 'interpreting' || round.status === 'reported',
    comment: round.status === 'interpreting' && (coordinates || user.principal.kind === 'userOrganisation'),
  };
}

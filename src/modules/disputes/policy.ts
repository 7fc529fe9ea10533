import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import { forbidden } from '../../platform/errors.ts';

// Who may do what to a dispute, as pure predicates. The use cases assert them (403); the page asks the same
// predicates which actions to offer (disputeActions). At level 1 the parties' managers act; above it, the members
// of the bodies at the current level.

/** The caller's position towards a dispute (load.ts works it out in SQL, the page from what it shows). */
export type DisputeViewer = { partyManager: boolean; atCurrentBody: boolean };
type Held = { level: number; viewer: DisputeViewer };

/** Managers open disputes, for their principal. */
export const openerRoles = ['manager'] as const;
export const mayOpen = (user: CurrentUser) => openerRoles.some((r) => hasRole(user, r));

/** The parties' managers and the members of a body at the current level write in the dialogue. */
export const mayAddStatement = (d: Held) => d.viewer.partyManager || d.viewer.atCurrentBody;
/** Who holds the dispute at its current level, and so escalates or decides it. */
export const holds = (d: Held) => (d.level === 1 ? d.viewer.partyManager : d.viewer.atCurrentBody);
export const mayEscalate = holds;
export const mayDecide = holds;

export function assertMayAddStatement(d: Held) {
  if (!mayAddStatement(d))
    throw forbidden('Bara parternas chefer och ledamöter i organet som har tvisten kan skriva i dialogen.');
}
/** 403 unless the caller holds the dispute (escalating and deciding). */
export function assertHolds(d: Held) {
  if (!holds(d))
    throw forbidden(
      d.level === 1
        ? 'På den första nivån är det parternas chefer som för tvisten vidare eller kommer överens.'
        : 'Bara ledamöter i det samverkansorgan som har tvisten kan göra detta.',
    );
}

/** The actions a dispute's page offers: who may (above), while it is open, and escalation to a level above. */
export function disputeActions(d: Held & { status: string; hasNextLevel: boolean }) {
  const open = d.status !== 'decided';
  return {
    statement: open && mayAddStatement(d),
    escalate: open && d.hasNextLevel && mayEscalate(d),
    decide: open && mayDecide(d),
  };
}

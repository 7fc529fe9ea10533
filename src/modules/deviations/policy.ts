import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import { forbidden } from '../../platform/errors.ts';

// Who may do what to a deviation, as pure predicates. The use cases assert them (403) before their own checks of
// the deviation's state (409); the page asks the same predicates which actions to offer (deviationActions).

/** The caller's position towards a deviation (load.ts works it out in SQL, the page from what it shows). */
export type DeviationViewer = { reporter: boolean; receiver: boolean; atCurrentBody: boolean };
/** `atManagers`: the current level is the managers' (organisations' managersHold), not a body's. */
type Held = { level: number; atManagers: boolean; viewer: DeviationViewer };

/** Staff and managers report deviations. */
export const reporterRoles = ['staff', 'manager'] as const;
export const mayReport = (user: CurrentUser) => reporterRoles.some((r) => hasRole(user, r));

/** A manager of a unit that received the deviation answers it. */
export const mayAnswer = (d: Held) => d.viewer.receiver;
/** At the managers' level the reporter's unit or a receiving manager; at a body's, a member of that body. */
export const mayEscalate = (d: Held) =>
  d.atManagers ? d.viewer.reporter || d.viewer.receiver : d.viewer.atCurrentBody;
/** A member of a body at the deviation's current level. */
export const mayDecide = (d: Held) => d.viewer.atCurrentBody;
/** The reporter's unit. */
export const mayClose = (d: Held) => d.viewer.reporter;

export function assertMayAnswer(d: Held) {
  if (!mayAnswer(d)) throw forbidden('Bara en chef hos en berörd huvudman kan besvara avvikelsen.');
}
export function assertMayEscalate(d: Held) {
  if (!mayEscalate(d))
    throw forbidden(
      d.atManagers
        ? 'Bara den rapporterande enheten eller en mottagande chef kan föra avvikelsen vidare.'
        : 'Bara en ledamot i det samverkansorgan som har avvikelsen kan föra den vidare.',
    );
}
export function assertMayDecide(d: Held) {
  if (!mayDecide(d)) throw forbidden('Bara en ledamot i det samverkansorgan som har avvikelsen kan besluta.');
}
export function assertMayClose(d: Held) {
  if (!mayClose(d)) throw forbidden('Bara den rapporterande enheten kan avsluta avvikelsen.');
}

/**
 * The actions a deviation's page offers: who may (above) and when the use case would take it (open; answering
 * and closing at the managers' level, an answer still due from the caller's unit, closing once answered; deciding at
 * a body's level; a level above to escalate to).
 */
export function deviationActions(
  d: Held & { status: string; hasNextLevel: boolean; answerDueFromViewer: boolean },
) {
  const open = d.status !== 'closed';
  return {
    answer: open && d.atManagers && mayAnswer(d) && d.answerDueFromViewer,
    escalate: open && d.hasNextLevel && mayEscalate(d),
    decide: open && !d.atManagers && mayDecide(d),
    close: open && d.atManagers && mayClose(d) && d.status === 'answered',
  };
}

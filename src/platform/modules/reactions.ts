import type { Db } from '../../db/client.ts';
import type { UserContext } from '../http/context.ts';

/**
 * A module's part when a county administrator closes a unit, or moves it to another principal
 * (organisations/admin/units.ts). The administration asks each module that keeps work of units through its
 * manifest, never by importing it: how much open work the unit holds there, whether any record there ties the
 * unit to its principal, and, when the unit closes with a successor, to hand its open work over.
 */
export type UnitClosedReaction = {
  /** The name of the count handed over, in the closure's answer and the administration log ('sips'). */
  key: string;
  /** Which of the administration's two sums the open work adds to: SIPs, or cases (deviations, disputes). */
  work: 'sips' | 'cases';
  /** How many open records the unit holds here; a unit with any closes only with a successor. */
  openWork: (tx: Db, unitId: string) => Promise<number>;
  /** Whether any record here, closed too, belongs to the unit's principal: such a unit never moves. */
  tiesUnitToPrincipal?: (tx: Db, unitId: string) => Promise<boolean>;
  /** Hands the closing unit's open records to its successor in the caller's transaction; how many it moved. */
  handOver: (tx: Db, ctx: UserContext, fromUnitId: string, toUnitId: string) => Promise<number>;
};

let unitClosed: UnitClosedReaction[] | null = null;

/** Called by registerModules with every manifest's reaction, in the order of the manifests. */
export function registerUnitClosedReactions(reactions: readonly UnitClosedReaction[]): void {
  unitClosed = [...(unitClosed ?? []), ...reactions];
}

/**
 * The registered modules' reactions to a unit's closure. Throws before registerModules has run, so a script
 * that forgot it cannot close a unit and leave its open work behind.
 */
export function unitClosedReactions(): readonly UnitClosedReaction[] {
  if (!unitClosed) throw new Error('no modules registered: call registerModules with the manifests first');
  return unitClosed;
}

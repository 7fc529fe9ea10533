import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { unprocessable } from '../../platform/errors.ts';
import { principals, units } from './schema.ts';

/**
 * The care parties: the one filter that says which units may be a party to a person's care. Only an open care
 * or support unit (kind 'care') is ever offered or accepted as a unit invited to a SIP, responsible for an
 * intervention, holding the overall responsibility, or entering needs-inventory records; a governance body's unit
 * and an administrative unit never are (DOMAIN.md §1, issue 22 item 8).
 */
export function careParty(): SQL {
  return and(eq(units.active, true), eq(units.kind, 'care'))!;
}

export const notCarePartyMessage =
  'Ledningsgrupper och administrativa enheter kan inte vara part. Välj en vård- eller stödenhet.';

/** The open care units of these principals, with the principal's name, by principal and unit name. */
export async function careUnitsOfPrincipals(db: Db, principalIds: string[]) {
  if (principalIds.length === 0) return [];
  return db
    .select({ id: units.id, name: units.name, principalId: principals.id, principalName: principals.name })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(and(careParty(), inArray(units.principalId, principalIds)))
    .orderBy(asc(principals.name), asc(units.name));
}

/**
 * Refuses (422 at `path`) any of these existing units that is not a care unit. Units that do not exist, and
 * closed units, are for the caller's own checks (their messages say more), so only the kind is judged here.
 */
export async function assertCareParties(db: Db, unitIds: string[], path: string): Promise<void> {
  if (unitIds.length === 0) return;
  const [found] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, [...new Set(unitIds)]), ne(units.kind, 'care')))
    .limit(1);
  if (found) throw unprocessable(notCarePartyMessage, [{ path, message: notCarePartyMessage }]);
}

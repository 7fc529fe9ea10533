import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import { notFound } from '../../platform/errors.ts';
import { categoryLabels, managersHold, type PathLevel, readPath } from '../organisations/index.ts';
import { governanceBodies, principals, units } from '../organisations/schema.ts';
import { unitNameAt } from '../organisations/unit-names.ts';
import { atCurrentBody, deviationVisibleTo, receivedBy } from './access-rule.ts';
import { deviationEntries, deviationPrincipals, deviations } from './schema.ts';

export type DeviationAggregate = typeof deviations.$inferSelect & {
  categoryLabel: string;
  reportedByUnitName: string;
  reportedByPrincipalId: string;
  principals: { principalId: string; name: string; receivingUnitId: string; receivingUnitName: string }[];
  entries: (typeof deviationEntries.$inferSelect & { unitName: string; bodyName: string | null })[];
  path: PathLevel[];
  /** The managers of the principals concerned hold it now (its level names no body), not a body. */
  atManagers: boolean;
  /** What the caller's position lets them do; the use cases check the same again. */
  viewer: { reporter: boolean; receiver: boolean; atCurrentBody: boolean };
};

/**
 * Loads one deviation the user may see, with its principals, entries and path, and the user's position
 * towards it. 404 when it does not exist or the user may not see it: the two are not told apart.
 */
export async function loadDeviation(tx: Db, user: CurrentUser, id: string, forUpdate = false) {
  const query = tx
    .select({
      row: deviations,
      receiver: sql<boolean>`${receivedBy(user)}`,
      atCurrentBody: sql<boolean>`${atCurrentBody(user)}`,
    })
    .from(deviations)
    .where(and(eq(deviations.id, id), deviationVisibleTo(user)));
  const [found] = forUpdate ? await query.for('update', { of: deviations }) : await query;
  if (!found) throw notFound();
  const d = found.row;
  const categoryLabel = await categoryLabels(tx, d.countyCode, 'deviation', [d.category]);
  const concerned = await tx
    .select({
      principalId: deviationPrincipals.principalId,
      name: principals.name,
      receivingUnitId: deviationPrincipals.receivingUnitId,
      receivingUnitName: units.name,
    })
    .from(deviationPrincipals)
    .innerJoin(principals, eq(principals.id, deviationPrincipals.principalId))
    .innerJoin(units, eq(units.id, deviationPrincipals.receivingUnitId))
    .where(eq(deviationPrincipals.deviationId, id))
    .orderBy(asc(principals.name));
  const entries = await tx
    .select({
      entry: deviationEntries,
      unitName: unitNameAt(deviationEntries.byUnitId, deviationEntries.at),
      bodyName: governanceBodies.name,
    })
    .from(deviationEntries)
    .leftJoin(governanceBodies, eq(governanceBodies.id, deviationEntries.bodyId))
    .where(eq(deviationEntries.deviationId, id))
    .orderBy(asc(deviationEntries.seq));
  const [reporter] = await tx
    .select({ name: unitNameAt(units.id, d.reportedAt), principalId: units.principalId })
    .from(units)
    .where(eq(units.id, d.reportedByUnitId));
  const path = await readPath(tx, 'deviation', id);
  return {
    ...d,
    categoryLabel: categoryLabel(d.category),
    reportedByUnitName: reporter!.name,
    reportedByPrincipalId: reporter!.principalId,
    principals: concerned,
    entries: entries.map((e) => ({ ...e.entry, unitName: e.unitName, bodyName: e.bodyName })),
    path,
    atManagers: managersHold(path, d.level),
    viewer: {
      reporter: d.reportedByUnitId === user.unit.id,
      receiver: hasRole(user, 'manager') && Boolean(found.receiver),
      atCurrentBody: Boolean(found.atCurrentBody),
    },
  } satisfies DeviationAggregate;
}

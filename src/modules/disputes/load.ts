import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import { notFound } from '../../platform/errors.ts';
import { categoryLabels, type PathLevel, readPath } from '../organisations/index.ts';
import { governanceBodies, principals, units } from '../organisations/schema.ts';
import { unitNameAt } from '../organisations/unit-names.ts';
import { userSeesSip } from '../sip/index.ts';
import { atCurrentBody, disputeVisibleTo, receivedBy } from './access-rule.ts';
import { disputeEntries, disputeParties, disputes } from './schema.ts';

export type DisputeAggregate = Awaited<ReturnType<typeof loadDispute>>;

/**
 * One dispute the user may see, with parties, entries, path, and the user's position towards it; 404 when it
 * does not exist or the user may not see it. Whether the user sees the linked SIP is asked of the SIP's own
 * access rule, so the link is shown only to those who already have it; nothing about the person is read.
 */
export async function loadDispute(tx: Db, user: CurrentUser, id: string, forUpdate = false) {
  const query = tx
    .select({
      row: disputes,
      receiver: sql<boolean>`${receivedBy(user)}`,
      atCurrentBody: sql<boolean>`${atCurrentBody(user)}`,
      seesSip: userSeesSip(user, sql.raw('"disputes"."sip_id"')),
    })
    .from(disputes)
    .where(and(eq(disputes.id, id), disputeVisibleTo(user)));
  const [found] = forUpdate ? await query.for('update', { of: disputes }) : await query;
  if (!found) throw notFound();
  const d = found.row;
  const categoryLabel = await categoryLabels(tx, d.countyCode, 'dispute', [d.category]);
  const parties = await tx
    .select({
      principalId: disputeParties.principalId,
      name: principals.name,
      receivingUnitId: disputeParties.receivingUnitId,
      receivingUnitName: units.name,
    })
    .from(disputeParties)
    .innerJoin(principals, eq(principals.id, disputeParties.principalId))
    .innerJoin(units, eq(units.id, disputeParties.receivingUnitId))
    .where(eq(disputeParties.disputeId, id))
    .orderBy(asc(principals.name));
  const entries = await tx
    .select({
      entry: disputeEntries,
      unitName: unitNameAt(disputeEntries.byUnitId, disputeEntries.at),
      bodyName: governanceBodies.name,
    })
    .from(disputeEntries)
    .leftJoin(governanceBodies, eq(governanceBodies.id, disputeEntries.bodyId))
    .where(eq(disputeEntries.disputeId, id))
    .orderBy(asc(disputeEntries.seq));
  const [opener] = await tx
    .select({ name: unitNameAt(units.id, d.openedAt), principalId: units.principalId })
    .from(units)
    .where(eq(units.id, d.openedByUnitId));
  const [interim] = d.interimPrincipalId
    ? await tx
        .select({ name: principals.name })
        .from(principals)
        .where(eq(principals.id, d.interimPrincipalId))
    : [];
  const manager = hasRole(user, 'manager');
  return {
    ...d,
    categoryLabel: categoryLabel(d.category),
    openedByUnitName: opener!.name,
    openedByPrincipalId: opener!.principalId,
    interimPrincipalName: interim?.name ?? null,
    parties,
    entries: entries.map((e) => ({ ...e.entry, unitName: e.unitName, bodyName: e.bodyName })),
    path: (await readPath(tx, 'dispute', id)) as PathLevel[],
    viewer: {
      // A party's manager: in the unit that opened it, or in a unit that received it for a party.
      partyManager: manager && (d.openedByUnitId === user.unit.id || Boolean(found.receiver)),
      atCurrentBody: Boolean(found.atCurrentBody),
      seesSip: Boolean(found.seesSip),
    },
  };
}

import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { principalKindLabels } from './labels.ts';
import { type ResponsiblePrincipalKind, responsibilityRows, responsiblePrincipalKinds } from './schema.ts';

export type ResponsibilityFilter = {
  countyCode: string;
  principalKind?: ResponsiblePrincipalKind | undefined;
  search?: string | undefined;
};

const columns = {
  id: responsibilityRows.id,
  agreementId: responsibilityRows.agreementId,
  area: responsibilityRows.area,
  principalKind: responsibilityRows.principalKind,
  covers: responsibilityRows.covers,
  legalReference: responsibilityRows.legalReference,
  source: responsibilityRows.source,
};
export type ResponsibilityRow = {
  id: string;
  agreementId: string;
  area: string;
  principalKind: ResponsiblePrincipalKind;
  covers: string;
  legalReference: string | null;
  source: string;
};

/**
 * A county's responsibility list in the agreement's order, narrowed by principal and by a text search over
 * area, what is covered and the law. A list is a few dozen rows, so the search folds case in JavaScript with
 * Swedish rules: in SQL, ilike follows the database's character type, which on a server initialised without
 * a locale folds only A–Z, and Å, Ä, Ö would not match (and no % or _ in the search needs escaping).
 */
export async function listResponsibilities(
  db: Db,
  filter: ResponsibilityFilter,
): Promise<ResponsibilityRow[]> {
  const rows = await db
    .select(columns)
    .from(responsibilityRows)
    .where(
      and(
        eq(responsibilityRows.countyCode, filter.countyCode),
        filter.principalKind ? eq(responsibilityRows.principalKind, filter.principalKind) : undefined,
      ),
    )
    .orderBy(asc(responsibilityRows.agreementId), asc(responsibilityRows.position));
  const search = filter.search?.trim().toLocaleLowerCase('sv');
  if (!search) return rows;
  const fold = (text: string | null) => (text ?? '').toLocaleLowerCase('sv');
  return rows.filter((r) => [r.area, r.covers, r.legalReference].some((t) => fold(t).includes(search)));
}

/**
 * The county's list grouped by whose it is (Kommunen, Regionen, Gemensamt), for the SIP plan form where a
 * responsible unit is chosen for each intervention. Groups without rows are left out.
 */
export async function responsibilityGroups(db: Db, countyCode: string) {
  const rows = await listResponsibilities(db, { countyCode });
  const groups = responsiblePrincipalKinds
    .map((kind) => ({
      kind,
      label: principalKindLabels[kind],
      rows: rows.filter((r) => r.principalKind === kind),
    }))
    .filter((g) => g.rows.length > 0);
  return { countyCode, total: rows.length, groups };
}

/**
 * The county's rows on placements outside the home (their area begins "Placering"), for the SIP plan's cost
 * split: Värmland's section on placements, Sörmland §9. Empty for a county whose list has none.
 */
export async function placementResponsibilities(db: Db, countyCode: string) {
  const rows = await listResponsibilities(db, { countyCode });
  return rows
    .filter((r) => r.area.startsWith('Placering'))
    .map((r) => ({ ...r, whose: principalKindLabels[r.principalKind] }));
}

import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { unprocessable } from '../../platform/errors.ts';
import { type CaseKind, caseCategories, principals } from './schema.ts';

// Rules deviations and disputes share about the county's data they name.

/** 422 unless the category is one of the county's active categories of this kind of case. */
export async function assertCountyCategory(tx: Db, countyCode: string, key: string, caseKind: CaseKind) {
  const [found] = await tx
    .select({ key: caseCategories.key })
    .from(caseCategories)
    .where(
      and(
        eq(caseCategories.countyCode, countyCode),
        eq(caseCategories.caseKind, caseKind),
        eq(caseCategories.key, key),
        eq(caseCategories.active, true),
      ),
    );
  if (!found)
    throw unprocessable('Kategorin finns inte i länet.', [
      { path: 'category', message: 'Välj en av länets kategorier.' },
    ]);
}

/** 422 unless every id is a region, municipality or private provider of the county. */
export async function assertCasePrincipals(tx: Db, countyCode: string, ids: string[], path: string) {
  const found = ids.length
    ? await tx
        .select({ id: principals.id })
        .from(principals)
        .where(
          and(
            inArray(principals.id, ids),
            eq(principals.countyCode, countyCode),
            ne(principals.kind, 'userOrganisation'),
          ),
        )
    : [];
  if (ids.length === 0 || found.length !== ids.length)
    throw unprocessable('Välj huvudmän i länet: regionen, en kommun eller en privat utförare.', [
      { path, message: 'Välj minst en huvudman i länet.' },
    ]);
}

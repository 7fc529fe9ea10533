import type { Db } from '../../db/client.ts';
import { countyAgreementId } from '../agreements/index.ts';
import { seedLists } from './reference/rows.ts';
import { responsibilityRows } from './schema.ts';

/** The row's fixed id: county and position, so links and tests can name a row ("responsibility-17-01"). */
export const responsibilityRowId = (countyCode: string, position: number) =>
  `responsibility-${countyCode}-${String(position).padStart(2, '0')}`;

/** Loads the seeds' responsibility lists; called once, inside the demo data's transaction. */
export async function loadResponsibilityDemo(tx: Db): Promise<void> {
  const values = seedLists.flatMap(({ countyCode, rows }) =>
    rows.map((row, i) => ({
      ...row,
      id: responsibilityRowId(countyCode, i + 1),
      agreementId: countyAgreementId(countyCode),
      countyCode,
      position: i + 1,
    })),
  );
  await tx.insert(responsibilityRows).values(values);
}

import type { Db } from '../../db/client.ts';
import { agreements } from './schema.ts';

/** The county agreement's id for a county: fixed, so other modules' demo data can refer to it. */
export const countyAgreementId = (countyCode: string) => `agreement-${countyCode}`;

/** Loads the four seeds' agreements as demo data; called once, inside the demo data's transaction. */
export async function loadAgreementDemo(tx: Db): Promise<void> {
  const createdAt = new Date('2026-01-01T00:00:00Z');
  await tx.insert(agreements).values(
    ['04', '17', '18', '20'].map((countyCode) => ({
      id: countyAgreementId(countyCode),
      countyCode,
      kind: 'county' as const,
      title: `Överenskommelse ${countyCode}`,
      createdAt,
    })),
  );
}

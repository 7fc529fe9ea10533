import type { Db } from '../../db/client.ts';
import { createNotices } from '../../platform/notices/create-notices.ts';

// The notices the discharge process gives the concerned units: under "Mitt arbete" at once. A notice names the
// stay only, never the person; whoever opens it sees the stay through its access rule.
export const noticeKinds = [
  'discharge.admissionNotice',
  'discharge.expectedDateChanged',
  'discharge.ready',
  'discharge.readyRevoked',
  'discharge.discharged',
  'discharge.sipNotCalled',
] as const;
export type DischargeNoticeKind = (typeof noticeKinds)[number];

/** One notice per unit, keyed by kind, stay, occasion and unit so that each exists once. */
export function noticeUnits(
  tx: Db,
  now: Date,
  stayId: string,
  kind: DischargeNoticeKind,
  unitIds: readonly string[],
  occasion = '',
): Promise<number> {
  return createNotices(
    tx,
    now,
    [...new Set(unitIds)].map((unitId) => ({
      key: `${kind}:${stayId}:${occasion}:${unitId}`,
      kind,
      recipientUnitId: unitId,
      subject: { type: 'dischargeStay', id: stayId },
    })),
  );
}

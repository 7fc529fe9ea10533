import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import {
  dischargeDayDisputes,
  dischargeExpectedDates,
  dischargeReadiness,
  dischargeStays,
  dischargeStayUnits,
} from './schema.ts';

export type StayRow = typeof dischargeStays.$inferSelect;
export type StayAggregate = {
  stay: StayRow;
  units: (typeof dischargeStayUnits.$inferSelect)[];
  readiness: (typeof dischargeReadiness.$inferSelect)[];
  expectedDates: (typeof dischargeExpectedDates.$inferSelect)[];
  disputedDays: (typeof dischargeDayDisputes.$inferSelect)[];
};

/** A stay with its units, readiness periods, expected dates and disputed days. Access is checked by the caller. */
export async function loadStay(tx: Db, id: string): Promise<StayAggregate> {
  const [stay] = await tx.select().from(dischargeStays).where(eq(dischargeStays.id, id));
  if (!stay) throw notFound();
  return {
    stay,
    units: await tx
      .select()
      .from(dischargeStayUnits)
      .where(eq(dischargeStayUnits.stayId, id))
      .orderBy(asc(dischargeStayUnits.kind), asc(dischargeStayUnits.unitId)),
    readiness: await tx
      .select()
      .from(dischargeReadiness)
      .where(eq(dischargeReadiness.stayId, id))
      .orderBy(asc(dischargeReadiness.notifiedAt)),
    expectedDates: await tx
      .select()
      .from(dischargeExpectedDates)
      .where(eq(dischargeExpectedDates.stayId, id))
      .orderBy(asc(dischargeExpectedDates.seq)),
    disputedDays: await tx
      .select()
      .from(dischargeDayDisputes)
      .where(eq(dischargeDayDisputes.stayId, id))
      .orderBy(asc(dischargeDayDisputes.day)),
  };
}

/** The readiness period still open (judged ready, not revoked), if any. */
export const openReadiness = (a: StayAggregate) => a.readiness.find((r) => r.revokedAt === null) ?? null;

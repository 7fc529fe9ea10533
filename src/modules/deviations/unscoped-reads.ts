import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { deviationPrincipals, deviations } from './schema.ts';

// Reads of a deviation WITHOUT its access rule, for mail about work (the notifications module): the day it is
// due and the units that receive it. Units and dates only, never the deviation's text. Named "unscoped" so a
// caller sees that no access rule stands between it and the case.

/** A deviation's due day and level; null if there is none. */
export async function unscopedDeviationDue(db: Db, deviationId: string) {
  const [row] = await db
    .select({ dueOn: deviations.dueOn, level: deviations.level })
    .from(deviations)
    .where(eq(deviations.id, deviationId));
  return row ?? null;
}

/** The units that receive a deviation for its concerned principals, the reporting unit left out. */
export async function unscopedDeviationReceivingUnits(db: Db, deviationId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ unitId: deviationPrincipals.receivingUnitId })
    .from(deviationPrincipals)
    .innerJoin(deviations, eq(deviations.id, deviationPrincipals.deviationId))
    .where(
      and(
        eq(deviationPrincipals.deviationId, deviationId),
        ne(deviationPrincipals.receivingUnitId, deviations.reportedByUnitId),
      ),
    );
  return rows.map((r) => r.unitId);
}

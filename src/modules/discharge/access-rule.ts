import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AccessRule } from '../../platform/access/access-layer.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { unitAndPredecessors } from '../organisations/unit-names.ts';
import { dischargeStays, dischargeStayUnits } from './schema.ts';

/**
 * Who sees a stay, as one SQL condition for single reads and lists alike (the SIP's pattern): the inpatient unit
 * that sent the admission notice, and the units it notified (the concerned units, "berörda enheter":
 * legalBasis.concernedUnits, lag (2017:612) 1 kap. 1 §), each with the closed units it succeeded. Everyone else
 * gets 404, as if the stay did not exist.
 */
// Written out in full: Drizzle leaves columns unqualified in single-table queries.
const stayId = sql.raw('"discharge_stays"."id"');

export function stayVisibleTo(user: CurrentUser): SQL {
  const inpatient = sql`"discharge_stays"."inpatient_unit_id" in ${unitAndPredecessors(user.unit.id)}`;
  const notified = sql`exists (select 1 from ${dischargeStayUnits} su where su.stay_id = ${stayId}
                        and su.unit_id in ${unitAndPredecessors(user.unit.id)})`;
  return sql`(${inpatient} or ${notified})`;
}

/** The access layer's rule for an object of type 'dischargeStay' (registered through the module's manifest). */
export const dischargeStayAccessRule: AccessRule = async (tx, user, id) => {
  const [row] = await tx
    .select({ personId: dischargeStays.personId, personName: dischargeStays.personName })
    .from(dischargeStays)
    .where(and(eq(dischargeStays.id, id), stayVisibleTo(user)));
  return row ?? null;
};

import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { unitChanges, units } from './schema.ts';

/**
 * SQL: the name a unit had at an instant. A rename or move keeps the name before it in unit_changes, so a
 * record from before the change (an access-log row, a deviation's report) shows the unit as it was called
 * then: the name held until the first change after the instant, or the name it has now.
 */
export function unitNameAt(unitId: AnyColumn | SQL, at: AnyColumn | SQL | Date): SQL<string> {
  const instant = at instanceof Date ? sql`${at.toISOString()}::timestamptz` : at;
  return sql<string>`coalesce(
    (select uc.previous_name from ${unitChanges} uc where uc.unit_id = ${unitId} and uc.changed_at > ${instant}
      order by uc.changed_at asc limit 1),
    (select un.name from ${units} un where un.id = ${unitId}))`;
}

/**
 * SQL: the unit and the closed units it succeeded, as a set for `column in (...)`. A unit that closes hands its
 * records to its successor (units.successor_unit_id names the heir, kept current when the heir closes too), so
 * the successor's staff read what the closed unit convened, reported or opened.
 */
export function unitAndPredecessors(unitId: string): SQL {
  return sql`(select un.id from ${units} un where un.id = ${unitId} or un.successor_unit_id = ${unitId})`;
}

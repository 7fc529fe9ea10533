import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { units } from './schema.ts';

/**
 * SQL: the name a unit had at an instant. A rename or move keeps the name before it in unit_changes, so a
 * record from before the change (an access-log row, a deviation's report) shows the unit as it was called
 * then: the name held until the first change after the instant, or the name it has now. The SQL function
 * unit_name_at (migration 0007) does the lookup.
 */
export function unitNameAt(unitId: AnyColumn | SQL, at: AnyColumn | SQL | Date): SQL<string> {
  const instant = at instanceof Date ? sql`${at.toISOString()}::timestamptz` : at;
  return sql<string>`unit_name_at(${unitId}, ${instant})`;
}

/**
 * SQL: the unit and the closed units it succeeded, as a set for `column in (...)`. A unit that closes hands its
 * records to its successor (units.successor_unit_id names the heir, kept current when the heir closes too), so
 * the successor's staff read what the closed unit convened, reported or opened.
 */
export function unitAndPredecessors(unitId: string): SQL {
  return sql`(select un.id from ${units} un where un.id = ${unitId} or un.successor_unit_id = ${unitId})`;
}

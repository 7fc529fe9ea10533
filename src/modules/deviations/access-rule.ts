import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { hasRole } from '../../platform/auth/current-user.ts';
import { currentBodyOf, reachedBodyOf } from '../organisations/ladder.ts';
import { deviationPrincipals, deviations } from './schema.ts';

// Written out in full: inside the subqueries an unqualified "id" or "level" would bind to the inner table.
const deviationId = sql.raw('"deviations"."id"');
const deviationLevel = sql.raw('"deviations"."level"');

/**
 * Who sees a deviation (API.md "Deviations"), as one SQL condition for single reads and lists alike: the
 * reporter's unit; managers of the unit that received it for a concerned principal; members of a governance
 * body it has reached. Anyone else gets 404.
 */
export function deviationVisibleTo(user: CurrentUser): SQL {
  const sees: SQL[] = [sql`"deviations"."reported_by_unit_id" = ${user.unit.id}`];
  if (hasRole(user, 'manager')) sees.push(receivedBy(user));
  sees.push(reachedBodyOf('deviation', user.id, deviationId, deviationLevel));
  return and(eq(deviations.countyCode, user.county.code), or(...sees))!;
}

/** SQL: the user's unit received the deviation for a concerned principal. */
export function receivedBy(user: CurrentUser): SQL {
  return sql`exists (select 1 from ${deviationPrincipals} dp
    where dp.deviation_id = ${deviationId} and dp.receiving_unit_id = ${user.unit.id})`;
}

/** SQL: the user is a member of a body at the deviation's current level. */
export function atCurrentBody(user: CurrentUser): SQL {
  return currentBodyOf('deviation', user.id, deviationId, deviationLevel);
}

import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import { currentBodyOf, reachedBodyOf } from '../organisations/index.ts';
import { unitAndPredecessors } from '../organisations/unit-names.ts';
import { disputeParties, disputes } from './schema.ts';

// Written out in full: inside the subqueries an unqualified "id" or "level" would bind to the inner table.
const disputeId = sql.raw('"disputes"."id"');
const disputeLevel = sql.raw('"disputes"."level"');

/**
 * Who sees a dispute: the unit that opened it (or its successor, once it has closed); managers of the units that received it for a party; members of
 * a governance body it has reached. Anyone else gets 404.
 */
export function disputeVisibleTo(user: CurrentUser): SQL {
  const sees: SQL[] = [sql`"disputes"."opened_by_unit_id" in ${unitAndPredecessors(user.unit.id)}`];
  if (hasRole(user, 'manager')) sees.push(receivedBy(user));
  sees.push(reachedBodyOf('dispute', user.id, disputeId, disputeLevel));
  return and(eq(disputes.countyCode, user.county.code), or(...sees))!;
}

export function receivedBy(user: CurrentUser): SQL {
  return sql`exists (select 1 from ${disputeParties} dp
    where dp.dispute_id = ${disputeId} and dp.receiving_unit_id = ${user.unit.id})`;
}

export function atCurrentBody(user: CurrentUser): SQL {
  return currentBodyOf('dispute', user.id, disputeId, disputeLevel);
}

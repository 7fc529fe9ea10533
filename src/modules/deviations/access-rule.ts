import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { hasRole } from '../../platform/auth/current-user.ts';
import { currentBodyOf, managersHoldSql, reachedBodyOf } from '../organisations/index.ts';
import { escalationPathBodies, governanceBodyMembers } from '../organisations/schema.ts';
import { unitAndPredecessors } from '../organisations/unit-names.ts';
import { deviationPrincipals, deviations } from './schema.ts';

// Written out in full: inside the subqueries an unqualified "id" or "level" would bind to the inner table.
const deviationId = sql.raw('"deviations"."id"');
const deviationLevel = sql.raw('"deviations"."level"');

/**
 * Who sees a deviation (API.md "Deviations"), as one SQL condition for single reads and lists alike: the
 * reporter's unit (or its successor, once it has closed); managers of the unit that received it for a concerned principal; members of a governance
 * body it has reached. Anyone else gets 404.
 */
export function deviationVisibleTo(user: CurrentUser): SQL {
  const sees: SQL[] = [sql`"deviations"."reported_by_unit_id" in ${unitAndPredecessors(user.unit.id)}`];
  if (hasRole(user, 'manager')) sees.push(receivedBy(user));
  sees.push(reachedBodyOf('deviation', user.id, deviationId, deviationLevel));
  return and(eq(deviations.countyCode, user.county.code), or(...sees))!;
}

/**
 * The same rule as a set: the ids of the deviations the user may see (visibleDeviationRows below), as one subquery
 * that PostgreSQL computes once and hashes. The per-row form above puts EXISTS checks inside an OR, which the
 * planner cannot turn into a join, so a list would check every deviation of the county one by one
 * (docs/decisions/0003, deviations).
 */
export function visibleDeviationIds(user: CurrentUser): SQL {
  return sql`"deviations"."id" in (select v.id from (${visibleDeviationRows(user, [])}) v)`;
}

/**
 * The rule's set form, as rows (id, reported_at) of the deviations the user sees that also meet `conditions`
 * (which name "deviations" as in any deviation query): the reporter's unit (or its successor), the managers of a
 * unit that received it, the members of a body it has reached. Each way of seeing is its own branch that reads
 * the deviation once, so a list's page is sorted and counted from these narrow rows and only its 25 are read in
 * full (issue 27); within a branch "deviations" is the branch's own row.
 */
export function visibleDeviationRows(user: CurrentUser, conditions: SQL[]): SQL {
  const meets = and(eq(deviations.countyCode, user.county.code), ...conditions);
  const received = hasRole(user, 'manager')
    ? sql`union select "deviations"."id", "deviations"."reported_at" from ${deviationPrincipals} dp
      join ${deviations} on "deviations"."id" = dp.deviation_id
      where dp.receiving_unit_id = ${user.unit.id} and ${meets}`
    : sql``;
  return sql`select "deviations"."id", "deviations"."reported_at" from ${deviations}
      where "deviations"."reported_by_unit_id" in ${unitAndPredecessors(user.unit.id)} and ${meets}
    ${received}
    union select "deviations"."id", "deviations"."reported_at" from ${escalationPathBodies} pb
      join ${governanceBodyMembers} gm on gm.body_id = pb.body_id
      join ${deviations} on "deviations"."id" = pb.case_id
      where pb.case_kind = 'deviation' and gm.user_id = ${user.id} and pb.level <= "deviations"."level"
        and ${meets}`;
}

/** SQL: the managers hold the deviation at its current level (its path names no body there). */
export const managersHoldHere = managersHoldSql('deviation', deviationId, deviationLevel);

/** SQL: the user's unit received the deviation for a concerned principal. */
export function receivedBy(user: CurrentUser): SQL {
  return sql`exists (select 1 from ${deviationPrincipals} dp
    where dp.deviation_id = ${deviationId} and dp.receiving_unit_id = ${user.unit.id})`;
}

/** SQL: the user is a member of a body at the deviation's current level. */
export function atCurrentBody(user: CurrentUser): SQL {
  return currentBodyOf('deviation', user.id, deviationId, deviationLevel);
}

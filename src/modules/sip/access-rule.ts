import { type AnyColumn, and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AccessRule } from '../../platform/access/access-layer.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { units } from '../organisations/schema.ts';
import { unitAndPredecessors } from '../organisations/unit-names.ts';
import { sipInvitations, sipParticipants, sips } from './schema.ts';

/**
 * Who may see a SIP (DESIGN.md "Access and privacy model"), as SQL used for single reads and, in its set form
 * (visibleSipIds), for lists: the user's unit convenes it (or succeeded the closed unit that did); or the unit takes
 * part (it has accepted an invitation, or one waits for its answer) while the consent is in force and covers the
 * user's principal. Before consent only the convening unit sees it; after withdrawal only the convening unit
 * does. A unit that declines is out, whatever the plan names, until it is invited again: its newest answered
 * invitation decides, and an invitation sent after the decline lets it read again to answer.
 * The plan grants nothing: it may name only units that convene or have accepted (unitsThatTakePart).
 *
 * "Takes part while the consent covers the principal" is kept in sip_participants (participation.ts writes it in
 * the transaction of every change to the invitations or the consent), so the rule is one indexed lookup instead of
 * four EXISTS over the invitations and the consent (issue 27).
 */
// Written out in full: Drizzle leaves a column unqualified in single-table queries, and an unqualified "id"
// inside these subqueries would bind to the inner table's own id.
const sipId = sql.raw('"sips"."id"');

/** The unit declined an invitation sent after this one (seq is the order invitations were sent in). */
const declinedLater = (unitId: string | SQL, seq: SQL) =>
  sql`exists (select 1 from ${sipInvitations} d where d.sip_id = ${sipId} and d.unit_id = ${unitId}
              and d.status = 'declined' and d.seq > ${seq})`;

/** The unit accepted an invitation and has declined none sent after it. */
export const acceptedBy = (unitId: string | SQL) =>
  sql`exists (select 1 from ${sipInvitations} a where a.sip_id = ${sipId} and a.unit_id = ${unitId}
              and a.status = 'accepted' and not ${declinedLater(unitId, sql.raw('a.seq'))})`;

/** A closed unit's SIPs pass to the unit that succeeded it: open ones are handed over when it closes, and its
 * closed ones stay convened by it and are read by its successor. */
const convenedBy = (user: CurrentUser) =>
  sql`"sips"."convening_unit_id" in ${unitAndPredecessors(user.unit.id)}`;

/** SQL: the SIP (the row of "sips" in the query) is one the user may see. For single reads and EXISTS. */
export function sipVisibleTo(user: CurrentUser): SQL {
  const takesPartUnderConsent = sql`exists (select 1 from ${sipParticipants} sp where sp.sip_id = ${sipId}
    and sp.unit_id = ${user.unit.id} and sp.principal_id = ${user.principal.id})`;
  return or(convenedBy(user), takesPartUnderConsent)!;
}

/**
 * The same rule as a set, for lists: the SIPs the user takes part in under consent (an index range of
 * sip_participants) and those the unit or its predecessors convene (an index of sips), which PostgreSQL joins to the
 * list instead of checking every SIP of the database; the cost follows the SIPs the user sees, not all there are.
 */
export function visibleSipIds(user: CurrentUser): SQL {
  return sql`"sips"."id" in (
    select sp.sip_id from ${sipParticipants} sp where sp.unit_id = ${user.unit.id} and sp.principal_id = ${user.principal.id}
    union all
    select cs.id from ${sips} cs where cs.convening_unit_id in ${unitAndPredecessors(user.unit.id)})`;
}

/**
 * Of these units, those that work on the SIP's plan: the convening unit and the units that have accepted (and
 * not declined since). Only they may change the plan or record its follow-up, and only they may be named in it.
 */
export async function unitsThatTakePart(tx: Db, sip: string, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .select({ id: units.id })
    .from(units)
    .innerJoin(sips, eq(sips.id, sip))
    .where(
      and(
        inArray(units.id, unitIds),
        or(eq(sips.conveningUnitId, units.id), acceptedBy(sql.raw('"units"."id"'))),
      ),
    );
  return rows.map((r) => r.id);
}

/** The access layer's rule for an object of type 'sip' (registered through the module's manifest). */
export const sipAccessRule: AccessRule = async (tx, user, sipId) => {
  const [row] = await tx
    .select({ personId: sips.personId, personName: sips.personName })
    .from(sips)
    .where(and(eq(sips.id, sipId), sipVisibleTo(user)));
  return row ?? null;
};

// For other modules (a dispute may name a SIP): the same rule, asked about one SIP. Neither reads the person.

/** SQL: a SIP with this id exists and the user sees it. */
export function userSeesSip(user: CurrentUser, sipIdValue: AnyColumn | SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${sips} where "sips"."id" = ${sipIdValue} and ${sipVisibleTo(user)})`;
}

/** The SIP's id if the user sees that SIP, otherwise null. */
export async function visibleSipId(tx: Db, user: CurrentUser, sipIdValue: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: sips.id })
    .from(sips)
    .where(and(eq(sips.id, sipIdValue), sipVisibleTo(user)));
  return row?.id ?? null;
}

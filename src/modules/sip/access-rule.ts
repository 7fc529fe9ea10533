import { type AnyColumn, and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AccessRule } from '../../platform/access/access-layer.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { units } from '../organisations/schema.ts';
import { unitAndPredecessors } from '../organisations/unit-names.ts';
import { sipConsentPrincipals, sipConsents, sipInvitations, sips } from './schema.ts';

/**
 * Who may see a SIP (DESIGN.md "Access and privacy model"), as one SQL condition used for single reads and
 * for lists alike: the user's unit convenes it (or succeeded the closed unit that did); or the unit takes part
 * (it has accepted an invitation, or one waits for its answer) while the consent is in force and covers the
 * user's principal. Before consent only the convening unit sees it; after withdrawal only the convening unit
 * does. A unit that declines is out, whatever the plan names, until it is invited again: its newest answered
 * invitation decides, and an invitation sent after the decline lets it read again to answer.
 * The plan grants nothing: it may name only units that convene or have accepted (unitsThatTakePart).
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

/** An invitation waits for the unit's answer, and the unit has declined none sent after it. */
const awaitsAnswerOf = (unitId: string | SQL) =>
  sql`exists (select 1 from ${sipInvitations} p where p.sip_id = ${sipId} and p.unit_id = ${unitId}
              and p.status = 'pending' and not ${declinedLater(unitId, sql.raw('p.seq'))})`;

export function sipVisibleTo(user: CurrentUser): SQL {
  const takesPart = or(acceptedBy(user.unit.id), awaitsAnswerOf(user.unit.id));
  const consentCovers = and(
    sql`exists (select 1 from ${sipConsents} c where c.sip_id = ${sipId} and c.withdrawn_on is null)`,
    sql`exists (select 1 from ${sipConsentPrincipals} cp where cp.sip_id = ${sipId} and cp.principal_id = ${user.principal.id})`,
  );
  // A closed unit's SIPs pass to the unit that succeeded it: open ones are handed over when it closes, and its
  // closed ones stay convened by it and are read by its successor.
  const convenes = sql`"sips"."convening_unit_id" in ${unitAndPredecessors(user.unit.id)}`;
  return or(convenes, and(takesPart, consentCovers))!;
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

import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { registerAccessRule } from '../../platform/access/access-layer.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { unitAndPredecessors } from '../organisations/unit-names.ts';
import { sipConsentPrincipals, sipConsents, sipInvitations, sipPlanUnits, sips } from './schema.ts';

/**
 * Who may see a SIP (DESIGN.md "Access and privacy model"), as one SQL condition used for single reads and
 * for lists alike: the user's unit convenes it (or succeeded the closed unit that did); or the unit takes part (an invitation pending or accepted, or a
 * unit named in the current plan) while the consent is in force and covers the user's principal. Before
 * consent only the convening unit sees it; after withdrawal only the convening unit does.
 */
// Written out in full: Drizzle leaves a column unqualified in single-table queries, and an unqualified "id"
// inside these subqueries would bind to the inner table's own id.
const sipId = sql.raw('"sips"."id"');

export function sipVisibleTo(user: CurrentUser): SQL {
  const takesPart = or(
    sql`exists (select 1 from ${sipInvitations} i where i.sip_id = ${sipId} and i.unit_id = ${user.unit.id}
                and i.status in ('pending', 'accepted'))`,
    sql`exists (select 1 from ${sipPlanUnits} pu where pu.sip_id = ${sipId} and pu.unit_id = ${user.unit.id})`,
  );
  const consentCovers = and(
    sql`exists (select 1 from ${sipConsents} c where c.sip_id = ${sipId} and c.withdrawn_on is null)`,
    sql`exists (select 1 from ${sipConsentPrincipals} cp where cp.sip_id = ${sipId} and cp.principal_id = ${user.principal.id})`,
  );
  // A closed unit's SIPs pass to the unit that succeeded it: open ones are handed over when it closes, and its
  // closed ones stay convened by it and are read by its successor.
  const convenes = sql`"sips"."convening_unit_id" in ${unitAndPredecessors(user.unit.id)}`;
  return or(convenes, and(takesPart, consentCovers))!;
}

registerAccessRule('sip', async (tx, user, sipId) => {
  const [row] = await tx
    .select({ personId: sips.personId, personName: sips.personName })
    .from(sips)
    .where(and(eq(sips.id, sipId), sipVisibleTo(user)));
  return row ?? null;
});

import { and, asc, eq, sql } from 'drizzle-orm';
import { listPersonData } from '../../platform/access/access-layer.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { presentPerson } from '../people/present.ts';
import { sipVisibleTo } from './access-rule.ts';
import { sipInvitations, sips } from './schema.ts';

/**
 * Invitations to the caller's unit that wait for an answer ("Mitt arbete"), soonest meeting first. Scoped by
 * the same access rule as everything else, so a withdrawn consent removes them at once.
 */
export async function listPendingInvitations(ctx: UserContext) {
  const rows = await listPersonData(ctx, 'sip', (tx, user) =>
    tx
      .select({
        objectId: sips.id,
        personId: sips.personId,
        invitationId: sipInvitations.id,
        meetingAt: sipInvitations.meetingAt,
        conveningUnitId: sips.conveningUnitId,
      })
      .from(sipInvitations)
      .innerJoin(sips, sql`"sips"."id" = ${sipInvitations.sipId}`)
      .where(
        and(
          eq(sipInvitations.unitId, user.unit.id),
          eq(sipInvitations.status, 'pending'),
          sipVisibleTo(user),
        ),
      )
      .orderBy(asc(sipInvitations.meetingAt)),
  );
  return rows.map((r) => ({
    invitationId: r.invitationId,
    sipId: r.objectId,
    meetingAt: r.meetingAt,
    conveningUnitId: r.conveningUnitId,
    person: presentPerson(r.person, 'elsewhere'),
  }));
}

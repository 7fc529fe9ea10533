import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { listPersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { notices } from '../../platform/notices/schema.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { sipVisibleTo } from './access-rule.ts';
import { sipInvitations, sips } from './schema.ts';

// What waits for the caller's unit in "Mitt arbete". Every list is scoped by the same access rule as the SIP
// itself, so a withdrawn consent or a closed SIP removes its items at once; persons are shown as in lists.

/** Invitations to the caller's unit that wait for an answer, soonest meeting first. */
export async function listPendingInvitations(ctx: UserContext) {
  const rows = await listPersonData(ctx, 'sip', (tx, user) =>
    tx
      .select({
        objectId: sips.id,
        personId: sips.personId,
        personName: sips.personName,
        invitationId: sipInvitations.id,
        meetingAt: sipInvitations.meetingAt,
        answerBy: sipInvitations.answerBy,
        conveningUnitId: sips.conveningUnitId,
      })
      .from(sipInvitations)
      .innerJoin(sips, sql`"sips"."id" = ${sipInvitations.sipId}`)
      .where(
        and(
          eq(sipInvitations.unitId, user.unit.id),
          eq(sipInvitations.status, 'pending'),
          eq(sips.status, 'active'),
          sipVisibleTo(user),
        ),
      )
      .orderBy(asc(sipInvitations.meetingAt)),
  );
  return rows.map((r) => ({
    invitationId: r.invitationId,
    sipId: r.objectId,
    meetingAt: r.meetingAt,
    answerBy: r.answerBy,
    overdue: r.answerBy < isoDate(ctx.now),
    conveningUnitId: r.conveningUnitId,
    person: presentPerson(r.person, 'elsewhere'),
  }));
}

/** SIPs whose follow-up date has passed, for the unit with the overall responsibility. */
export async function listOverdueFollowUps(ctx: UserContext) {
  const rows = await listPersonData(ctx, 'sip', (tx, user) =>
    tx
      .select({
        objectId: sips.id,
        personId: sips.personId,
        personName: sips.personName,
        followUpDueOn: sips.followUpDueOn,
      })
      .from(sips)
      .where(
        and(
          eq(sips.overallUnitId, user.unit.id),
          eq(sips.status, 'active'),
          lt(sips.followUpDueOn, isoDate(ctx.now)),
          sipVisibleTo(user),
        ),
      )
      .orderBy(asc(sips.followUpDueOn)),
  );
  return rows.map((r) => ({
    sipId: r.objectId,
    followUpDueOn: r.followUpDueOn!,
    person: presentPerson(r.person, 'elsewhere'),
  }));
}

/**
 * Invitations the convening unit is told about: not answered by their last day (flagged by the reminder job),
 * while they still wait for an answer.
 */
export async function listUnansweredInvitationFlags(ctx: UserContext) {
  const rows = await listPersonData(ctx, 'sip', (tx, user) =>
    tx
      .select({
        objectId: sips.id,
        personId: sips.personId,
        personName: sips.personName,
        unitId: sipInvitations.unitId,
        answerBy: sipInvitations.answerBy,
      })
      .from(notices)
      .innerJoin(sipInvitations, eq(sipInvitations.id, notices.subjectId))
      .innerJoin(sips, sql`"sips"."id" = ${sipInvitations.sipId}`)
      .where(
        and(
          eq(notices.recipientUnitId, user.unit.id),
          eq(notices.kind, 'sip.invitationUnanswered'),
          eq(sipInvitations.status, 'pending'),
          eq(sips.status, 'active'),
          sipVisibleTo(user),
        ),
      )
      .orderBy(asc(sipInvitations.answerBy)),
  );
  return rows.map((r) => ({
    sipId: r.objectId,
    unitId: r.unitId,
    answerBy: r.answerBy,
    person: presentPerson(r.person, 'elsewhere'),
  }));
}

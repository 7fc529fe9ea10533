import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { Job, JobContext } from '../../platform/jobs/scheduler.ts';
import { createNotices } from '../../platform/notices/create-notices.ts';
import './events.ts';
import { sipInvitations, sips } from './schema.ts';

/**
 * An invitation not answered by its last day is reminded to the invited unit and flagged to the convening
 * unit, once. Rows are claimed with FOR UPDATE SKIP LOCKED and marked reminded in the same transaction, and
 * notices are keyed, so two instances running this at the same moment create each notice exactly once.
 */
export async function remindUnansweredInvitations(tx: Db, ctx: JobContext): Promise<number> {
  const today = isoDate(ctx.now);
  const due = await tx
    .select({
      id: sipInvitations.id,
      sipId: sipInvitations.sipId,
      unitId: sipInvitations.unitId,
      conveningUnitId: sips.conveningUnitId,
      countyCode: sips.countyCode,
    })
    .from(sipInvitations)
    .innerJoin(sips, eq(sips.id, sipInvitations.sipId))
    .where(
      and(
        eq(sipInvitations.status, 'pending'),
        isNull(sipInvitations.remindedAt),
        lt(sipInvitations.answerBy, today),
        ne(sips.status, 'closed'),
        // A unit whose principal the consent no longer covers (the person withdrew it) no longer sees the SIP.
        sql`exists (select 1 from sip_consent_principals cp join units u on u.principal_id = cp.principal_id
                    where cp.sip_id = ${sips.id} and u.id = ${sipInvitations.unitId})`,
      ),
    )
    .orderBy(sipInvitations.id)
    .limit(500)
    .for('update', { of: sipInvitations, skipLocked: true });
  if (due.length === 0) return 0;

  await tx
    .update(sipInvitations)
    .set({ remindedAt: ctx.now })
    .where(sql`${sipInvitations.id} in ${due.map((d) => d.id)}`);
  for (const invitation of due) {
    await recordEvent(
      tx,
      { now: ctx.now, user: null, countyCode: invitation.countyCode },
      'sip.invitationReminded',
      { type: 'sip', id: invitation.sipId },
      { sipId: invitation.sipId, invitationId: invitation.id, unitId: invitation.unitId },
    );
  }
  return createNotices(
    tx,
    ctx.now,
    due.flatMap((d) => [
      {
        key: `sip.invitationReminder:${d.id}`,
        kind: 'sip.invitationReminder',
        recipientUnitId: d.unitId,
        subject: { type: 'sipInvitation', id: d.id },
      },
      {
        key: `sip.invitationUnanswered:${d.id}`,
        kind: 'sip.invitationUnanswered',
        recipientUnitId: d.conveningUnitId,
        subject: { type: 'sipInvitation', id: d.id },
      },
    ]),
  );
}

export const remindInvitationsJob: Job = {
  name: 'sip.remindUnansweredInvitations',
  run: remindUnansweredInvitations,
};

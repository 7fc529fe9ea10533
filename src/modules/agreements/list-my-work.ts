import { and, desc, eq, inArray } from 'drizzle-orm';
import { hasRole } from '../../platform/auth/current-user.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { notices } from '../../platform/notices/schema.ts';
import { loadAgreement } from './load.ts';
import { nextFollowUpOn } from './present.ts';
import { agreements } from './schema.ts';

/**
 * For "Mitt arbete": the agreements the administrator's unit was warned about that still need acting on: a
 * notice deadline not yet passed with no notice given, or a local agreement's follow-up that is due.
 */
export async function listAgreementWarnings(ctx: UserContext) {
  if (!hasRole(ctx.user, 'agreementAdmin')) return [];
  const today = isoDate(ctx.now);
  const rows = await ctx.db
    .selectDistinct({ id: agreements.id, kind: notices.kind })
    .from(notices)
    .innerJoin(agreements, eq(agreements.id, notices.subjectId))
    .where(
      and(
        eq(notices.recipientUnitId, ctx.user.unit.id),
        inArray(notices.kind, ['agreement.noticeDeadline', 'agreement.followUpDue']),
      ),
    )
    .orderBy(desc(notices.kind));
  const warnings = [];
  for (const row of rows) {
    const a = await loadAgreement(ctx.db, row.id, today);
    if (row.kind === 'agreement.noticeDeadline' && a.validity.noticeDeadline && !a.noticeGivenOn)
      warnings.push({
        id: a.id,
        title: a.title,
        kind: 'noticeDeadline',
        on: a.validity.noticeDeadline,
        endsOn: a.validity.currentEndsOn,
      });
    const followUp = nextFollowUpOn(a);
    if (row.kind === 'agreement.followUpDue' && followUp && followUp <= today)
      warnings.push({ id: a.id, title: a.title, kind: 'followUpDue', on: followUp, endsOn: null });
  }
  return warnings;
}

import { and, desc, eq, gte, like, ne, or, sql } from 'drizzle-orm';
import { listPersonData } from '../../platform/access/access-layer.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { notices } from '../../platform/notices/schema.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { stayVisibleTo } from './access-rule.ts';
import { noticeLate } from './rules.ts';
import { dischargeStays } from './schema.ts';

/**
 * The discharge notices to the caller's unit for "Mitt arbete", newest first: every notice about a stay not yet
 * discharged, and a week of those about discharged ones. The notice itself names the stay only; the person is
 * read here through the stay's access rule, as in every list (and logged).
 */
export async function listDischargeNotices(ctx: UserContext) {
  const weekAgo = new Date(ctx.now.getTime() - 7 * 86_400_000);
  const rows = await listPersonData(ctx, 'dischargeStay', (tx, user) =>
    tx
      .select({
        objectId: dischargeStays.id,
        personId: dischargeStays.personId,
        personName: dischargeStays.personName,
        noticeId: notices.id,
        kind: notices.kind,
        at: notices.createdAt,
        admittedAt: dischargeStays.admittedAt,
        noticeSentAt: dischargeStays.noticeSentAt,
        expectedReadyOn: dischargeStays.expectedReadyOn,
      })
      .from(notices)
      .innerJoin(dischargeStays, sql`"discharge_stays"."id" = ${notices.subjectId}`)
      .where(
        and(
          eq(notices.recipientUnitId, user.unit.id),
          eq(notices.subjectType, 'dischargeStay'),
          like(notices.kind, 'discharge.%'),
          or(ne(dischargeStays.status, 'discharged'), gte(notices.createdAt, weekAgo)),
          stayVisibleTo(user),
        ),
      )
      .orderBy(desc(notices.createdAt), desc(notices.id))
      .limit(200),
  );
  return rows.map((r) => ({
    stayId: r.objectId,
    kind: r.kind,
    at: r.at.toISOString(),
    noticeLate: noticeLate(r.admittedAt, r.noticeSentAt),
    expectedReadyOn: r.expectedReadyOn,
    person: presentPerson(r.person, 'elsewhere'),
  }));
}

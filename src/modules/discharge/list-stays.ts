import { and, asc, inArray, ne, sql } from 'drizzle-orm';
import { listPersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { stayVisibleTo } from './access-rule.ts';
import { paidDays, totalSek } from './payment.ts';
import { loadPaymentRules } from './payment-rules.ts';
import { noticeLate, sipCallLate, sipDueOn } from './rules.ts';
import { dischargeReadiness, dischargeStays, type StayStatus } from './schema.ts';

export type BoardFilter = { show: 'current' | 'all'; page: { number: number; size: number } };

/**
 * The discharge board: the stays the caller sees (the access rule, in SQL), current ones (not discharged) unless
 * all are asked for, the longest-ready first, paged in SQL so only the page's persons are read and logged. Each
 * row carries what a county watches: the notice on time or not, ready since when, the SIP's deadline, the days
 * the municipality pays so far and their amount.
 */
export async function listStays(ctx: UserContext, filter: BoardFilter) {
  let total = 0;
  const rows = await listPersonData(ctx, 'dischargeStay', async (tx, user) => {
    const where = and(
      stayVisibleTo(user),
      filter.show === 'current' ? ne(dischargeStays.status, 'discharged') : undefined,
    );
    const found = await tx
      .select({
        objectId: dischargeStays.id,
        personId: dischargeStays.personId,
        personName: dischargeStays.personName,
        countyCode: dischargeStays.countyCode,
        status: dischargeStays.status,
        inpatientUnitId: dischargeStays.inpatientUnitId,
        municipalityPrincipalId: dischargeStays.municipalityPrincipalId,
        admittedAt: dischargeStays.admittedAt,
        noticeSentAt: dischargeStays.noticeSentAt,
        expectedReadyOn: dischargeStays.expectedReadyOn,
        sipId: dischargeStays.sipId,
        sipCalledAt: dischargeStays.sipCalledAt,
        dischargedOn: dischargeStays.dischargedOn,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(dischargeStays)
      .where(where)
      .orderBy(
        sql`case ${dischargeStays.status} when 'ready' then 0 when 'inCare' then 1 else 2 end`,
        asc(dischargeStays.expectedReadyOn),
        asc(dischargeStays.id),
      )
      .limit(filter.page.size)
      .offset((filter.page.number - 1) * filter.page.size);
    total = found[0]?.total ?? 0;
    return found;
  });
  const ids = rows.map((r) => r.objectId);
  const periods = ids.length
    ? await ctx.db
        .select()
        .from(dischargeReadiness)
        .where(inArray(dischargeReadiness.stayId, ids))
        .orderBy(asc(dischargeReadiness.notifiedAt))
    : [];
  const rules = await loadPaymentRules(ctx.db, ctx.user.county.code);
  const today = isoDate(ctx.now);
  const stays = rows.map((r) => {
    const own = periods.filter((p) => p.stayId === r.objectId);
    const days = paidDays({
      countyCode: r.countyCode,
      periods: own,
      dischargedOn: r.dischargedOn,
      today,
      rules,
    });
    const first = own[0];
    // A discharge ends the open period without revoking it: "ready since" is only for a stay still ready.
    const open = r.status === 'ready' ? own.find((p) => !p.revokedAt) : undefined;
    return {
      id: r.objectId,
      person: presentPerson(r.person, 'elsewhere'),
      status: r.status as StayStatus,
      inpatientUnitId: r.inpatientUnitId,
      municipalityPrincipalId: r.municipalityPrincipalId,
      admittedAt: r.admittedAt.toISOString(),
      noticeLate: noticeLate(r.admittedAt, r.noticeSentAt),
      expectedReadyOn: r.expectedReadyOn,
      readySince: open?.notifiedAt.toISOString() ?? null,
      sipDueOn: first ? sipDueOn(first.notifiedAt) : null,
      sipCalled: r.sipId !== null,
      sipLate: first ? sipCallLate(first.notifiedAt, r.sipCalledAt ?? ctx.now) : false,
      dischargedOn: r.dischargedOn,
      paidDays: days.length,
      paidAmountSek: totalSek(days),
      // Some day is counted at a demo amount (the law's row as loaded), which every page says.
      demoAmount: days.some((d) => d.demoAmount),
    };
  });
  return { stays, total };
}

import { and, asc, inArray, sql } from 'drizzle-orm';
import { listPersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { stayVisibleTo } from './access-rule.ts';
import { paidDays, totalSek } from './payment.ts';
import { loadPaymentRules } from './payment-rules.ts';
import { dischargeDayDisputes, dischargeReadiness, dischargeStays } from './schema.ts';

/** The first and last day of a month 'YYYY-MM'. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first: `${month}-01`, last };
}

/**
 * The days the municipalities pay in a month, per patient and municipality, for the stays the caller sees (the
 * region's inpatient unit its own, a municipality's unit those it was notified about): each day at its rule's
 * amount, and the days the municipality disputes. Stays are read through the access rule and logged.
 */
export async function listPayments(ctx: UserContext, month: string) {
  const { first, last } = monthBounds(month);
  const rows = await listPersonData(ctx, 'dischargeStay', (tx, user) =>
    tx
      .select({
        objectId: dischargeStays.id,
        personId: dischargeStays.personId,
        personName: dischargeStays.personName,
        countyCode: dischargeStays.countyCode,
        municipalityPrincipalId: dischargeStays.municipalityPrincipalId,
        inpatientUnitId: dischargeStays.inpatientUnitId,
        dischargedOn: dischargeStays.dischargedOn,
      })
      .from(dischargeStays)
      .where(
        and(
          stayVisibleTo(user),
          sql`exists (select 1 from ${dischargeReadiness} r where r.stay_id = "discharge_stays"."id"
                      and (r.notified_at at time zone 'Europe/Stockholm')::date <= ${last}::date)`,
          sql`(${dischargeStays.dischargedOn} is null or ${dischargeStays.dischargedOn} > ${first}::date)`,
        ),
      )
      .orderBy(
        asc(dischargeStays.municipalityPrincipalId),
        asc(dischargeStays.admittedAt),
        asc(dischargeStays.id),
      ),
  );
  const ids = rows.map((r) => r.objectId);
  const periods = ids.length
    ? await ctx.db.select().from(dischargeReadiness).where(inArray(dischargeReadiness.stayId, ids))
    : [];
  const disputed = ids.length
    ? await ctx.db.select().from(dischargeDayDisputes).where(inArray(dischargeDayDisputes.stayId, ids))
    : [];
  const rules = await loadPaymentRules(ctx.db, ctx.user.county.code);
  const today = isoDate(ctx.now);
  const patients = rows
    .map((r) => {
      const days = paidDays({
        countyCode: r.countyCode,
        periods: periods.filter((p) => p.stayId === r.objectId),
        dischargedOn: r.dischargedOn,
        today,
        rules,
      }).filter((d) => d.day >= first && d.day <= last);
      const disputedDays = disputed.filter((d) => d.stayId === r.objectId && d.day >= first && d.day <= last);
      return {
        stayId: r.objectId,
        person: presentPerson(r.person, 'elsewhere'),
        municipalityPrincipalId: r.municipalityPrincipalId,
        inpatientUnitId: r.inpatientUnitId,
        days: days.map((d) => ({
          ...d,
          disputeId: disputedDays.find((x) => x.day === d.day)?.disputeId ?? null,
        })),
        totalDays: days.length,
        totalAmountSek: totalSek(days),
        disputedDays: disputedDays.length,
      };
    })
    .filter((p) => p.totalDays > 0);
  const municipalities = [...new Set(patients.map((p) => p.municipalityPrincipalId))].map((id) => {
    const own = patients.filter((p) => p.municipalityPrincipalId === id);
    return {
      municipalityPrincipalId: id,
      patients: own.length,
      totalDays: own.reduce((s, p) => s + p.totalDays, 0),
      totalAmountSek: own.reduce((s, p) => s + p.totalAmountSek, 0),
    };
  });
  return { month, patients, municipalities };
}

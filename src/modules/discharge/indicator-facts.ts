import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import { paidDays } from './payment.ts';
import { loadPaymentRules } from './payment-rules.ts';
import { sipCallDays } from './rules.ts';
import { dischargeReadiness, dischargeStays, dischargeStayUnits } from './schema.ts';

/**
 * Discharge planning as observations for the follow-up indicators (modules/followup), in the shape of
 * sip/indicator-facts.ts: measure, day (Swedish), unit, principal, bucket, value. Every observation is the paying
 * municipality's (principal), with no unit, so the indicators read per county, municipality and month. No row
 * names a person or a stay.
 * - dischargeNoticesOnTime: each admission notice, on the day it was sent; 'yes' within 24 hours of admission.
 * - dischargeDaysReadyToDischarge (median) and dischargeDaysReadyToDischargeMean (mean): days from the ready notice
 *   in force at discharge to the discharge day, on that day.
 * - dischargeSipsCalledInTime: each stay with a ready notice and both region and municipality notified, on its
 *   SIP's last day (three days after the first ready notice): 'yes' when called by then; counted once called or
 *   once that day has passed, unless the patient was discharged by then without one.
 * - dischargeReadmissions30: each discharge, on the discharge day: 'yes' when the same person was admitted again
 *   within 30 days; counted once readmitted or once the 30 days have passed.
 * - dischargePaidDays (count) and dischargePaidAmount (sum, kronor): each day the municipality pays, on that day,
 *   counted by payment.ts from the rules with their history (so computed here, not in SQL).
 */
export async function dischargeIndicatorFacts(tx: Db, countyCode: string, now: Date): Promise<SQL> {
  const today = isoDate(now);
  const onDay = (column: SQL) => sql`(${column} at time zone 'Europe/Stockholm')::date`;
  const paid = await paidDayFacts(tx, countyCode, today);
  // One parameter however many days: the rows as JSON, read back as a record set.
  const paidRows = sql`union all
    select p.measure, p.on_date, null, p.principal_id, '', p.value
      from jsonb_to_recordset(${JSON.stringify(paid)}::jsonb)
        as p(measure text, on_date date, principal_id text, value integer)`;
  return sql`
    with stays as (
      select s.*, (select r.notified_at from ${dischargeReadiness} r where r.stay_id = s.id
                   order by r.notified_at limit 1) as first_ready,
                  (select r.notified_at from ${dischargeReadiness} r where r.stay_id = s.id and r.revoked_at is null
                   order by r.notified_at desc limit 1) as open_ready,
                  exists (select 1 from ${dischargeStayUnits} u where u.stay_id = s.id and u.kind = 'regionalOutpatient')
                    and exists (select 1 from ${dischargeStayUnits} u where u.stay_id = s.id
                                and u.kind in ('socialServices', 'municipalHealthCare')) as needs_sip
      from ${dischargeStays} s where s.county_code = ${countyCode}
    )
    select 'dischargeNoticesOnTime' as measure, ${onDay(sql`s.notice_sent_at`)} as on_date, null::text as unit_id,
           s.municipality_principal_id as principal_id,
           case when s.notice_sent_at <= s.admitted_at + interval '24 hours' then 'yes' else 'no' end as bucket,
           null::integer as value
      from stays s
    union all
    select m.measure, s.discharged_on, null, s.municipality_principal_id, '',
           greatest(0, s.discharged_on - ${onDay(sql`s.open_ready`)})
      from stays s cross join (values ('dischargeDaysReadyToDischarge'), ('dischargeDaysReadyToDischargeMean')) as m(measure)
      where s.discharged_on is not null and s.open_ready is not null
    union all
    select 'dischargeSipsCalledInTime', ${onDay(sql`s.first_ready`)} + ${sipCallDays}::int, null,
           s.municipality_principal_id,
           case when s.sip_called_at is not null
                 and ${onDay(sql`s.sip_called_at`)} <= ${onDay(sql`s.first_ready`)} + ${sipCallDays}::int
                then 'yes' else 'no' end, null
      from stays s
      where s.first_ready is not null and s.needs_sip
        and (s.sip_called_at is not null
             or (${onDay(sql`s.first_ready`)} + ${sipCallDays}::int < ${today}::date
                 and (s.discharged_on is null or s.discharged_on > ${onDay(sql`s.first_ready`)} + ${sipCallDays}::int)))
    union all
    select 'dischargeReadmissions30', s.discharged_on, null, s.municipality_principal_id,
           case when again.id is not null then 'yes' else 'no' end, null
      from stays s
      left join lateral (
        select n.id from ${dischargeStays} n
         where n.person_id = s.person_id and n.id <> s.id and n.admitted_at > s.admitted_at
           and ${onDay(sql`n.admitted_at`)} between s.discharged_on and s.discharged_on + 30
         limit 1) again on true
      where s.discharged_on is not null and (again.id is not null or s.discharged_on + 30 < ${today}::date)
    ${paidRows}`;
}

/** Each paid day of the county's stays as two observations: the day (count) and its amount (sum). */
async function paidDayFacts(tx: Db, countyCode: string, today: string) {
  const stays = await tx
    .select({
      id: dischargeStays.id,
      principalId: dischargeStays.municipalityPrincipalId,
      dischargedOn: dischargeStays.dischargedOn,
    })
    .from(dischargeStays)
    .where(eq(dischargeStays.countyCode, countyCode));
  if (stays.length === 0) return [];
  const periods = await tx
    .select({
      stayId: dischargeReadiness.stayId,
      notifiedAt: dischargeReadiness.notifiedAt,
      revokedAt: dischargeReadiness.revokedAt,
    })
    .from(dischargeReadiness)
    .innerJoin(dischargeStays, eq(dischargeStays.id, dischargeReadiness.stayId))
    .where(eq(dischargeStays.countyCode, countyCode));
  const rules = await loadPaymentRules(tx, countyCode);
  const periodsOf = Map.groupBy(periods, (p) => p.stayId);
  return stays.flatMap((s) =>
    paidDays({
      countyCode,
      periods: periodsOf.get(s.id) ?? [],
      dischargedOn: s.dischargedOn,
      today,
      rules,
    }).flatMap((d) => [
      { measure: 'dischargePaidDays', on_date: d.day, principal_id: s.principalId, value: null },
      { measure: 'dischargePaidAmount', on_date: d.day, principal_id: s.principalId, value: d.amountSek },
    ]),
  );
}

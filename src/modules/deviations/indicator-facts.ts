import { type SQL, sql } from 'drizzle-orm';
import { units } from '../organisations/schema.ts';
import { deviationPrincipals, deviations } from './schema.ts';

/**
 * The county's deviations as observations for the follow-up indicators (modules/followup), in the shape of
 * sip/indicator-facts.ts: one row per deviation and dimension, on the day it was reported (Swedish time),
 * attributed to the reporting unit. The bucket is the category, the highest level reached, the outcome ('open'
 * while not closed), or, once per concerned principal, that principal. Counts only: no texts.
 */
export function deviationIndicatorFacts(countyCode: string): SQL {
  const reportedOn = sql`(d.reported_at at time zone 'Europe/Stockholm')::date`;
  return sql`
    select m.measure, ${reportedOn} as on_date, d.reported_by_unit_id as unit_id, u.principal_id,
           case m.measure when 'deviationsByCategory' then d.category
                           when 'deviationsByLevel' then d.level::text
                           else coalesce(d.outcome, 'open') end as bucket,
           null::integer as value
      from ${deviations} d
      join ${units} u on u.id = d.reported_by_unit_id
      cross join (values ('deviationsByCategory'), ('deviationsByLevel'), ('deviationsByOutcome')) as m(measure)
      where d.county_code = ${countyCode}
    union all
    select 'deviationsByPrincipal', ${reportedOn}, d.reported_by_unit_id, u.principal_id, p.principal_id, null
      from ${deviationPrincipals} p
      join ${deviations} d on d.id = p.deviation_id
      join ${units} u on u.id = d.reported_by_unit_id
      where d.county_code = ${countyCode}`;
}

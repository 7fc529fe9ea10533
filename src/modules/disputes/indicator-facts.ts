import { type SQL, sql } from 'drizzle-orm';
import { units } from '../organisations/schema.ts';
import { disputes } from './schema.ts';

/**
 * The county's disputes as observations for the follow-up indicators (modules/followup), in the shape of
 * sip/indicator-facts.ts: one row per dispute, on the day it was opened, attributed to the opening unit; the
 * bucket is the level at which it was decided, or 'open' while it is not.
 */
export function disputeIndicatorFacts(countyCode: string): SQL {
  return sql`
    select 'disputesByLevelSolved' as measure, (d.opened_at at time zone 'Europe/Stockholm')::date as on_date,
           d.opened_by_unit_id as unit_id, u.principal_id,
           case when d.status = 'decided' then d.level::text else 'open' end as bucket, null::integer as value
      from ${disputes} d
      join ${units} u on u.id = d.opened_by_unit_id
      where d.county_code = ${countyCode}`;
}

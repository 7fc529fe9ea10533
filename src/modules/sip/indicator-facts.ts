import { type SQL, sql } from 'drizzle-orm';
import { events } from '../../platform/events/schema.ts';
import { units } from '../organisations/schema.ts';
import { sips } from './schema.ts';

/**
 * The SIP work as observations for the follow-up indicators (modules/followup), one row per observation:
 * `measure`, the day it belongs to (`on_date`), the unit and principal it is attributed to, and a `bucket`
 * ('yes'/'no') or a `value` (days). Computed from the SIP events, which carry ids and dates only, and from the
 * SIPs' state for follow-ups that are overdue now. No row names a person or a SIP.
 *
 * Attribution: the convening unit, except an invitation, which is the invited unit's to answer.
 * - sipsStarted: each request, on the day it was made.
 * - daysToConsent: days from the request to the consent's date, on that date (never below 0: a consent
 *   given before the request was recorded counts as the same day).
 * - daysToFirstMeeting: days from the request to the first meeting any invitation named, once that day has come
 *   (not if the SIP was closed before it).
 * - daysToPlan: days from the request to the first plan version, on the day it was saved.
 * - invitationsAnsweredInTime: each invitation, on its last day to answer; 'yes' when answered by then. One not
 *   answered counts once its last day has passed, unless the SIP was closed by then.
 * - plansWithOwnWords: each plan version saved; 'yes' when it records the person's own words.
 * - plansChildrenConsidered: each plan version saved for a person who has or lives with children; 'yes' when
 *   it says their need of information and support was considered.
 * - followUpsOnTime: each follow-up date, on that date: 'yes' when a follow-up was held by then; 'no' when it
 *   was held later, or the date has passed with the SIP still active and no follow-up held.
 */
export function sipIndicatorFacts(countyCode: string, today: string): SQL {
  const onDay = (column: SQL) => sql`(${column} at time zone 'Europe/Stockholm')::date`;
  const ofType = (type: string) => sql`e.type = ${type} and e.county_code = ${countyCode}`;
  return sql`
    with requested as (
      select e.subject_id as sip_id, ${onDay(sql`e.at`)} as on_date,
             e.data->>'unitId' as unit_id, e.data->>'principalId' as principal_id
      from ${events} e where ${ofType('sip.requested')}
    ),
    answered as (
      select e.data->>'invitationId' as invitation_id, bool_or((e.data->>'withinDeadline')::boolean) as in_time
      from ${events} e where ${ofType('sip.invitationAnswered')} group by 1
    ),
    closed as (
      select e.subject_id as sip_id,
             min(case when e.type = 'sip.consentWithdrawn' then (e.data->>'withdrawnOn')::date
                      else ${onDay(sql`e.at`)} end) as closed_on
      from ${events} e where e.type in ('sip.closed', 'sip.consentWithdrawn') and e.county_code = ${countyCode}
      group by 1
    ),
    first_meeting as (
      select e.subject_id as sip_id, min((e.data->>'meetingOn')::date) as meeting_on
      from ${events} e where ${ofType('sip.invitationSent')} group by 1
    )
    select 'sipsStarted' as measure, r.on_date, r.unit_id, r.principal_id, '' as bucket, null::integer as value
      from requested r
    union all
    select 'daysToConsent', (e.data->>'givenOn')::date, r.unit_id, r.principal_id, '',
           greatest(0, (e.data->>'givenOn')::date - r.on_date)
      from ${events} e join requested r on r.sip_id = e.subject_id where ${ofType('sip.consentRecorded')}
    union all
    select 'daysToFirstMeeting', m.meeting_on, r.unit_id, r.principal_id, '', greatest(0, m.meeting_on - r.on_date)
      from first_meeting m join requested r on r.sip_id = m.sip_id left join closed c on c.sip_id = m.sip_id
      where m.meeting_on <= ${today}::date and (c.closed_on is null or m.meeting_on <= c.closed_on)
    union all
    select 'daysToPlan', ${onDay(sql`e.at`)}, r.unit_id, r.principal_id, '',
           greatest(0, ${onDay(sql`e.at`)} - r.on_date)
      from ${events} e join requested r on r.sip_id = e.subject_id
      where ${ofType('sip.planSaved')} and (e.data->>'version')::integer = 1
    union all
    select 'invitationsAnsweredInTime', (e.data->>'answerBy')::date, u.id, u.principal_id,
           case when a.in_time then 'yes' else 'no' end, null
      from ${events} e
      join ${units} u on u.id = e.data->>'unitId'
      left join answered a on a.invitation_id = e.data->>'invitationId'
      left join closed c on c.sip_id = e.subject_id
      where ${ofType('sip.invitationSent')}
        and (a.invitation_id is not null or ((e.data->>'answerBy')::date < ${today}::date
             and (c.closed_on is null or c.closed_on > (e.data->>'answerBy')::date)))
    union all
    select 'plansWithOwnWords', ${onDay(sql`e.at`)}, r.unit_id, r.principal_id,
           case when (e.data->>'ownWordsRecorded')::boolean then 'yes' else 'no' end, null
      from ${events} e join requested r on r.sip_id = e.subject_id where ${ofType('sip.planSaved')}
    union all
    select 'plansChildrenConsidered', ${onDay(sql`e.at`)}, r.unit_id, r.principal_id,
           case when (e.data->>'childrenConsidered')::boolean then 'yes' else 'no' end, null
      from ${events} e join requested r on r.sip_id = e.subject_id
      where ${ofType('sip.planSaved')} and (e.data->>'hasChildren')::boolean
    union all
    select 'followUpsOnTime', (e.data->>'dueOn')::date, r.unit_id, r.principal_id,
           case when (e.data->>'onTime')::boolean then 'yes' else 'no' end, null
      from ${events} e join requested r on r.sip_id = e.subject_id
      where ${ofType('sip.followUpHeld')} and e.data->>'dueOn' is not null
    union all
    select 'followUpsOnTime', s.follow_up_due_on, s.convening_unit_id, s.convening_principal_id, 'no', null
      from ${sips} s
      where s.county_code = ${countyCode} and s.status = 'active' and s.follow_up_due_on < ${today}::date`;
}

import { and, asc, count, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listPersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { careParty } from '../organisations/index.ts';
import { units } from '../organisations/schema.ts';
import { acceptedBy, sipVisibleTo, visibleSipIds } from './access-rule.ts';
import { sipConsents, sipInvitations, sipPlanUnits, sips } from './schema.ts';

/**
 * The SIP overview (SIP-översikt, issue 22 item 9): for the caller's unit, the meetings of the coming weeks, the
 * plans that wait for the unit's part and the follow-ups that fall due. Each list is scoped in SQL by the SIP's
 * access rule and read through the access layer, so every SIP shown is logged as a read; a person with protected
 * identity is not named. A manager may also ask for the principal's care units: how many of each kind every
 * unit has, counted without reading a person (a manager sees other units' SIPs no more than anyone does).
 *
 * Only open SIPs are in it, and a closing unit hands its open SIPs to its successor (unit-work.ts), so the unit's
 * own id is enough: no predecessors.
 */
export const overviewKinds = ['meetings', 'plansWaiting', 'followUpsDue'] as const;
export type OverviewKind = (typeof overviewKinds)[number];
export const overviewWeeks = [1, 2, 4, 8] as const;
export type OverviewFilter = { weeks: number; kinds: readonly OverviewKind[]; principalUnits: boolean };

/** At most this many rows per list: the overview is for the coming weeks, not an export. */
export const overviewLimit = 200;

const sipId = sql.raw('"sips"."id"');
type UnitRef = string | SQL;

/** The window: from now to the end of the last day of the period (Swedish dates). */
function windowOf(now: Date, weeks: number) {
  const until = new Date(now.getTime() + weeks * 7 * 24 * 3600 * 1000);
  return { from: now, until, today: isoDate(now), lastDay: isoDate(until) };
}
type Window = ReturnType<typeof windowOf>;

/**
 * A meeting of an open SIP in the window, to which the unit is invited or which the unit convenes. An invitation
 * whose unit has declined one sent after it is out: that unit no longer takes part (access-rule.ts).
 */
const meetingOf = (unit: UnitRef, w: Window) =>
  and(
    eq(sips.status, 'active'),
    inArray(sipInvitations.status, ['pending', 'accepted']),
    sql`not exists (select 1 from ${sipInvitations} od where od.sip_id = ${sipInvitations.sipId}
                    and od.unit_id = ${sipInvitations.unitId} and od.status = 'declined' and od.seq > ${sipInvitations.seq})`,
    gte(sipInvitations.meetingAt, w.from),
    lt(sipInvitations.meetingAt, w.until),
    or(eq(sipInvitations.unitId, unit), eq(sips.conveningUnitId, unit)),
  );

/**
 * An open SIP with consent in force that the unit convenes or has accepted, whose current plan does not name the
 * unit (as responsible for an intervention or with the overall responsibility); with no plan yet, none does.
 */
const planWaitsFor = (unit: UnitRef) =>
  and(
    eq(sips.status, 'active'),
    sql`exists (select 1 from ${sipConsents} oc where oc.sip_id = ${sipId} and oc.withdrawn_on is null)`,
    or(eq(sips.conveningUnitId, unit), acceptedBy(unit)),
    sql`not exists (select 1 from ${sipPlanUnits} opu where opu.sip_id = ${sipId} and opu.unit_id = ${unit})`,
  );

/**
 * An open SIP whose follow-up falls due by the period's last day (or is late), and the unit works on it: it has the
 * overall responsibility, convenes or is named in the plan, and still takes part (the manager's counts, which do
 * not pass the access rule, then count what the unit's own list shows).
 */
const followUpDueFor = (unit: UnitRef, w: Window) =>
  and(
    eq(sips.status, 'active'),
    lte(sips.followUpDueOn, w.lastDay),
    or(eq(sips.conveningUnitId, unit), acceptedBy(unit)),
    or(
      eq(sips.overallUnitId, unit),
      eq(sips.conveningUnitId, unit),
      sql`exists (select 1 from ${sipPlanUnits} fpu where fpu.sip_id = ${sipId} and fpu.unit_id = ${unit})`,
    ),
  );

export async function readOverview(ctx: UserContext, filter: OverviewFilter) {
  const w = windowOf(ctx.now, filter.weeks);
  const wants = (k: OverviewKind) => filter.kinds.includes(k);
  return {
    from: w.today,
    to: w.lastDay,
    meetings: wants('meetings') ? await listMeetings(ctx, w) : null,
    plansWaiting: wants('plansWaiting') ? await listPlansWaiting(ctx) : null,
    followUpsDue: wants('followUpsDue') ? await listFollowUpsDue(ctx, w) : null,
    units: filter.principalUnits ? await countPerUnit(ctx, w, wants) : null,
  };
}

function listMeetings(ctx: UserContext, w: Window) {
  return listPersonData(ctx, 'sip', (tx, user) =>
    tx
      .select({
        objectId: sips.id,
        personId: sips.personId,
        personName: sips.personName,
        invitationId: sipInvitations.id,
        meetingAt: sipInvitations.meetingAt,
        unitId: sipInvitations.unitId,
        status: sipInvitations.status,
        conveningUnitId: sips.conveningUnitId,
      })
      .from(sipInvitations)
      .innerJoin(sips, sql`"sips"."id" = ${sipInvitations.sipId}`)
      .where(and(meetingOf(user.unit.id, w), sipVisibleTo(user)))
      .orderBy(asc(sipInvitations.meetingAt), asc(sipInvitations.seq))
      .limit(overviewLimit),
  ).then((rows) =>
    rows.map((r) => ({
      sipId: r.objectId,
      invitationId: r.invitationId,
      meetingAt: r.meetingAt.toISOString(),
      unitId: r.unitId,
      conveningUnitId: r.conveningUnitId,
      answered: r.status === 'accepted',
      person: presentPerson(r.person, 'elsewhere'),
    })),
  );
}

function listPlansWaiting(ctx: UserContext) {
  return listPersonData(ctx, 'sip', (tx, user) =>
    tx
      .select({
        objectId: sips.id,
        personId: sips.personId,
        personName: sips.personName,
        conveningUnitId: sips.conveningUnitId,
        hasPlan: sql<boolean>`${sips.overallUnitId} is not null`,
      })
      .from(sips)
      .where(and(planWaitsFor(user.unit.id), visibleSipIds(user)))
      .orderBy(asc(sips.createdAt), asc(sips.id))
      .limit(overviewLimit),
  ).then((rows) =>
    rows.map((r) => ({
      sipId: r.objectId,
      conveningUnitId: r.conveningUnitId,
      hasPlan: r.hasPlan,
      person: presentPerson(r.person, 'elsewhere'),
    })),
  );
}

function listFollowUpsDue(ctx: UserContext, w: Window) {
  return listPersonData(ctx, 'sip', (tx, user) =>
    tx
      .select({
        objectId: sips.id,
        personId: sips.personId,
        personName: sips.personName,
        followUpDueOn: sips.followUpDueOn,
        overallUnitId: sips.overallUnitId,
      })
      .from(sips)
      .where(and(followUpDueFor(user.unit.id, w), visibleSipIds(user)))
      .orderBy(asc(sips.followUpDueOn), asc(sips.id))
      .limit(overviewLimit),
  ).then((rows) =>
    rows.map((r) => ({
      sipId: r.objectId,
      followUpDueOn: r.followUpDueOn!,
      overdue: r.followUpDueOn! < w.today,
      overallUnitId: r.overallUnitId,
      person: presentPerson(r.person, 'elsewhere'),
    })),
  );
}

/** For a manager: each care unit of the principal with how many of each kind it has. Counts only. */
async function countPerUnit(ctx: UserContext, w: Window, wants: (k: OverviewKind) => boolean) {
  const tx = ctx.db;
  const unit = sql.raw('"units"."id"');
  const ofPrincipal = and(careParty(), eq(units.principalId, ctx.user.principal.id));
  const rows = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(ofPrincipal)
    .orderBy(asc(units.name));
  const counted = async (query: (db: Db) => Promise<{ unitId: string; n: number }[]>) =>
    new Map((await query(tx)).map((r) => [r.unitId, r.n]));
  const meetings = wants('meetings')
    ? await counted((db) =>
        db
          .select({ unitId: units.id, n: count() })
          .from(units)
          .innerJoin(sipInvitations, sql`true`)
          .innerJoin(sips, sql`"sips"."id" = ${sipInvitations.sipId}`)
          .where(and(ofPrincipal, meetingOf(unit, w)))
          .groupBy(units.id),
      )
    : null;
  const plans = wants('plansWaiting')
    ? await counted((db) =>
        db
          .select({ unitId: units.id, n: count() })
          .from(units)
          .innerJoin(sips, sql`true`)
          .where(and(ofPrincipal, planWaitsFor(unit)))
          .groupBy(units.id),
      )
    : null;
  const followUps = wants('followUpsDue')
    ? await counted((db) =>
        db
          .select({ unitId: units.id, n: count() })
          .from(units)
          .innerJoin(sips, sql`true`)
          .where(and(ofPrincipal, followUpDueFor(unit, w)))
          .groupBy(units.id),
      )
    : null;
  const of = (m: Map<string, number> | null, id: string) => (m ? (m.get(id) ?? 0) : null);
  return rows.map((u) => ({
    unitId: u.id,
    name: u.name,
    meetings: of(meetings, u.id),
    plansWaiting: of(plans, u.id),
    followUpsDue: of(followUps, u.id),
  }));
}

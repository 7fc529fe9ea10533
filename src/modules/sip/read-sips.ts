import { and, count, desc, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listPersonData, readPersonData } from '../../platform/access/access-layer.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { visibleSipIds } from './access-rule.ts';
import { loadSip, loadSips, planVersions } from './load.ts';
import { presentPlan, presentSip } from './present.ts';
import { sipInvitations, type sipStatuses, sips } from './schema.ts';

/** One SIP, for those the access rule lets through; logged as a read. */
export function readSip(ctx: UserContext, sipId: string) {
  return readPersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) =>
    presentSip(await loadSip(tx, sipId), grant.person, 'ownPage'),
  );
}

export function readPlanVersions(ctx: UserContext, sipId: string) {
  return readPersonData(ctx, { type: 'sip', id: sipId }, async (tx) =>
    (await planVersions(tx, sipId)).map(presentPlan),
  );
}

export type SipFilter = {
  status?: (typeof sipStatuses)[number] | undefined;
  /** followUpDue: the follow-up date has come; waitingForAnswer: an invitation is not answered. */
  show?: 'followUpDue' | 'waitingForAnswer' | undefined;
  page?: { number: number; size: number } | undefined;
};

/**
 * The SIPs the caller may see, newest first, filtered and paged in SQL and scoped there by the access rule's set
 * form (the SIPs the user sees, joined, not every SIP checked); each SIP returned is logged as a read (only the
 * page shown, not the whole list). Whole SIPs, as the API lists them.
 */
export async function listSips(ctx: UserContext, filter: SipFilter = {}) {
  let total = 0;
  const rows = await listPersonData(ctx, 'sip', async (tx, user) => {
    const page = await visiblePage(tx, user, filter, ctx.now);
    total = page.total;
    const loaded = await loadSips(
      tx,
      page.rows.map((r) => r.objectId),
    );
    return loaded.map((sip) => ({
      objectId: sip.id,
      personId: sip.personId,
      personName: sip.personName,
      sip,
    }));
  });
  return { sips: rows.map((row) => presentSip(row.sip, row.person, 'elsewhere')), total };
}

/**
 * The same list as listSips, with only what the SIP list page shows of each SIP: one query for the page, not the
 * plan, follow-ups and meetings of every SIP on it (issue 27). Logged as reads, like the whole SIPs.
 */
export async function listSipSummaries(ctx: UserContext, filter: SipFilter = {}) {
  let total = 0;
  const rows = await listPersonData(ctx, 'sip', async (tx, user) => {
    const page = await visiblePage(tx, user, filter, ctx.now);
    total = page.total;
    return page.rows;
  });
  const sips = rows.map((r) => ({
    id: r.objectId,
    status: r.status,
    person: presentPerson(r.person, 'elsewhere'),
    conveningUnitId: r.conveningUnitId,
    waiting: r.waiting,
    followUpDueOn: r.status === 'closed' ? null : r.followUpDueOn,
  }));
  return { sips, total };
}

/** One page of the SIPs the user sees (a summary of each) and how many there are in all. */
async function visiblePage(tx: Db, user: CurrentUser, filter: SipFilter, now: Date) {
  const where = and(visibleSipIds(user), ...filterConditions(filter, isoDate(now)));
  // The total comes with the page (a window count), so the access rule is evaluated once.
  const query = tx
    .select({
      objectId: sips.id,
      personId: sips.personId,
      personName: sips.personName,
      status: sips.status,
      conveningUnitId: sips.conveningUnitId,
      followUpDueOn: sips.followUpDueOn,
      // A scalar subquery with LIMIT, not EXISTS: the planner would hash every pending invitation of the
      // database to answer EXISTS for the page's 25 SIPs; this is one index probe per SIP shown.
      waiting: sql<boolean>`coalesce((select true from ${sipInvitations} wi
        where wi.sip_id = "sips"."id" and wi.status = 'pending' limit 1), false)`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(sips)
    .where(where)
    .orderBy(desc(sips.createdAt), desc(sips.id))
    .$dynamic();
  const { page } = filter;
  const found = page ? await query.limit(page.size).offset((page.number - 1) * page.size) : await query;
  const total = found[0]?.total ?? (page && page.number > 1 ? await countVisible(tx, where) : 0);
  return { rows: found.map(({ total: _, ...row }) => row), total };
}

/** Past the last page the window count has no row to ride on; count apart so the page can say how many. */
async function countVisible(tx: Db, where: SQL | undefined): Promise<number> {
  return (await tx.select({ n: count() }).from(sips).where(where))[0]?.n ?? 0;
}

function filterConditions(filter: SipFilter, today: string): SQL[] {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(sips.status, filter.status));
  if (filter.show === 'followUpDue')
    conditions.push(eq(sips.status, 'active'), lte(sips.followUpDueOn, today));
  if (filter.show === 'waitingForAnswer') {
    conditions.push(
      eq(sips.status, 'active'),
      sql`exists (select 1 from ${sipInvitations} wi where wi.sip_id = "sips"."id" and wi.status = 'pending')`,
    );
  }
  return conditions;
}

/** A SIP with every plan version, for comparing versions: one access, one log row. */
export function readSipWithVersions(ctx: UserContext, sipId: string) {
  return readPersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => ({
    sip: presentSip(await loadSip(tx, sipId), grant.person, 'ownPage'),
    versions: (await planVersions(tx, sipId)).map(presentPlan),
  }));
}

import { and, count, desc, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listPersonData, readPersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
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
 * page shown, not the whole list).
 */
export async function listSips(ctx: UserContext, filter: SipFilter = {}) {
  let total = 0;
  const rows = await listPersonData(ctx, 'sip', async (tx, user) => {
    const where = and(visibleSipIds(user), ...filterConditions(filter, isoDate(ctx.now)));
    // The total comes with the page (a window count), so the access rule is evaluated once.
    const query = tx
      .select({ id: sips.id, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(sips)
      .where(where)
      .orderBy(desc(sips.createdAt), desc(sips.id))
      .$dynamic();
    const { page } = filter;
    const visible = page ? await query.limit(page.size).offset((page.number - 1) * page.size) : await query;
    total = visible[0]?.total ?? (page && page.number > 1 ? await countVisible(tx, where) : 0);
    const loaded = await loadSips(
      tx,
      visible.map((v) => v.id),
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

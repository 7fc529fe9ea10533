import { desc } from 'drizzle-orm';
import { listPersonData, readPersonData } from '../../platform/access/access-layer.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { sipVisibleTo } from './access-rule.ts';
import { loadSip, loadSips, planVersions } from './load.ts';
import { presentSip } from './present.ts';
import { sips } from './schema.ts';

/** One SIP, for those the access rule lets through; logged as a read. */
export function readSip(ctx: UserContext, sipId: string) {
  return readPersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) =>
    presentSip(await loadSip(tx, sipId), grant.person, 'ownPage'),
  );
}

export function readPlanVersions(ctx: UserContext, sipId: string) {
  return readPersonData(ctx, { type: 'sip', id: sipId }, async (tx) =>
    (await planVersions(tx, sipId)).map((v) => ({ version: v.version, ...v.content })),
  );
}

/** The SIPs the caller may see, newest first, scoped in SQL by the access rule; each one logged as a read. */
export async function listSips(ctx: UserContext) {
  const rows = await listPersonData(ctx, 'sip', async (tx, user) => {
    const visible = await tx
      .select({ id: sips.id })
      .from(sips)
      .where(sipVisibleTo(user))
      .orderBy(desc(sips.createdAt), desc(sips.id));
    const loaded = await loadSips(
      tx,
      visible.map((v) => v.id),
    );
    return loaded.map((sip) => ({ objectId: sip.id, personId: sip.personId, sip }));
  });
  return rows.map((row) => presentSip(row.sip, row.person, 'elsewhere'));
}

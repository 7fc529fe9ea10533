import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { type DisputeAggregate, loadDispute } from './load.ts';
import { presentDispute } from './present.ts';

/** Runs one change to a dispute the caller may see, with the row locked; a decided dispute is 409. */
export function changeDispute(
  ctx: UserContext,
  id: string,
  change: (tx: Db, d: DisputeAggregate) => Promise<void>,
) {
  return inTransaction(ctx.db, async (tx) => {
    const d = await loadDispute(tx, ctx.user, id, true);
    if (d.status === 'decided') throw conflict('Tvisten är avgjord.');
    await change(tx, d);
    return presentDispute(await loadDispute(tx, ctx.user, id));
  });
}

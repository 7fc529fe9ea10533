import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { type DeviationAggregate, loadDeviation } from './load.ts';
import { presentDeviation } from './present.ts';

/**
 * Runs one change to a deviation the caller may see: the row is locked, so two managers answering at once are
 * applied one after the other, and the deviation as it is afterwards is returned.
 */
export function changeDeviation(
  ctx: UserContext,
  id: string,
  change: (tx: Db, d: DeviationAggregate) => Promise<void>,
) {
  return inTransaction(ctx.db, async (tx) => {
    const d = await loadDeviation(tx, ctx.user, id, true);
    if (d.status === 'closed') throw conflict('Avvikelsen är avslutad.');
    await change(tx, d);
    return presentDeviation(await loadDeviation(tx, ctx.user, id), ctx.now);
  });
}

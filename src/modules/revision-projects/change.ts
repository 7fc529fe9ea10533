import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { loadProject, type ProjectAggregate } from './load.ts';
import { type ProjectView, presentProject } from './present.ts';

/**
 * Runs one change to a project in one transaction, with the project row locked: a refusal thrown anywhere in
 * `change` rolls back everything it wrote. Returns the project as it is afterwards.
 */
export function changeProject(
  ctx: UserContext,
  id: string,
  change: (tx: Db, p: ProjectAggregate) => Promise<void>,
): Promise<ProjectView> {
  return inTransaction(ctx.db, async (tx) => {
    await change(tx, await loadProject(tx, id, true));
    return presentProject(await loadProject(tx, id));
  });
}

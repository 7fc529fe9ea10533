import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { actionPlanActions } from './schema.ts';

/** An action's plan and due day, WITHOUT any access check (for mail about work; no person data); null if none. */
export async function unscopedActionDue(db: Db, actionId: string) {
  const [row] = await db
    .select({ planId: actionPlanActions.planId, dueOn: actionPlanActions.dueOn })
    .from(actionPlanActions)
    .where(eq(actionPlanActions.id, actionId));
  return row ?? null;
}

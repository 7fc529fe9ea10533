import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { isoDate } from '../../platform/clock.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import type { Job } from '../../platform/jobs/scheduler.ts';
import { createNewNotices } from '../../platform/notices/create-notices.ts';
import { notices } from '../../platform/notices/schema.ts';
import './events.ts';
import { actionPlanActions, actionPlans } from './schema.ts';

const kind = 'actionPlan.actionOverdue';
const keyOf = (actionId: string, dueOn: string) => `${kind}:${actionId}:${dueOn}`;

/**
 * An action of a planned or ongoing action plan that is not done by its due date is reminded to its
 * responsible unit, once per due date (a notice keyed by action and date; a new date is reminded again).
 * Actions are claimed FOR UPDATE SKIP LOCKED and the event follows the keyed notice this run created, so two
 * instances never remind the same one twice.
 */
export const remindActionsJob: Job = {
  name: 'actionPlan.remindOverdueActions',
  async run(tx, { now }) {
    const today = isoDate(now);
    const due = await tx
      .select({
        id: actionPlanActions.id,
        planId: actionPlanActions.planId,
        unitId: actionPlanActions.responsibleUnitId,
        dueOn: actionPlanActions.dueOn,
        countyCode: actionPlans.countyCode,
      })
      .from(actionPlanActions)
      .innerJoin(actionPlans, eq(actionPlans.id, actionPlanActions.planId))
      .where(
        and(
          isNull(actionPlanActions.doneOn),
          lt(actionPlanActions.dueOn, today),
          inArray(actionPlans.status, ['planned', 'ongoing']),
          sql`not exists (select 1 from ${notices} n where n.key = ${kind} || ':' || ${actionPlanActions.id} || ':' || ${actionPlanActions.dueOn})`,
        ),
      )
      .orderBy(actionPlanActions.id)
      .limit(500)
      .for('update', { of: actionPlanActions, skipLocked: true });
    // Notices first: only the actions whose notice this run created get an event, so an action that another
    // instance reminded between this run's snapshot and its row lock is not reminded twice.
    const created = await createNewNotices(
      tx,
      now,
      due.map((a) => ({
        key: keyOf(a.id, a.dueOn),
        kind,
        recipientUnitId: a.unitId,
        subject: { type: 'actionPlanAction', id: a.id },
      })),
    );
    for (const a of due.filter((d) => created.has(keyOf(d.id, d.dueOn))))
      await recordEvent(
        tx,
        { now, user: null, countyCode: a.countyCode },
        kind,
        { type: 'actionPlan', id: a.planId },
        { actionPlanId: a.planId, actionId: a.id, dueOn: a.dueOn },
      );
    return created.size;
  },
};

/** For "Mitt arbete": actions the caller's unit was reminded of and that are still not done. */
export async function listOverdueActions(ctx: UserContext) {
  return ctx.db
    .selectDistinct({
      planId: actionPlans.id,
      planTitle: actionPlans.title,
      actionId: actionPlanActions.id,
      description: actionPlanActions.description,
      dueOn: actionPlanActions.dueOn,
    })
    .from(notices)
    .innerJoin(actionPlanActions, eq(actionPlanActions.id, notices.subjectId))
    .innerJoin(actionPlans, eq(actionPlans.id, actionPlanActions.planId))
    .where(
      and(
        eq(notices.recipientUnitId, ctx.user.unit.id),
        eq(notices.kind, kind),
        isNull(actionPlanActions.doneOn),
        inArray(actionPlans.status, ['planned', 'ongoing']),
      ),
    )
    .orderBy(actionPlanActions.dueOn);
}

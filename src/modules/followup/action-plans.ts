import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, type FieldError, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { governanceBodies, principals, units } from '../organisations/schema.ts';
import './events.ts';
import { mayCreateActionPlan, mayEditActionPlan } from './policy.ts';
import {
  type ActionPlanOrigin,
  type ActionPlanStatus,
  actionPlanActions,
  actionPlanNotes,
  actionPlans,
} from './schema.ts';

// Action plans (Örebro "Handlingsplaner"): time-bound, owned by a governance body or a principal, made from a
// compilation of deviations, national guidelines, a new law or a joint analysis, and followed up regularly.
// They hold no person data, so every logged-in user of the county reads them; another county's are 404.
// Who changes one: the county's agreement administrators, and governance members of the body that owns it (or
// of the principal that owns it), since the plan is that body's work.

export type ActionPlanInput = {
  title: string;
  description: string;
  origin: ActionPlanOrigin;
  originNote: string;
  owner: { bodyId: string } | { principalId: string };
  startsOn: string;
  endsOn: string;
};
export type ActionInput = { description: string; responsibleUnitId: string; dueOn: string };

export async function createActionPlan(ctx: UserContext, input: ActionPlanInput) {
  return inTransaction(ctx.db, async (tx) => {
    const owner = {
      ownerBodyId: 'bodyId' in input.owner ? input.owner.bodyId : null,
      ownerPrincipalId: 'principalId' in input.owner ? input.owner.principalId : null,
    };
    if (!mayCreateActionPlan(ctx.user) || !mayEditActionPlan(ctx.user, owner))
      throw forbidden('Du kan göra handlingsplaner för de samverkansorgan du är ledamot i.');
    const errors: FieldError[] = [];
    await assertOwnerInCounty(tx, ctx.user.county.code, owner, errors);
    if (input.endsOn < input.startsOn)
      errors.push({ path: 'endsOn', message: 'Planen måste sluta samma dag som den börjar eller senare.' });
    if (errors.length) throw unprocessable('Handlingsplanen kunde inte sparas.', errors);
    const id = randomUUID();
    await tx.insert(actionPlans).values({
      id,
      countyCode: ctx.user.county.code,
      title: input.title.trim(),
      description: input.description.trim(),
      origin: input.origin,
      originNote: input.originNote.trim(),
      ...owner,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      status: input.startsOn <= isoDate(ctx.now) ? 'ongoing' : 'planned',
      createdAt: ctx.now,
      createdByUserId: ctx.user.id,
    });
    await recordEvent(
      tx,
      ctx,
      'actionPlan.created',
      { type: 'actionPlan', id },
      { actionPlanId: id, origin: input.origin },
    );
    return id;
  });
}

async function assertOwnerInCounty(
  tx: Db,
  countyCode: string,
  owner: { ownerBodyId: string | null; ownerPrincipalId: string | null },
  errors: FieldError[],
) {
  const found = owner.ownerBodyId
    ? await tx
        .select({ id: governanceBodies.id })
        .from(governanceBodies)
        .where(and(eq(governanceBodies.id, owner.ownerBodyId), eq(governanceBodies.countyCode, countyCode)))
    : await tx
        .select({ id: principals.id })
        .from(principals)
        .where(and(eq(principals.id, owner.ownerPrincipalId ?? ''), eq(principals.countyCode, countyCode)));
  if (found.length === 0)
    errors.push({ path: 'owner', message: 'Välj ett samverkansorgan eller en huvudman i länet.' });
}

/** The plan of the caller's county, locked for a change when asked; 404 otherwise. */
async function planInCounty(tx: Db, user: CurrentUser, id: string, forUpdate = false) {
  const query = tx
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.id, id), eq(actionPlans.countyCode, user.county.code)));
  const [plan] = forUpdate ? await query.for('update') : await query;
  if (!plan) throw notFound('Handlingsplanen finns inte.');
  return plan;
}

/** Runs a change on a plan the caller may change; a completed or cancelled plan takes notes only. */
function changePlan<T>(
  ctx: UserContext,
  id: string,
  change: (tx: Db, plan: typeof actionPlans.$inferSelect) => Promise<T>,
  opts: { closedToo?: boolean } = {},
) {
  return inTransaction(ctx.db, async (tx) => {
    const plan = await planInCounty(tx, ctx.user, id, true);
    if (!mayEditActionPlan(ctx.user, plan))
      throw forbidden(
        'Bara länets administratörer för överenskommelser och ledamöter i organet som äger planen kan ändra den.',
      );
    if (!opts.closedToo && (plan.status === 'completed' || plan.status === 'cancelled'))
      throw conflict('Handlingsplanen är avslutad. Ändra status till pågående för att ändra den.');
    return change(tx, plan);
  });
}

export function addAction(ctx: UserContext, planId: string, input: ActionInput) {
  return changePlan(ctx, planId, async (tx, plan) => {
    const [unit] = await tx
      .select({ id: units.id })
      .from(units)
      .innerJoin(principals, eq(principals.id, units.principalId))
      .where(and(eq(units.id, input.responsibleUnitId), eq(principals.countyCode, plan.countyCode)));
    if (!unit)
      throw unprocessable('Åtgärden kunde inte sparas.', [
        { path: 'responsibleUnitId', message: 'Välj en enhet i länet som ansvarar för åtgärden.' },
      ]);
    const [last] = await tx
      .select({ position: max(actionPlanActions.position) })
      .from(actionPlanActions)
      .where(eq(actionPlanActions.planId, planId));
    const id = randomUUID();
    await tx.insert(actionPlanActions).values({
      id,
      planId,
      position: (last?.position ?? 0) + 1,
      description: input.description.trim(),
      responsibleUnitId: input.responsibleUnitId,
      dueOn: input.dueOn,
    });
    await recordEvent(
      tx,
      ctx,
      'actionPlan.actionAdded',
      { type: 'actionPlan', id: planId },
      { actionPlanId: planId, actionId: id, unitId: input.responsibleUnitId, dueOn: input.dueOn },
    );
    return id;
  });
}

export function markActionDone(
  ctx: UserContext,
  planId: string,
  actionId: string,
  input: { doneOn: string },
) {
  return changePlan(ctx, planId, async (tx) => {
    const [action] = await tx
      .select()
      .from(actionPlanActions)
      .where(and(eq(actionPlanActions.id, actionId), eq(actionPlanActions.planId, planId)));
    if (!action) throw notFound('Åtgärden finns inte.');
    if (action.doneOn) throw conflict('Åtgärden är redan genomförd.');
    if (input.doneOn > isoDate(ctx.now))
      throw unprocessable('Datumet kan inte ligga i framtiden.', [
        { path: 'doneOn', message: 'Ange dagen då åtgärden blev genomförd; den kan inte ligga i framtiden.' },
      ]);
    await tx
      .update(actionPlanActions)
      .set({ doneOn: input.doneOn })
      .where(eq(actionPlanActions.id, actionId));
    await recordEvent(
      tx,
      ctx,
      'actionPlan.actionDone',
      { type: 'actionPlan', id: planId },
      { actionPlanId: planId, actionId, doneOn: input.doneOn },
    );
  });
}

export function addNote(ctx: UserContext, planId: string, input: { on: string; text: string }) {
  return changePlan(
    ctx,
    planId,
    async (tx) => {
      if (input.on > isoDate(ctx.now))
        throw unprocessable('Datumet kan inte ligga i framtiden.', [
          { path: 'on', message: 'Ange dagen för uppföljningen; den kan inte ligga i framtiden.' },
        ]);
      await tx.insert(actionPlanNotes).values({
        id: randomUUID(),
        planId,
        on: input.on,
        text: input.text.trim(),
        byUserId: ctx.user.id,
        at: ctx.now,
      });
      await recordEvent(
        tx,
        ctx,
        'actionPlan.noteAdded',
        { type: 'actionPlan', id: planId },
        { actionPlanId: planId, on: input.on },
      );
    },
    { closedToo: true },
  );
}

export function changeStatus(ctx: UserContext, planId: string, input: { status: ActionPlanStatus }) {
  return changePlan(
    ctx,
    planId,
    async (tx, plan) => {
      if (plan.status === input.status) throw conflict('Handlingsplanen har redan den statusen.');
      await tx.update(actionPlans).set({ status: input.status }).where(eq(actionPlans.id, planId));
      await recordEvent(
        tx,
        ctx,
        'actionPlan.statusChanged',
        { type: 'actionPlan', id: planId },
        { actionPlanId: planId, status: input.status },
      );
    },
    { closedToo: true },
  );
}

/** The county's action plans, ongoing and planned first, each with its actions counted. */
export async function listActionPlans(db: Db, countyCode: string, today: string) {
  const plans = await db
    .select({ plan: actionPlans, bodyName: governanceBodies.name, principalName: principals.name })
    .from(actionPlans)
    .leftJoin(governanceBodies, eq(governanceBodies.id, actionPlans.ownerBodyId))
    .leftJoin(principals, eq(principals.id, actionPlans.ownerPrincipalId))
    .where(eq(actionPlans.countyCode, countyCode))
    .orderBy(asc(actionPlans.endsOn), asc(actionPlans.title));
  const ids = plans.map((p) => p.plan.id);
  const actions = ids.length
    ? await db.select().from(actionPlanActions).where(inArray(actionPlanActions.planId, ids))
    : [];
  const order: Record<ActionPlanStatus, number> = { ongoing: 0, planned: 1, completed: 2, cancelled: 3 };
  return plans
    .map((p) => {
      const own = actions.filter((a) => a.planId === p.plan.id);
      return {
        ...p.plan,
        owner: p.bodyName ?? p.principalName ?? '',
        actions: own.length,
        done: own.filter((a) => a.doneOn).length,
        overdue: own.filter((a) => !a.doneOn && a.dueOn < today).length,
      };
    })
    .sort((a, b) => order[a.status] - order[b.status]);
}

/** One action plan with its actions (responsible unit named), notes newest first, and what the caller may do. */
export async function readActionPlan(ctx: UserContext, id: string) {
  const plan = await planInCounty(ctx.db, ctx.user, id);
  const today = isoDate(ctx.now);
  const [owner] = plan.ownerBodyId
    ? await ctx.db
        .select({ name: governanceBodies.name })
        .from(governanceBodies)
        .where(eq(governanceBodies.id, plan.ownerBodyId))
    : await ctx.db
        .select({ name: principals.name })
        .from(principals)
        .where(eq(principals.id, plan.ownerPrincipalId!));
  const actions = await ctx.db
    .select({ action: actionPlanActions, unitName: units.name, principalName: principals.name })
    .from(actionPlanActions)
    .innerJoin(units, eq(units.id, actionPlanActions.responsibleUnitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(eq(actionPlanActions.planId, id))
    .orderBy(asc(actionPlanActions.position));
  const notes = await ctx.db
    .select()
    .from(actionPlanNotes)
    .where(eq(actionPlanNotes.planId, id))
    .orderBy(desc(actionPlanNotes.on), desc(actionPlanNotes.at));
  const open = plan.status === 'planned' || plan.status === 'ongoing';
  return {
    ...plan,
    owner: owner?.name ?? '',
    actions: actions.map((a) => ({
      ...a.action,
      responsible: `${a.unitName}, ${a.principalName}`,
      overdue: !a.action.doneOn && a.action.dueOn < today,
    })),
    notes,
    can: { edit: mayEditActionPlan(ctx.user, plan) && open, note: mayEditActionPlan(ctx.user, plan) },
  };
}

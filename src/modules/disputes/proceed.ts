import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { isoDate } from '../../platform/clock.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { nextLevel } from '../organisations/index.ts';
import { governanceBodyMembers } from '../organisations/schema.ts';
import { changeDispute } from './change.ts';
import './events.ts';
import type { DisputeAggregate } from './load.ts';
import { assertHolds, assertMayAddStatement } from './policy.ts';
import { disputeEntries, disputes } from './schema.ts';

// The three steps of a dispute's way (Värmland "Tvister", Sörmland §19): dialogue between the parties'
// managers, escalation one level up the path with a reason, and the decision with its reasoning. At level 1
// the parties' managers act; above it, the members of the bodies at the current level.

/** A party's manager (or, higher up, a body member) adds to the dialogue. */
export function addStatement(ctx: UserContext, id: string, input: { text: string }) {
  assertDeIdentified({ text: input.text });
  return changeDispute(ctx, id, async (tx, d) => {
    assertMayAddStatement(d);
    await tx.insert(disputeEntries).values(entry(ctx, d, 'statement', input.text.trim()));
    await recordEvent(
      tx,
      ctx,
      'dispute.statement',
      { type: 'dispute', id: d.id },
      { disputeId: d.id, level: d.level },
    );
  });
}

export function escalateDispute(ctx: UserContext, id: string, input: { reason: string }) {
  assertDeIdentified({ reason: input.reason });
  return changeDispute(ctx, id, async (tx, d) => {
    assertHolds(d);
    const next = nextLevel(d.path, d.level);
    await tx.update(disputes).set({ level: next.level, status: 'escalated' }).where(eq(disputes.id, d.id));
    await tx
      .insert(disputeEntries)
      .values({ ...entry(ctx, d, 'escalation', input.reason.trim()), level: next.level });
    await recordEvent(
      tx,
      ctx,
      'dispute.escalated',
      { type: 'dispute', id: d.id },
      { disputeId: d.id, fromLevel: d.level, toLevel: next.level },
    );
  });
}

/** Records what was decided at the current level and why; the dispute is then decided. */
export function decideDispute(ctx: UserContext, id: string, input: { decision: string; reasoning: string }) {
  assertDeIdentified({ decision: input.decision, reasoning: input.reasoning });
  return changeDispute(ctx, id, async (tx, d) => {
    assertHolds(d);
    const bodyIds = d.path.find((l) => l.level === d.level)?.bodies.map((b) => b.id) ?? [];
    const [membership] = bodyIds.length
      ? await tx
          .select({ bodyId: governanceBodyMembers.bodyId })
          .from(governanceBodyMembers)
          .where(
            and(
              eq(governanceBodyMembers.userId, ctx.user.id),
              inArray(governanceBodyMembers.bodyId, bodyIds),
            ),
          )
      : [];
    const bodyId = d.level > 1 ? (membership?.bodyId ?? null) : null;
    await tx
      .update(disputes)
      .set({ status: 'decided', decidedOn: isoDate(ctx.now) })
      .where(eq(disputes.id, d.id));
    await tx.insert(disputeEntries).values({
      ...entry(ctx, d, 'decision', input.decision.trim()),
      bodyId,
      reasoning: input.reasoning.trim(),
    });
    await recordEvent(
      tx,
      ctx,
      'dispute.decided',
      { type: 'dispute', id: d.id },
      { disputeId: d.id, level: d.level, bodyId },
    );
  });
}

function entry(
  ctx: UserContext,
  d: DisputeAggregate,
  kind: 'statement' | 'escalation' | 'decision',
  text: string,
) {
  return {
    id: randomUUID(),
    disputeId: d.id,
    kind,
    level: d.level,
    at: ctx.now,
    byUserId: ctx.user.id,
    byUnitId: ctx.user.unit.id,
    text,
  };
}

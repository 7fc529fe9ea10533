import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { changeProject } from './change.ts';
import { mayAdminister } from './policy.ts';
import './events.ts';
import type { ProjectAggregate } from './load.ts';
import { type DeliverableStatus, revisionDeliverables, revisionReports } from './schema.ts';

// The running work under the directive (Dalarna §6: "Löpande rapporter av Fas 1 och Fas 2"): progress
// reports and where each deliverable stands. The county's agreement administrators keep them.

export const notAdministering = () =>
  forbidden(
    'Bara administratörer för överenskommelser i länet kan föra uppdragets rapporter, leveranser och ändringsförslag.',
  );

export function assertAdministers(ctx: UserContext, p: ProjectAggregate) {
  if (!mayAdminister(ctx.user, p)) throw notAdministering();
}

/** A progress report, for the whole project or one phase of it; returns the report. */
export async function addReport(
  ctx: UserContext,
  id: string,
  input: { text: string; phaseId?: string | null | undefined },
) {
  assertDeIdentified({ text: input.text });
  const reportId = randomUUID();
  const project = await changeProject(ctx, id, async (tx, p) => {
    assertAdministers(ctx, p);
    const phaseId = input.phaseId || null;
    if (phaseId && !p.phases.some((phase) => phase.id === phaseId))
      throw unprocessable('Fasen finns inte i uppdraget.', [
        { path: 'phaseId', message: 'Välj en av uppdragets faser, eller hela uppdraget.' },
      ]);
    await tx.insert(revisionReports).values({
      id: reportId,
      projectId: p.id,
      phaseId,
      at: ctx.now,
      byUserId: ctx.user.id,
      byUnitId: ctx.user.unit.id,
      text: input.text.trim(),
    });
    await recordEvent(
      tx,
      ctx,
      'revision.reported',
      { type: 'revisionProject', id: p.id },
      { projectId: p.id, reportId, phaseId },
    );
  });
  return project.reports.find((r) => r.id === reportId)!;
}

/** Where a deliverable stands: planned, in progress, delivered. Returns the deliverable. */
export async function setDeliverableStatus(
  ctx: UserContext,
  id: string,
  deliverableId: string,
  input: { status: DeliverableStatus },
) {
  const project = await changeProject(ctx, id, async (tx, p) => {
    assertAdministers(ctx, p);
    if (!p.deliverables.some((d) => d.id === deliverableId))
      throw notFound('Leveransen finns inte i uppdraget.');
    await tx
      .update(revisionDeliverables)
      .set({ status: input.status })
      .where(eq(revisionDeliverables.id, deliverableId));
    await recordEvent(
      tx,
      ctx,
      'revision.deliverableStatus',
      { type: 'revisionProject', id: p.id },
      { projectId: p.id, deliverableId, status: input.status },
    );
  });
  return project.deliverables.find((d) => d.id === deliverableId)!;
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { changeProject } from './change.ts';
import { replaceSectionText } from './directive.ts';
import { mayDecide } from './policy.ts';
import './events.ts';
import type { ProjectAggregate } from './load.ts';
import { assertAdministers } from './progress.ts';
import { revisionChangeRequests, revisionDirectiveVersions } from './schema.ts';

// Dalarna §7 "Förändringshantering": changes to the directive's content (goals, limits, resources) are decided by
// the steering group of the managers' network, and every change is documented in a new version. A proposal
// names the section it rewrites; an approval makes the next version with that section's text replaced.

export type ProposeChangeInput = { sectionKey: string; title: string; proposedText: string; reason: string };

/** An agreement administrator in the county proposes new text for one section; returns the request. */
export async function proposeChange(ctx: UserContext, id: string, input: ProposeChangeInput) {
  assertDeIdentified({ title: input.title, proposedText: input.proposedText, reason: input.reason });
  const requestId = randomUUID();
  const project = await changeProject(ctx, id, async (tx, p) => {
    assertAdministers(ctx, p);
    const section = p.current?.sections.find((s) => s.key === input.sectionKey);
    if (!section)
      throw unprocessable('Avsnittet finns inte i direktivets gällande version.', [
        { path: 'sectionKey', message: 'Välj ett avsnitt som finns i direktivets gällande version.' },
      ]);
    if (section.text.trim() === input.proposedText.trim())
      throw unprocessable('Förslaget ändrar ingenting.', [
        { path: 'proposedText', message: 'Den föreslagna texten är densamma som avsnittets nuvarande text.' },
      ]);
    await tx.insert(revisionChangeRequests).values({
      id: requestId,
      projectId: p.id,
      sectionKey: section.key,
      title: input.title.trim(),
      proposedText: input.proposedText.trim(),
      reason: input.reason.trim(),
      proposedByUserId: ctx.user.id,
      proposedAt: ctx.now,
      status: 'proposed',
    });
    await recordEvent(
      tx,
      ctx,
      'revision.changeProposed',
      { type: 'revisionProject', id: p.id },
      { projectId: p.id, changeRequestId: requestId, sectionKey: section.key },
    );
  });
  return project.changeRequests.find((c) => c.id === requestId)!;
}

/**
 * A member of the steering body approves or rejects a proposed change. An approval makes the directive's next
 * version, decided today (Swedish time); a rejection needs a note saying why. A decided request stays decided.
 */
export async function decideChange(
  ctx: UserContext,
  id: string,
  requestId: string,
  input: { approve: boolean; note?: string | null | undefined },
) {
  const note = input.note?.trim() || null;
  if (note) assertDeIdentified({ note });
  const project = await changeProject(ctx, id, async (tx, p) => {
    if (!mayDecide(ctx.user, p.steeringBodyId))
      throw forbidden(`Bara ledamöter i ${p.steeringBodyName} kan besluta om ändringar i direktivet.`);
    const request = p.changeRequests.find((c) => c.id === requestId);
    if (!request) throw notFound('Ändringsförslaget finns inte i uppdraget.');
    if (request.status !== 'proposed') throw conflict('Ändringsförslaget är redan beslutat.');
    if (!input.approve && !note)
      throw unprocessable('Ett avslag ska motiveras.', [
        { path: 'note', message: 'Skriv varför förslaget avslås.' },
      ]);
    const resultingVersion = input.approve ? await approve(tx, ctx, p, request) : null;
    await tx
      .update(revisionChangeRequests)
      .set({
        status: input.approve ? 'approved' : 'rejected',
        decidedByUserId: ctx.user.id,
        decidedAt: ctx.now,
        decisionNote: note,
        resultingVersion,
      })
      .where(eq(revisionChangeRequests.id, request.id));
    await recordEvent(
      tx,
      ctx,
      'revision.changeDecided',
      { type: 'revisionProject', id: p.id },
      { projectId: p.id, changeRequestId: request.id, approved: input.approve, resultingVersion },
    );
  });
  return project.changeRequests.find((c) => c.id === requestId)!;
}

/** Writes the next version: the current one with the request's section rewritten. Returns its number. */
async function approve(
  tx: Db,
  ctx: UserContext,
  p: ProjectAggregate,
  request: ProjectAggregate['changeRequests'][number],
): Promise<number> {
  const current = p.current;
  if (!current?.sections.some((s) => s.key === request.sectionKey))
    throw conflict('Avsnittet som förslaget gäller finns inte längre i direktivet.');
  const number = current.number + 1;
  await tx.insert(revisionDirectiveVersions).values({
    projectId: p.id,
    number,
    decidedOn: isoDate(ctx.now),
    changeRequestId: request.id,
    sections: replaceSectionText(current.sections, request.sectionKey, request.proposedText),
  });
  return number;
}

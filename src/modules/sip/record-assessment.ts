import { and, eq } from 'drizzle-orm';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { type FieldError, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import type { LifeArea } from './life-areas.ts';
import { loadSip } from './load.ts';
import { assertConsentInForce, assertOpen, assertTakesPart } from './policy.ts';
import { presentSip } from './present.ts';
import { sipAssessments } from './schema.ts';

export type AssessmentInput = {
  areas: { area: LifeArea; situation: string; strengths?: string | undefined; wishes?: string | undefined }[];
};

/**
 * The caller's unit records its needs assessment (kartläggning): the person's situation per life area, with
 * strengths and what the person wants. It replaces what the unit recorded before; other units' are left as they
 * are. Only units that take part (the convening unit and units that accepted) record one, while consent is in force.
 */
export function recordAssessment(ctx: UserContext, sipId: string, input: AssessmentInput) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    await assertTakesPart(tx, ctx, sip, 'registrera en kartläggning');
    assertOpen(sip);
    assertConsentInForce(sip);
    const problems = assessmentProblems(input);
    if (problems.length) throw unprocessable(problems[0]!.message, problems);
    const unitId = ctx.user.unit.id;
    await tx
      .delete(sipAssessments)
      .where(and(eq(sipAssessments.sipId, sipId), eq(sipAssessments.unitId, unitId)));
    if (input.areas.length)
      await tx.insert(sipAssessments).values(
        input.areas.map((a) => ({
          sipId,
          unitId,
          area: a.area,
          situation: a.situation.trim(),
          strengths: a.strengths?.trim() ?? '',
          wishes: a.wishes?.trim() ?? '',
          recordedAt: ctx.now,
          recordedBy: ctx.user.id,
        })),
      );
    await recordEvent(
      tx,
      ctx,
      'sip.assessmentRecorded',
      { type: 'sip', id: sipId },
      { sipId, unitId, areas: input.areas.map((a) => a.area) },
    );
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

/** Each area once, and each with the person's situation described. */
function assessmentProblems(input: AssessmentInput): FieldError[] {
  const seen = new Set<string>();
  return input.areas.flatMap((a, i) => {
    if (seen.has(a.area))
      return [{ path: `areas.${i}.area`, message: 'Varje livsområde kan bara finnas med en gång.' }];
    seen.add(a.area);
    return a.situation.trim()
      ? []
      : [{ path: `areas.${i}.situation`, message: 'Beskriv personens situation inom livsområdet.' }];
  });
}

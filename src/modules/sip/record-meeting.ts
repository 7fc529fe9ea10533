import { randomUUID } from 'node:crypto';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { type FieldError, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip, type SipAggregate } from './load.ts';
import { assertConsentInForce, assertOpen, assertTakesPart } from './policy.ts';
import { presentSip } from './present.ts';
import { type MeetingParticipant, type personsParticipations, sipMeetings } from './schema.ts';

export type MeetingInput = {
  heldOn: string;
  personsParticipation: (typeof personsParticipations)[number];
  participants: MeetingParticipant[];
  notes?: string | undefined;
};

/**
 * Records a meeting as it was held: who took part and who was absent (units of the SIP, relatives, external
 * parties, each with a role), how the person took part, and short notes. Units that take part record it.
 */
export function recordMeeting(ctx: UserContext, sipId: string, input: MeetingInput) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    await assertTakesPart(tx, ctx, sip, 'registrera ett möte');
    assertOpen(sip);
    const consent = assertConsentInForce(sip);
    const problems = meetingProblems(ctx, sip, consent.relativesMayTakePart, input);
    if (problems.length) throw unprocessable(problems[0]!.message, problems);
    const id = randomUUID();
    await tx.insert(sipMeetings).values({
      id,
      sipId,
      heldOn: input.heldOn,
      personsParticipation: input.personsParticipation,
      participants: input.participants.map((p) =>
        p.kind === 'unit'
          ? { kind: 'unit', unitId: p.unitId, role: p.role.trim(), attended: p.attended }
          : { kind: p.kind, name: p.name.trim(), role: p.role.trim(), attended: p.attended },
      ),
      notes: input.notes?.trim() ?? '',
      recordedAt: ctx.now,
      recordedBy: ctx.user.id,
    });
    await recordEvent(
      tx,
      ctx,
      'sip.meetingRecorded',
      { type: 'sip', id: sipId },
      { sipId, meetingId: id, heldOn: input.heldOn, personsParticipation: input.personsParticipation },
    );
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

/**
 * A meeting is recorded once held (not in the future); a unit in it is one the SIP called (the convening unit or
 * an invited one), once; a relative attends only when the consent lets relatives take part.
 */
function meetingProblems(
  ctx: UserContext,
  sip: SipAggregate,
  relativesMayTakePart: boolean,
  input: MeetingInput,
): FieldError[] {
  const problems: FieldError[] = [];
  if (input.heldOn > isoDate(ctx.now))
    problems.push({ path: 'heldOn', message: 'Mötet kan inte registreras innan det har hållits.' });
  const called = new Set([sip.conveningUnitId, ...sip.invitations.map((i) => i.unitId)]);
  const seen = new Set<string>();
  input.participants.forEach((p, i) => {
    if (p.kind === 'unit') {
      if (!called.has(p.unitId) || seen.has(p.unitId))
        problems.push({
          path: `participants.${i}.unitId`,
          message: `Deltagare ${i + 1}: välj en enhet som är sammankallande eller kallad till SIP:en, en gång.`,
        });
      seen.add(p.unitId);
    } else if (p.kind === 'relative' && p.attended && !relativesMayTakePart)
      problems.push({
        path: `participants.${i}.kind`,
        message: `Deltagare ${i + 1}: personen har inte samtyckt till att närstående deltar.`,
      });
  });
  return problems;
}

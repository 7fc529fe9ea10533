import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { addWorkingDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';
import { unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertCareParties } from '../organisations/index.ts';
import { counties, units } from '../organisations/schema.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { recordParticipation } from './participation.ts';
import { assertConsentInForce, assertConvening, assertOpen } from './policy.ts';
import { presentInvitation } from './present.ts';
import { type ExternalParticipant, sipInvitations } from './schema.ts';

export type Meeting = {
  meetingAt: string;
  place?: string | null | undefined;
  videoLink?: string | null | undefined;
  externalParticipants?: ExternalParticipant[] | undefined;
};

/** Invites one unit (the API's call). */
export async function inviteUnit(ctx: UserContext, sipId: string, input: Meeting & { unitId: string }) {
  const [invitation] = await inviteUnits(ctx, sipId, { ...input, unitIds: [input.unitId] });
  return invitation!;
}

/**
 * Invites (kallar) units whose principals the consent covers to one meeting, all or none; from now on those
 * units see the SIP. Each has the county's number of working days to answer (weekends and Swedish public
 * holidays excluded).
 */
export function inviteUnits(ctx: UserContext, sipId: string, input: Meeting & { unitIds: string[] }) {
  return changePersonData(
    ctx,
    { type: 'sip', id: sipId },
    async (tx) => {
      const sip = await loadSip(tx, sipId);
      assertOpen(sip);
      assertConvening(ctx, sip, 'kalla till SIP-möte');
      const consent = assertConsentInForce(sip);
      if (new Date(input.meetingAt) < ctx.now) {
        const message = 'Mötet kan inte bokas bakåt i tiden. Ange en tid som inte har passerat.';
        throw unprocessable(message, [{ path: 'meetingAt', message }]);
      }
      const unitIds = [...new Set(input.unitIds)];
      const found = await tx.select().from(units).where(inArray(units.id, unitIds));
      if (found.length !== unitIds.length)
        throw unprocessable('Enheten finns inte.', [{ path: 'unitId', message: 'Enheten finns inte.' }]);
      await assertCareParties(tx, unitIds, 'unitId');
      if (found.some((unit) => !unit.active)) {
        const message = 'Enheten är stängd och kan inte kallas. Kalla den enhet som tagit över.';
        throw unprocessable(message, [{ path: 'unitId', message }]);
      }
      if (found.some((unit) => !consent.principalIds.includes(unit.principalId))) {
        const message = 'Enhetens huvudman omfattas inte av personens samtycke.';
        throw unprocessable(message, [{ path: 'unitId', message }]);
      }
      const [county] = await tx.select().from(counties).where(eq(counties.code, sip.countyCode));
      const answerBy = addWorkingDays(isoDate(ctx.now), county!.invitationAnswerWorkingDays);
      const meetingAt = new Date(input.meetingAt);
      const rows = unitIds.map((unitId) => ({
        id: randomUUID(),
        sipId,
        unitId,
        meetingAt,
        place: input.place?.trim() || null,
        videoLink: input.videoLink?.trim() || null,
        externalParticipants: input.externalParticipants ?? [],
        answerBy,
        status: 'pending' as const,
        createdAt: ctx.now,
      }));
      const created = await tx.insert(sipInvitations).values(rows).returning();
      await recordParticipation(tx, sipId);
      for (const row of rows) {
        await recordEvent(
          tx,
          ctx,
          'sip.invitationSent',
          { type: 'sip', id: sipId },
          { sipId, invitationId: row.id, unitId: row.unitId, meetingOn: isoDate(meetingAt), answerBy },
        );
      }
      return created.map(presentInvitation);
    },
    { action: 'disclose' },
  );
}

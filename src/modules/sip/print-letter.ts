import { TZDate } from '@date-fns/tz';
import { readPersonData } from '../../platform/access/access-layer.ts';
import { isoDate, timeZone } from '../../platform/clock.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { presentPerson } from '../../platform/people/present.ts';
import { organisationNames } from '../organisations/index.ts';
import { letterPdf } from './documents/letter-pdf.ts';
import { sipLabels } from './labels.ts';
import { loadSip } from './load.ts';

const weekday = new Intl.DateTimeFormat('sv-SE', {
  timeZone,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Måndag 25 januari 2027" and "13.00", in Swedish time. */
export function letterDayAndTime(at: Date): { day: string; time: string } {
  const day = weekday.format(at);
  const t = new TZDate(at, timeZone);
  return {
    day: day.charAt(0).toUpperCase() + day.slice(1),
    time: `${String(t.getHours()).padStart(2, '0')}.${String(t.getMinutes()).padStart(2, '0')}`,
  };
}

/**
 * The invitation letter (kallelse) for a meeting of the SIP, to the person or to a relative, as a PDF to print or
 * send: read through the access layer and logged as 'print'. Who will come: the convening unit, the units
 * invited to the same meeting that have not declined, and the others the convener named. A relative's letter
 * only when the person agreed that relatives take part (409 otherwise).
 */
export function printInvitationLetter(
  ctx: UserContext,
  sipId: string,
  invitationId: string,
  to: 'person' | 'relative',
): Promise<Buffer> {
  return readPersonData(
    ctx,
    { type: 'sip', id: sipId },
    async (tx, grant) => {
      const sip = await loadSip(tx, sipId);
      const invitation = sip.invitations.find((i) => i.id === invitationId);
      if (!invitation) throw notFound();
      const relativesMayTakePart = sip.consent?.relativesMayTakePart === true;
      if (to === 'relative' && !relativesMayTakePart)
        throw conflict(
          'Personen har inte samtyckt till att närstående är med, så det finns ingen kallelse till närstående.',
        );
      const sameMeeting = sip.invitations.filter(
        (i) => i.meetingAt.getTime() === invitation.meetingAt.getTime() && i.status !== 'declined',
      );
      const names = await organisationNames(tx, {
        unitIds: [sip.conveningUnitId, ...sameMeeting.map((i) => i.unitId)],
        principalIds: [],
      });
      const units = [...new Set([sip.conveningUnitId, ...sameMeeting.map((i) => i.unitId)])];
      const others = [
        ...new Set(
          sameMeeting.flatMap((i) =>
            i.externalParticipants.map((p) =>
              [sipLabels.externalParticipant[p.kind] ?? p.kind, p.note.trim()].filter(Boolean).join(': '),
            ),
          ),
        ),
      ];
      // As in every printout: a person with protected identity is not named (people/present.ts).
      const person = presentPerson(grant.person, 'elsewhere');
      return {
        to,
        personName: grant.person.protectedIdentity ? null : person.name,
        ...letterDayAndTime(invitation.meetingAt),
        place: invitation.place,
        videoLink: invitation.videoLink,
        conveningUnit: names.unitWithPrincipal(sip.conveningUnitId),
        coming: [...units.map(names.unitWithPrincipal), ...others],
        relativesMayTakePart,
        printedOn: isoDate(ctx.now),
      };
    },
    { action: 'print' },
  ).then(letterPdf);
}

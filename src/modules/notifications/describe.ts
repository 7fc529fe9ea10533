import { addDays } from 'date-fns';
import type { Db } from '../../db/client.ts';
import { isoDate, isoDateTime } from '../../platform/clock.ts';
import { publicUrlMark } from '../../platform/mail/outbox.ts';
import type { MailAttachment } from '../../platform/mail/schema.ts';
import { agreementDeadlines } from '../agreements/index.ts';
import { unscopedDeviationDue } from '../deviations/index.ts';
import { unscopedActionDue } from '../followup/index.ts';
import { unscopedRoundPeriodEnd } from '../needs-inventory/index.ts';
import { organisationNames } from '../organisations/index.ts';
import {
  consentNoticeText,
  meetingIcs,
  unscopedConsentChange,
  unscopedInvitationMeeting,
  unscopedSipDeadlines,
} from '../sip/index.ts';
import type { NotificationKind } from './kinds.ts';

// What a notification's mail says beyond its kind: the page behind login, the deadline and a few facts about the
// organisation (the meeting's time, the unit that answered), read in the notice's own transaction. Nothing here
// reads a person: the SIP's rows are read for their dates, units and the meeting only, never the name.

export type Fact = { label: string; value: string };
export type Described = {
  path: string;
  deadline: string | null;
  facts: Fact[];
  attachment?: MailAttachment;
};

const enc = encodeURIComponent;

export async function describe(
  tx: Db,
  n: { kind: NotificationKind; subjectType: string; subjectId: string },
  now: Date,
): Promise<Described | null> {
  switch (n.subjectType) {
    case 'sipInvitation':
      return describeInvitation(tx, n.kind, n.subjectId);
    case 'sip':
      return describeSip(tx, n.kind, n.subjectId);
    case 'sipConsentChange':
      return describeConsentChange(tx, n.subjectId);
    case 'deviation': {
      const d = await unscopedDeviationDue(tx, n.subjectId);
      if (!d) return null;
      return { path: `/avvikelser/${enc(n.subjectId)}`, deadline: d.dueOn, facts: [] };
    }
    case 'dispute':
      return { path: `/tvister/${enc(n.subjectId)}`, deadline: null, facts: [] };
    case 'agreement': {
      const a = await agreementDeadlines(tx, n.subjectId, isoDate(now));
      const deadline = n.kind === 'agreement.noticeDeadline' ? a.noticeDeadline : a.nextFollowUpOn;
      return { path: `/overenskommelser/${enc(n.subjectId)}`, deadline: deadline ?? null, facts: [] };
    }
    case 'actionPlanAction': {
      const a = await unscopedActionDue(tx, n.subjectId);
      if (!a) return null;
      return { path: `/uppfoljning/handlingsplaner/${enc(a.planId)}`, deadline: a.dueOn, facts: [] };
    }
    case 'needsInventoryRound': {
      const periodEnd = await unscopedRoundPeriodEnd(tx, n.subjectId);
      if (!periodEnd) return null;
      return {
        path: `/behovsinventeringar/${enc(n.subjectId)}`,
        deadline: n.kind === 'needsInventory.nextDue' ? null : periodEnd,
        facts: [],
      };
    }
    default:
      return null;
  }
}

async function describeInvitation(
  tx: Db,
  kind: NotificationKind,
  invitationId: string,
): Promise<Described | null> {
  const i = await unscopedInvitationMeeting(tx, invitationId);
  if (!i) return null;
  const names = await organisationNames(tx, { unitIds: [i.unitId, i.conveningUnitId], principalIds: [] });
  const sipPath = `/sip/${enc(i.sipId)}`;
  const answerPath = `/kallelser/${enc(invitationId)}?sip=${enc(i.sipId)}`;
  const meeting = { label: 'Mötet', value: isoDateTime(i.meetingAt) };
  switch (kind) {
    case 'sip.invitationSent':
      return {
        path: answerPath,
        deadline: i.answerBy,
        facts: [meeting, { label: 'Kallad av', value: names.unitWithPrincipal(i.conveningUnitId) }],
        // The same calendar file as the SIP's page gives (sip/print-plan.ts): that it is a SIP meeting, where,
        // and the SIP's address, never the person.
        attachment: {
          filename: 'sip-mote.ics',
          contentType: 'text/calendar; charset=utf-8',
          content: meetingIcs({
            uid: `${invitationId}@somlos`,
            start: i.meetingAt,
            durationMinutes: 60,
            title: 'SIP-möte',
            location: i.place,
            videoLink: i.videoLink,
            organiserUnitName: names.unitWithPrincipal(i.conveningUnitId),
            description: `Samordnad individuell plan. Öppna SIP:en i Sömlös: ${publicUrlMark}${sipPath}`,
          }),
        },
      };
    case 'sip.invitationReminder':
      return { path: answerPath, deadline: i.answerBy, facts: [meeting] };
    case 'sip.invitationUnanswered':
      return {
        path: sipPath,
        deadline: i.answerBy,
        facts: [meeting, { label: 'Kallad enhet', value: names.unitWithPrincipal(i.unitId) }],
      };
    case 'sip.invitationAnswered':
      return {
        path: sipPath,
        deadline: null,
        facts: [
          { label: 'Enhet', value: names.unitWithPrincipal(i.unitId) },
          { label: 'Svar', value: i.status === 'accepted' ? 'Tackar ja' : 'Tackar nej' },
          meeting,
        ],
      };
    default:
      return null;
  }
}

async function describeSip(tx: Db, kind: NotificationKind, sipId: string): Promise<Described | null> {
  const s = await unscopedSipDeadlines(tx, sipId);
  if (!s) return null;
  const path = `/sip/${enc(sipId)}`;
  if (kind === 'sip.followUpDue') return { path, deadline: s.followUpDueOn, facts: [] };
  const conveneBy = s.consentGivenOn
    ? isoDate(addDays(new Date(`${s.consentGivenOn}T12:00:00Z`), s.conveneDays))
    : null;
  return { path, deadline: conveneBy, facts: [] };
}

/** What the person changed in their consent, and the principal it names; never who the person is. */
async function describeConsentChange(tx: Db, changeId: string): Promise<Described | null> {
  const c = await unscopedConsentChange(tx, changeId);
  if (!c) return null;
  const names = c.principalId
    ? await organisationNames(tx, { unitIds: [], principalIds: [c.principalId] })
    : null;
  return {
    path: `/sip/${enc(c.sipId)}`,
    deadline: null,
    facts: [
      { label: 'Ändring', value: consentNoticeText[c.kind] ?? c.kind },
      ...(names && c.principalId ? [{ label: 'Huvudman', value: names.principal(c.principalId) }] : []),
      { label: 'Dag', value: c.changedOn },
    ],
  };
}

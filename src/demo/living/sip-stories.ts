import {
  answerInvitation,
  closeSip,
  inviteUnits,
  recordConsent,
  recordFollowUp,
  savePlan,
  startSip,
  withdrawConsent,
} from '../../modules/sip/index.ts';
import { isoDate } from '../../platform/clock.ts';
import { atHour, dayAfter, inventedIdentityNumber, inventedName, workday } from './random.ts';
import * as texts from './texts.ts';
import type { CountyWorld, Party } from './world.ts';

// One SIP from request to closure, through the SIP module's use cases (every call to them in the living demo is
// in this file), each at its own moment: a step whose moment is after the demo's "now" does not happen, so a
// recent request is still waiting where an older one has been followed up and closed. The SIP rules met: adults
// only (born 1950–2000), consent from at least two principals, dated the day it is recorded, meetings booked in
// the future of the invitation, only care units invited, follow-ups after the first meeting.

export type SipScript = {
  start: Date;
  convener: Party;
  /** The other care units whose principals the consent covers; each is invited. */
  others: Party[];
  /** 'full' runs to closure; 'noConsent' is closed without consent; 'withdrawn' ends with the consent withdrawn. */
  fate: 'full' | 'noConsent' | 'withdrawn';
  /** The stage a showcase story stops at, whatever the date. */
  until?: 'requested' | 'consent' | 'invited' | 'planned';
  /** Quick steps (a day or two each), for the showcase stories just before "now". */
  quick?: boolean;
  /** Whether the person has or lives with children (the plan must then consider them). */
  children: boolean;
};

type Plan = Parameters<typeof savePlan>[2];

/** Plays one SIP story as far as the demo's "now" (or its `until`) allows. */
export async function playSip(w: CountyWorld, s: SipScript): Promise<void> {
  const { r } = w;
  const happened = (at: Date) => at <= w.now;
  const hasChildren = s.children;
  const started = await startSip(await w.ctx(s.convener.staff, s.start), {
    person: { personalIdentityNumber: inventedIdentityNumber(r), name: inventedName(r) },
    reason: r.pick(texts.sipReasons),
    requestedBy: r.pick(['staff', 'staff', 'person', 'relative'] as const),
    hasChildren,
  });
  if (s.until === 'requested') return;
  if (s.fate === 'noConsent') {
    const at = atHour(dayAfter(s.start, r.int(6, 25)), 14);
    if (happened(at)) await closeSip(await w.ctx(s.convener.staff, at), started.id, { reason: 'noConsent' });
    return;
  }
  const consentAt = atHour(workday(dayAfter(s.start, s.quick ? 1 : r.int(1, 9))), r.int(9, 15));
  if (!happened(consentAt)) return;
  await recordConsent(await w.ctx(s.convener.staff, consentAt), started.id, {
    givenAt: isoDate(consentAt),
    form: r.pick(['written', 'written', 'verbal'] as const),
    principalIds: [...new Set([s.convener.principalId, ...s.others.map((o) => o.principalId)])],
    relativesMayTakePart: r.chance(0.6),
    decisionParticipants: r.chance(0.5) ? ['person', 'staff'] : ['person'],
  });
  if (s.until === 'consent') return;
  const meeting = await invite(w, s, started.id, consentAt);
  if (!meeting || s.until === 'invited' || !happened(meeting.at)) return;
  if (s.fate === 'withdrawn' && r.chance(0.3)) return withdraw(w, s, started.id, dayAfter(meeting.at, -1));
  const plan = planFor(w, s, meeting.accepted, hasChildren, isoDate(meeting.at));
  await savePlan(await w.ctx(s.convener.staff, addHours(meeting.at, 2)), started.id, plan);
  if (s.until === 'planned') return;
  if (s.fate === 'withdrawn') return withdraw(w, s, started.id, dayAfter(meeting.at, r.int(14, 80)));
  await followUpAndClose(w, s, started.id, plan);
}

const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);

/**
 * Invites the other units to one meeting, two to three weeks ahead, and lets each answer: most in time, some
 * late, a few decline with a reason and a few never answer. Returns the meeting and the units that accepted.
 */
async function invite(w: CountyWorld, s: SipScript, sipId: string, consentAt: Date) {
  const { r } = w;
  const inviteAt = atHour(workday(dayAfter(consentAt, s.quick ? 1 : r.int(1, 5))), r.int(9, 15));
  if (inviteAt > w.now) return null;
  const meetingDay = workday(dayAfter(inviteAt, s.quick ? r.int(14, 18) : r.int(9, 24)));
  const meetingAt = atHour(meetingDay, r.pick([9, 10, 13, 14]));
  const video = r.chance(0.3);
  const invitations = await inviteUnits(await w.ctx(s.convener.staff, inviteAt), sipId, {
    unitIds: s.others.map((o) => o.unitId),
    meetingAt: meetingAt.toISOString(),
    place: video ? null : `Samtalsrummet, ${s.convener.unitName}`,
    videoLink: video ? 'https://video.example.invalid/sip-mote' : null,
    externalParticipants: r.chance(0.25) ? [{ kind: 'forsakringskassan', note: 'Handläggare' }] : [],
  });
  const accepted: Party[] = [];
  // A showcase invitation waits for its answer: the demo's user gives it.
  if (s.until === 'invited') return { at: meetingAt, accepted };
  for (const invitation of invitations) {
    const party = s.others.find((o) => o.unitId === invitation.unitId)!;
    const roll = r.int(1, 100);
    if (roll > 95) continue; // never answered: reminded, and flagged to the convening unit
    const late = roll > 80 && roll <= 90;
    const answerAt = atHour(workday(dayAfter(inviteAt, late ? r.int(5, 9) : r.int(0, 2))), r.int(8, 16));
    if (answerAt > w.now || answerAt > meetingAt) continue;
    const accepts = roll <= 90;
    await answerInvitation(
      await w.ctx(party.staff, answerAt),
      invitation.id,
      accepts ? { accepted: true } : { accepted: false, reason: r.pick(texts.declineReasons) },
    );
    if (accepts) accepted.push(party);
  }
  return { at: meetingAt, accepted };
}

/** The plan written at the meeting: each taking-part unit's interventions, the person's own words, goals. */
function planFor(w: CountyWorld, s: SipScript, accepted: Party[], hasChildren: boolean, day: string): Plan {
  const { r } = w;
  const own = (p: Party, n: number) =>
    r
      .some(texts.interventions[p.kind], n)
      .map((description) => ({ description, responsibleUnitId: p.unitId }));
  const external = r.chance(0.3) ? [r.pick(texts.interventions.external)] : [];
  const considered = hasChildren ? r.chance(0.9) : null;
  return {
    interventions: [
      ...own(s.convener, 2),
      ...accepted.flatMap((p) => own(p, 1)),
      ...external.map((e) => ({ description: e.description, externalActor: e.actor })),
    ],
    overallResponsibility: { unitId: s.convener.unitId },
    goals: r.some(texts.goals, r.int(1, 3)),
    personsOwnWords: r.chance(0.88) ? r.pick(texts.ownWords) : '',
    followUpOn: dayAfter(atHour(day, 12), r.int(60, 120)),
    childrenConsidered: considered,
    ...(hasChildren
      ? {
          childrenNote: considered
            ? r.pick(texts.childrenNotes)
            : 'Barnens behov är inte beaktade ännu; det tas upp vid uppföljningen.',
        }
      : {}),
    compulsoryCare: r.chance(0.06) ? { law: 'LPT' } : null,
  };
}

/** Follow-ups near their dates (most on time, some late, a few forgotten), a revised plan now and then, closure. */
async function followUpAndClose(w: CountyWorld, s: SipScript, sipId: string, first: Plan) {
  const { r } = w;
  if (r.chance(0.05)) return; // forgotten: the follow-up date passes, and the SIP shows as overdue
  let plan = first;
  let due = first.followUpOn;
  const rounds = r.chance(0.75) ? 1 : 2;
  let lastHeld = due;
  for (let round = 1; round <= rounds; round++) {
    const heldOn = workday(dayAfter(atHour(due, 12), r.chance(0.75) ? r.int(-7, 0) : r.int(3, 25)));
    const at = atHour(heldOn, 15);
    if (at > w.now) return;
    const last = round === rounds;
    const next = last ? null : dayAfter(at, r.int(90, 150));
    const ctx = await w.ctx(s.convener.staff, at);
    await recordFollowUp(ctx, sipId, {
      heldOn,
      outcomes: plan.interventions.map((_, index) => ({
        index,
        outcome: r.pick(['done', 'done', 'ongoing', 'notDone'] as const),
        comment: r.pick(texts.followUpComments),
      })),
      nextFollowUpOn: next,
    });
    if (next && r.chance(0.4)) {
      plan = { ...plan, followUpOn: next, goals: r.some(texts.goals, 2) };
      await savePlan(await w.ctx(s.convener.staff, addHours(at, 1)), sipId, plan);
    }
    lastHeld = heldOn;
    if (next) due = next;
  }
  const closeAt = atHour(workday(dayAfter(atHour(lastHeld, 12), r.int(0, 10))), 11);
  if (closeAt > w.now) return;
  const reason = r.pick(['goalsMet', 'goalsMet', 'goalsMet', 'moved', 'other'] as const);
  await closeSip(await w.ctx(s.convener.staff, closeAt), sipId, {
    reason,
    note: reason === 'other' ? r.pick(texts.closureNotes) : undefined,
  });
}

async function withdraw(w: CountyWorld, s: SipScript, sipId: string, day: string) {
  const at = atHour(day, 10);
  if (at > w.now) return;
  await withdrawConsent(await w.ctx(s.convener.staff, at), sipId, { withdrawnAt: day });
}

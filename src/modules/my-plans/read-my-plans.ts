import type { Db } from '../../db/client.ts';
import type { PersonContext } from '../../platform/http/context.ts';
import { organisationNames } from '../organisations/index.ts';
import { listOwnSips, type OwnSip, readOwnSip } from '../sip/index.ts';
import {
  assessmentOf,
  contentIds,
  evaluationOf,
  interventionsOf,
  meetingsHeldOf,
  placementOf,
} from './plan-content.ts';
import {
  answerText,
  changeText,
  closureText,
  compulsoryCareText,
  dayText,
  externalText,
  meetingText,
  planKindText,
  statusText,
} from './present.ts';

// What the person reads on their own pages: every SIP about them, and each in full, as plain Swedish view models.
// Each read goes through the person's path of the access layer (platform/access/person-self.ts) by the SIP
// module's self rule (sip/own-sips.ts): logged, with the person as the one who read.

const unique = (ids: string[]) => [...new Set(ids)];

/** The person's SIPs, newest first: who convenes each and how it stands. Each one listed is logged as read. */
export async function listMyPlans(ctx: PersonContext) {
  const { person, rows } = await listOwnSips(ctx);
  const names = await organisationNames(ctx.db, {
    unitIds: unique(rows.map((r) => r.conveningUnitId)),
    principalIds: [],
  });
  const plan = (r: (typeof rows)[number]) => ({
    id: r.objectId,
    convening: names.unitWithPrincipal(r.conveningUnitId),
    status: statusText[r.status],
    started: dayText(r.createdAt),
    closed: r.closedOn ? dayText(r.closedOn) : null,
  });
  return {
    protectedIdentity: person.protectedIdentity,
    open: rows.filter((r) => r.status !== 'closed').map(plan),
    closed: rows.filter((r) => r.status === 'closed').map(plan),
  };
}

/** One SIP with the names of the units and principals its pages show. */
async function namesOf(tx: Db, own: OwnSip) {
  const names = await organisationNames(tx, contentIds(own));
  return { ...own, names };
}
type Mine = Awaited<ReturnType<typeof namesOf>>;
type SipAggregate = OwnSip['sip'];

/** One of the person's SIPs, for its page; logged as a read. 404 for anyone else's. */
export function readMyPlan(ctx: PersonContext, sipId: string) {
  return readOwnSip(ctx, sipId, async (tx, own, grant) => ({
    ...presentMine(await namesOf(tx, own), ctx.now),
    protectedIdentity: grant.person.protectedIdentity,
  }));
}

/**
 * A plan version as the person reads it: their own words first, then goals, who does what and when (with how it
 * stands and their own view), a placement outside the home, who leads.
 */
function presentVersion(version: Mine['versions'][number], names: Mine['names'], current: boolean) {
  const content = version.content;
  return {
    number: version.version,
    saved: dayText(version.savedAt),
    current,
    ownWords: content.personsOwnWords,
    goals: content.goals,
    interventions: interventionsOf(content, names),
    placement: placementOf(content, names),
    compulsoryCare: content.compulsoryCare ? compulsoryCareText(content.compulsoryCare.law) : null,
    relativesTookPart: content.relativesTookPart ?? null,
    children:
      content.childrenConsidered === null
        ? null
        : { considered: content.childrenConsidered, note: content.childrenNote ?? null },
    overall: names.unitWithPrincipal(content.overallResponsibility.unitId),
    followUpOn: dayText(content.followUpOn),
  };
}

/** The meetings the person is called to: the invitations grouped by their time, soonest first. */
function meetings(sip: SipAggregate, names: Mine['names'], now: Date) {
  const byTime = new Map<number, SipAggregate['invitations']>();
  for (const i of sip.invitations) {
    const key = i.meetingAt.getTime();
    byTime.set(key, [...(byTime.get(key) ?? []), i]);
  }
  return [...byTime]
    .sort(([a], [b]) => a - b)
    .map(([at, invitations]) => {
      const first = invitations[0]!;
      return {
        at: new Date(at),
        when: meetingText(new Date(at)),
        upcoming: at >= now.getTime(),
        place: first.place,
        videoLink: first.videoLink,
        convening: names.unitWithPrincipal(sip.conveningUnitId),
        invited: invitations.map((i) => ({
          name: names.unitWithPrincipal(i.unitId),
          answer: answerText[i.status],
        })),
        others: unique(
          invitations.flatMap((i) =>
            i.externalParticipants.map((e) =>
              e.note ? `${externalText[e.kind] ?? e.kind} (${e.note})` : (externalText[e.kind] ?? e.kind),
            ),
          ),
        ),
      };
    });
}

function presentMine({ sip, versions, changes, names }: Mine, now: Date) {
  const newest = versions.at(-1);
  const all = meetings(sip, names, now);
  const consent = sip.consent;
  const open = sip.status !== 'closed';
  const inForce = consent !== null && consent.withdrawnOn === null;
  return {
    id: sip.id,
    status: sip.status,
    statusText: statusText[sip.status],
    open,
    convening: names.unitWithPrincipal(sip.conveningUnitId),
    conveningPrincipal: names.principal(sip.conveningPrincipalId),
    started: dayText(sip.createdAt),
    closure: sip.closedOn
      ? { on: dayText(sip.closedOn), why: closureText[sip.closureReason ?? 'other'] }
      : null,
    kind: planKindText[sip.planKind] ?? planKindText.SIP!,
    plan: newest ? presentVersion(newest, names, true) : null,
    assessment: assessmentOf(sip, names).map((a) => ({
      ...a,
      entries: a.entries.map((e) => ({ ...e, on: dayText(e.on) })),
    })),
    meetingsHeld: meetingsHeldOf(sip, names).map((m) => ({ ...m, on: dayText(m.heldOn) })),
    evaluation: evaluationOf(sip),
    earlier: versions
      .slice(0, -1)
      .reverse()
      .map((v) => presentVersion(v, names, false)),
    followUpDue: sip.followUpDueOn && open ? dayText(sip.followUpDueOn) : null,
    nextMeeting: all.find((m) => m.upcoming) ?? null,
    pastMeetings: all.filter((m) => !m.upcoming).reverse(),
    consent: consent && {
      inForce,
      given: dayText(consent.givenOn),
      form: consent.form === 'written' ? 'skriftligt' : 'muntligt',
      withdrawn: consent.withdrawnOn ? dayText(consent.withdrawnOn) : null,
      relatives: consent.relativesMayTakePart,
      principals: consent.principalIds
        .map((id) => ({
          id,
          name: names.principal(id),
          convening: id === sip.conveningPrincipalId,
        }))
        .sort((a, b) => Number(b.convening) - Number(a.convening) || a.name.localeCompare(b.name, 'sv')),
      others: consent.otherParties,
    },
    history: [
      ...(consent
        ? [{ on: dayText(consent.givenOn), text: 'Du gav ditt samtycke.', by: 'Enheten som sammankallar' }]
        : []),
      ...changes.map((c) => ({
        on: dayText(c.changedOn),
        text:
          c.kind === 'principalWithdrawn' || c.kind === 'principalAdded'
            ? changeText[c.kind](names.principal(c.principalId ?? ''))
            : changeText[c.kind](),
        by: c.actor === 'person' ? 'Du själv, med e-legitimation' : 'Enheten som sammankallar',
      })),
    ],
  };
}
export type MyPlan = ReturnType<typeof presentMine>;

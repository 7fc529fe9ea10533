import type { organisationNames } from '../organisations/index.ts';
import { lifeAreaLabel, lifeAreaRank, type OwnSip, planUnitIds, responsibleName } from '../sip/index.ts';
import {
  dayText,
  goalsMetText,
  interventionStatusText,
  lifeAreaText,
  participationText,
  placementKindText,
  placementText,
  whenText,
} from './present.ts';

// The whole plan as the person reads it (issue 26 item 2, with issue 22's content): each intervention's who,
// when, status and the person's own view, a placement outside the home, the needs assessment by life area, the
// meetings held and who took part, the evaluation at closure. One presentation for the plan's page, its PDF and
// the person's download. It names units and principals, never a person: not staff (decision 0022), and not a
// relative or anyone else at a meeting, who is given by their role only.

export type Names = Awaited<ReturnType<typeof organisationNames>>;
type Sip = OwnSip['sip'];
type Content = OwnSip['versions'][number]['content'];
type Participant = Sip['meetings'][number]['participants'][number];

const unique = (ids: string[]) => [...new Set(ids)];

/** Every unit and principal the SIP's content names, for organisationNames. */
export function contentIds({ sip, versions, changes }: OwnSip) {
  const contents = versions.map((v) => v.content);
  return {
    unitIds: unique([
      sip.conveningUnitId,
      ...sip.invitations.map((i) => i.unitId),
      ...contents.flatMap((c) => [...planUnitIds(c), ...(c.placement?.jointPlanning.unitIds ?? [])]),
      ...sip.assessments.map((a) => a.unitId),
      ...sip.meetings.flatMap((m) => m.participants.flatMap((p) => (p.kind === 'unit' ? [p.unitId] : []))),
    ]),
    principalIds: unique([
      sip.conveningPrincipalId,
      ...(sip.consent?.principalIds ?? []),
      ...changes.flatMap((c) => (c.principalId ? [c.principalId] : [])),
      ...contents.flatMap((c) => (c.placement?.costSplit ?? []).map((s) => s.principalId)),
    ]),
  };
}

/** Each intervention: what, who, when, how it stands and what the person thinks of it. */
export function interventionsOf(content: Content, names: Names) {
  return content.interventions.map((i) => ({
    what: i.description,
    who: responsibleName(i, names),
    startsOn: i.startsOn ?? null,
    endsOn: i.endsOn ?? null,
    when: whenText(i.startsOn, i.endsOn),
    status: interventionStatusText[i.status ?? 'planned'] ?? interventionStatusText.planned!,
    view: i.personsView ?? null,
  }));
}

/** A placement outside the home, as labelled lines in plain words; null when the plan has none. */
export function placementOf(content: Content, names: Names) {
  const p = content.placement;
  if (!p) return null;
  return [
    {
      label: placementText.kind,
      text: `${placementKindText[p.kind] ?? p.kind}${p.place ? `: ${p.place}` : ''}`,
    },
    { label: placementText.startsOn, text: dayText(p.startsOn) },
    { label: placementText.goal, text: p.goal },
    { label: placementText.followUp, text: `${dayText(p.followUp.on)}: ${p.followUp.how}` },
    { label: placementText.returnHome, text: p.returnHome },
    {
      label: placementText.jointPlanning,
      text: `${p.jointPlanning.unitIds.map(names.unitWithPrincipal).join(', ')}, ${dayText(p.jointPlanning.heldOn)}`,
    },
    {
      label: placementText.costSplit,
      text: p.costSplit.map((s) => `${names.principal(s.principalId)} ${s.percent} %`).join(', '),
    },
  ];
}

/**
 * The needs assessment by life area, in the order of the areas: what each unit wrote of what the person wants,
 * their strengths and their situation.
 */
export function assessmentOf(sip: Sip, names: Names) {
  const areas = unique(sip.assessments.map((a) => a.area)).sort((a, b) => lifeAreaRank(a) - lifeAreaRank(b));
  return areas.map((area) => ({
    area: lifeAreaText[area] ?? lifeAreaLabel(area),
    entries: sip.assessments
      .filter((a) => a.area === area)
      .map((a) => ({
        unit: names.unitWithPrincipal(a.unitId),
        on: a.recordedAt,
        wishes: a.wishes,
        strengths: a.strengths,
        situation: a.situation,
      })),
  }));
}

/** Who was at a meeting: a unit by its name, anyone else by their role (a relative, another party), no name. */
function participantText(p: Participant, names: Names): string {
  if (p.kind === 'unit')
    return p.role ? `${names.unitWithPrincipal(p.unitId)}: ${p.role}` : names.unitWithPrincipal(p.unitId);
  if (p.kind === 'relative') return p.role ? `Närstående: ${p.role}` : 'Närstående';
  return p.role || 'Någon annan';
}

/** The meetings as held, newest first: how the person took part, who came and who did not, the notes. */
export function meetingsHeldOf(sip: Sip, names: Names) {
  return [...sip.meetings].reverse().map((m) => ({
    heldOn: m.heldOn,
    participation: participationText[m.personsParticipation] ?? '',
    attended: m.participants.filter((p) => p.attended).map((p) => participantText(p, names)),
    absent: m.participants.filter((p) => !p.attended).map((p) => participantText(p, names)),
    notes: m.notes,
  }));
}

/** The evaluation at closure: were the goals met, what the person said, the note; null while open. */
export function evaluationOf(sip: Sip) {
  if (sip.status !== 'closed' || !sip.closedOn) return null;
  if (!sip.evaluationGoalsMet && !sip.evaluationPersonsView && !sip.closureNote) return null;
  return {
    goalsMet: sip.evaluationGoalsMet ? (goalsMetText[sip.evaluationGoalsMet] ?? null) : null,
    personsView: sip.evaluationPersonsView,
    note: sip.closureNote,
  };
}

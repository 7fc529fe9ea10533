import { readPersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { type Person, presentPerson } from '../../platform/people/present.ts';
import { organisationNames } from '../organisations/index.ts';
import { meetingIcs } from './documents/meeting-ics.ts';
import { type PlanDocument, planPdf } from './documents/plan-pdf.ts';
import { sipLabels, sipViewFilters } from './labels.ts';
import { lifeAreaLabel, lifeAreaRank } from './life-areas.ts';
import { loadSip, type SipAggregate } from './load.ts';
import { placementLines } from './placement.ts';
import { planUnitIds, responsibleName } from './plan-units.ts';

/**
 * The plan as a PDF, logged as 'print'. The person is named as in lists ('elsewhere'): a printout leaves the
 * system, so a person with protected identity is never named in it.
 */
export async function printPlan(ctx: UserContext, sipId: string): Promise<Buffer> {
  const document = await readPersonData(
    ctx,
    { type: 'sip', id: sipId },
    async (tx, grant) => {
      const sip = await loadSip(tx, sipId);
      if (!sip.plan) throw conflict('Det finns ingen plan att skriva ut.');
      const plan = sip.plan.content;
      const names = await organisationNames(tx, {
        unitIds: [
          sip.conveningUnitId,
          ...planUnitIds(plan),
          ...(plan.placement?.jointPlanning.unitIds ?? []),
          ...sip.assessments.map((a) => a.unitId),
          ...sip.meetings.flatMap((m) =>
            m.participants.flatMap((p) => (p.kind === 'unit' ? [p.unitId] : [])),
          ),
        ],
        principalIds: [
          ...(sip.consent?.principalIds ?? []),
          ...(plan.placement?.costSplit ?? []).map((s) => s.principalId),
        ],
      });
      return {
        ...printedPlanFrame(
          sip,
          sip.plan,
          grant.person,
          names,
          plan.interventions.map((i) => ({
            description: i.description,
            responsible: responsibleName(i, names),
            when: [i.startsOn ? `från ${i.startsOn}` : '', i.endsOn ? `till ${i.endsOn}` : 'tills vidare']
              .filter(Boolean)
              .join(' '),
            status: sipLabels.interventionStatus[i.status ?? 'planned']!,
            personsView: i.personsView ?? null,
          })),
        ),
        countyName: ctx.user.county.name,
        placement: plan.placement ? placementLines(plan.placement, names) : null,
        ...planContent(sip, names),
        printedAt: isoDate(ctx.now),
        printedBy: `${ctx.user.name}, ${ctx.user.unit.name}`,
      };
    },
    { action: 'print' },
  );
  return planPdf(document);
}

type PrintNames = { unitWithPrincipal: (id: string) => string; principal: (id: string) => string };

/**
 * What every printout of a plan says the same way, whoever prints it (a unit, or the person on their own pages):
 * the person, named as in lists (a printout leaves Sömlös, so a person with protected identity is never named in
 * it), the convening unit, the consent and the plan's own fields. The interventions are the caller's, as the
 * person's printout words them for the person (my-plans/plan-content.ts).
 */
export function printedPlanFrame(
  sip: SipAggregate,
  planRow: NonNullable<SipAggregate['plan']>,
  person: Person,
  names: PrintNames,
  interventions: PlanDocument['plan']['interventions'],
): Pick<PlanDocument, 'person' | 'conveningUnitName' | 'consent' | 'plan'> {
  const named = presentPerson(person, 'elsewhere');
  const plan = planRow.content;
  return {
    person: { name: named.name, personalIdentityNumber: named.personalIdentityNumber },
    conveningUnitName: names.unitWithPrincipal(sip.conveningUnitId),
    consent: sip.consent && {
      givenAt: sip.consent.givenOn,
      form: sip.consent.form,
      principalNames: sip.consent.principalIds.map(names.principal),
    },
    plan: {
      version: planRow.version,
      savedAt: isoDate(planRow.savedAt),
      personsOwnWords: plan.personsOwnWords,
      goals: plan.goals,
      interventions,
      overallResponsibility: names.unitWithPrincipal(plan.overallResponsibility.unitId),
      followUpOn: sip.followUpDueOn ?? plan.followUpOn,
      childrenConsidered: plan.childrenConsidered,
      compulsoryCare: plan.compulsoryCare ?? null,
      relativesTookPart: plan.relativesTookPart ?? null,
    },
  };
}

/** What the printed plan shows of its content around the plan (issue 22): kind, assessment, meetings, evaluation. */
function planContent(sip: SipAggregate, names: { unitWithPrincipal: (id: string) => string }) {
  const byUnit = new Map<string, SipAggregate['assessments']>();
  for (const row of sip.assessments) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
  const participant = (p: SipAggregate['meetings'][number]['participants'][number]) =>
    `${p.kind === 'unit' ? names.unitWithPrincipal(p.unitId) : `${p.name} (${sipLabels.meetingParticipantKind[p.kind]?.toLocaleLowerCase('sv')})`}: ${p.role}`;
  return {
    planKind: sip.planKind,
    chiefPhysicianUnitName: sip.planKind === 'SPLPTLRV' ? names.unitWithPrincipal(sip.conveningUnitId) : null,
    assessments: [...byUnit].map(([unitId, rows]) => ({
      unitName: names.unitWithPrincipal(unitId),
      recordedAt: isoDate(rows[0]!.recordedAt),
      areas: [...rows]
        .sort((a, b) => lifeAreaRank(a.area) - lifeAreaRank(b.area))
        .map((r) => ({ ...r, label: lifeAreaLabel(r.area) })),
    })),
    meetings: sip.meetings.map((m) => ({
      heldOn: m.heldOn,
      participation: sipLabels.personsParticipation[m.personsParticipation]!,
      attended: m.participants.filter((p) => p.attended).map(participant),
      absent: m.participants.filter((p) => !p.attended).map(participant),
      notes: m.notes,
    })),
    evaluation:
      sip.closureReason && sip.closedOn
        ? {
            closedAt: sip.closedOn,
            reason: sipViewFilters.closureReason(sip.closureReason),
            goalsMet: sip.evaluationGoalsMet ? sipLabels.goalsMet[sip.evaluationGoalsMet]! : null,
            personsView: sip.evaluationPersonsView,
            note: sip.closureNote,
          }
        : null,
  };
}

/**
 * A meeting of the SIP as an iCalendar file, logged as 'export'. Calendars are shared and synced to phones,
 * so the file names neither the person nor anything about them: only that it is a SIP meeting, where, and
 * the SIP's address in Sömlös for those who may open it.
 */
export function meetingCalendarFile(ctx: UserContext, sipId: string, invitationId: string, baseUrl: string) {
  return readPersonData(
    ctx,
    { type: 'sip', id: sipId },
    async (tx) => {
      const sip = await loadSip(tx, sipId);
      const invitation = sip.invitations.find((i) => i.id === invitationId);
      // Thrown inside the transaction: it rolls back, so a call for no meeting leaves no log row.
      if (!invitation) throw notFound();
      const names = await organisationNames(tx, { unitIds: [sip.conveningUnitId], principalIds: [] });
      return meetingIcs({
        uid: `${invitation.id}@somlos`,
        start: invitation.meetingAt,
        durationMinutes: 60,
        title: 'SIP-möte',
        location: invitation.place,
        videoLink: invitation.videoLink,
        organiserUnitName: names.unitWithPrincipal(sip.conveningUnitId),
        description: `Samordnad individuell plan. Öppna SIP:en i Sömlös: ${baseUrl}/sip/${encodeURIComponent(sipId)}`,
      });
    },
    { action: 'export' },
  );
}

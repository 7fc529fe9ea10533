import { isoDate } from '../../platform/clock.ts';
import { conflict } from '../../platform/errors.ts';
import type { PersonContext } from '../../platform/http/context.ts';
import { findCounty, organisationNames } from '../organisations/index.ts';
import { type PlanDocument, planPdf, printedPlanFrame, readOwnSip } from '../sip/index.ts';
import {
  assessmentOf,
  contentIds,
  evaluationOf,
  interventionsOf,
  meetingsHeldOf,
  placementOf,
} from './plan-content.ts';
import { closureText, dayText } from './present.ts';

/**
 * One plan as a PDF for the person, logged as a print: the whole current plan, with its kind, the needs
 * assessment, the meetings held and the evaluation at closure, as the staff's printout has them, in the person's
 * plain words (plan-content.ts). A printout leaves Sömlös, so a person with protected identity is not named in it,
 * as in staff's printouts (sip/print-plan.ts); nor is a member of staff, nor anyone else at a meeting.
 */
export async function printMyPlan(ctx: PersonContext, sipId: string): Promise<Buffer> {
  const document = await readOwnSip(
    ctx,
    sipId,
    async (tx, own, grant): Promise<PlanDocument> => {
      const { sip } = own;
      if (!sip.plan) throw conflict('Det finns ingen plan att skriva ut än.');
      const plan = sip.plan.content;
      const names = await organisationNames(tx, contentIds(own));
      const evaluation = evaluationOf(sip);
      return {
        ...printedPlanFrame(
          sip,
          sip.plan,
          grant.person,
          names,
          interventionsOf(plan, names).map((i) => ({
            description: i.what,
            responsible: i.who,
            when: i.when,
            status: i.status,
            personsView: i.view,
          })),
        ),
        countyName: (await findCounty(tx, sip.countyCode))?.name ?? sip.countyCode,
        placement: placementOf(plan, names),
        planKind: sip.planKind,
        chiefPhysicianUnitName:
          sip.planKind === 'SPLPTLRV' ? names.unitWithPrincipal(sip.conveningUnitId) : null,
        assessments: byUnit(assessmentOf(sip, names)),
        meetings: [...meetingsHeldOf(sip, names)].reverse().map((m) => ({
          heldOn: dayText(m.heldOn),
          participation: m.participation,
          attended: m.attended,
          absent: m.absent,
          notes: m.notes,
        })),
        evaluation:
          sip.closedOn && sip.closureReason
            ? {
                closedAt: dayText(sip.closedOn),
                reason: (closureText[sip.closureReason] ?? '').replace(/\.$/, ''),
                goalsMet: evaluation?.goalsMet ?? null,
                personsView: evaluation?.personsView ?? null,
                note: evaluation?.note ?? null,
              }
            : null,
        printedAt: isoDate(ctx.now),
        printedBy: 'dig själv, med e-legitimation',
      };
    },
    { action: 'print' },
  );
  return planPdf(document);
}

/** The needs assessment as the printout has it: each unit's, with the areas it wrote about. */
function byUnit(areas: ReturnType<typeof assessmentOf>): NonNullable<PlanDocument['assessments']> {
  const units = new Map<
    string,
    { on: Date; areas: NonNullable<PlanDocument['assessments']>[number]['areas'] }
  >();
  for (const a of areas)
    for (const e of a.entries) {
      const unit = units.get(e.unit) ?? { on: e.on, areas: [] };
      unit.areas.push({ label: a.area, situation: e.situation, strengths: e.strengths, wishes: e.wishes });
      if (e.on > unit.on) unit.on = e.on;
      units.set(e.unit, unit);
    }
  return [...units].map(([unitName, u]) => ({ unitName, recordedAt: dayText(u.on), areas: u.areas }));
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { countyAgreementId } from '../agreements/index.ts';
import { bodyId, municipalityId, regionId } from '../organisations/index.ts';
import { units } from '../organisations/schema.ts';
import { commonSet, demoValueNote, plans } from './demo-data.ts';
import {
  actionPlanActions,
  actionPlanNotes,
  actionPlans,
  followUpCalendarItems,
  followUpPlans,
  indicators,
  indicatorValues,
} from './schema.ts';

export const followUpPlanId = (countyCode: string) => `follow-up-plan-${countyCode}`;
export const indicatorId = (countyCode: string, key: string) => `indicator-${countyCode}-${key}`;

/** Loads the four counties' follow-up plans and Värmland's action plans; inside the demo data's transaction. */
export async function loadFollowUpDemo(tx: Db, createdAt: Date): Promise<void> {
  for (const p of plans) {
    const planId = followUpPlanId(p.countyCode);
    await tx.insert(followUpPlans).values({
      id: planId,
      countyCode: p.countyCode,
      agreementId: countyAgreementId(p.countyCode),
      title: p.title,
      description: p.description,
      responsibleBodyId: p.body ? bodyId(p.countyCode, p.body) : null,
      responsibleText: p.responsibleText ?? null,
      evaluationAfterMonths: p.evaluationAfterMonths ?? null,
      source: p.source,
      createdAt,
    });
    await tx.insert(indicators).values(
      [...commonSet, ...p.extra].map((i, position) => ({
        id: indicatorId(p.countyCode, i.key),
        planId,
        key: i.key,
        position,
        name: i.name,
        definition: i.definition,
        unit: i.unit,
        source: i.measure ? ('computed' as const) : ('manual' as const),
        measure: i.measure ?? null,
        sourceName: i.sourceName ?? null,
        targetValue: i.target?.value ?? null,
        targetDirection: i.target?.direction ?? null,
        updatedAt: createdAt,
      })),
    );
    if (p.values.length)
      await tx.insert(indicatorValues).values(
        p.values.map((v) => ({
          id: `${indicatorId(p.countyCode, v.key)}-${v.period}`,
          indicatorId: indicatorId(p.countyCode, v.key),
          period: v.period,
          value: v.value,
          source: [...commonSet, ...p.extra].find((i) => i.key === v.key)!.sourceName!,
          note: demoValueNote,
          enteredAt: createdAt,
        })),
      );
    if (p.calendar.length)
      await tx
        .insert(followUpCalendarItems)
        .values(p.calendar.map((c, i) => ({ id: `${planId}-calendar-${i + 1}`, planId, ...c })));
  }
  await loadVarmlandActionPlans(tx, createdAt);
}

async function unitOf(tx: Db, principalId: string, name: string): Promise<string> {
  const [row] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.principalId, principalId), eq(units.name, name)));
  if (!row) throw new Error(`demo unit ${name} is missing`);
  return row.id;
}

/** Värmland's action plans: one ongoing, one planned, one completed, with actions for three units and a note. */
async function loadVarmlandActionPlans(tx: Db, createdAt: Date) {
  const common = { countyCode: '17', createdAt };
  await tx.insert(actionPlans).values([
    {
      ...common,
      id: 'action-plan-17-1',
      title: 'Kallelser till SIP besvaras i tid',
      description:
        'Kallelser till SIP ska besvaras inom tre arbetsdagar i hela länet, även under semesterperioder.',
      origin: 'deviationCompilation',
      originNote:
        'Perioden 2026-01-01 – 2026-06-30, där ”Kallelse till SIP besvarades inte” var den vanligaste kategorin.',
      ownerBodyId: bodyId('17', 'beredningsgruppen'),
      startsOn: '2026-09-01',
      endsOn: '2027-06-30',
      status: 'ongoing',
    },
    {
      ...common,
      id: 'action-plan-17-2',
      title: 'Barnens behov i varje SIP',
      description:
        'Varje plan för en person som har eller bor med barn ska visa hur barnens behov av information, råd och stöd har beaktats.',
      origin: 'jointAnalysis',
      originNote: 'RKPH:s gemensamma analys av planer 2026 där barnens behov inte beaktats.',
      ownerBodyId: bodyId('17', 'rkph'),
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      status: 'planned',
    },
    {
      ...common,
      id: 'action-plan-17-3',
      title: 'Överenskommelsen och socialtjänstlagen (2025:400)',
      description: 'Se över överenskommelsens hänvisningar och rutiner efter den nya socialtjänstlagen.',
      origin: 'newLaw',
      originNote: 'Socialtjänstlagen (2025:400).',
      ownerBodyId: bodyId('17', 'politiska-styrgruppen'),
      startsOn: '2025-09-01',
      endsOn: '2026-06-30',
      status: 'completed',
    },
  ]);
  await loadVarmlandActions(tx, createdAt);
}

async function loadVarmlandActions(tx: Db, createdAt: Date) {
  const psychiatry = await unitOf(tx, regionId('17'), 'Vuxenpsykiatri Karlstad');
  const karlstad = await unitOf(tx, municipalityId('1780'), 'Socialtjänst vuxen, Karlstad');
  const arvika = await unitOf(tx, municipalityId('1784'), 'Socialtjänst vuxen, Arvika');
  await tx.insert(actionPlanActions).values([
    {
      id: 'action-17-1-1',
      planId: 'action-plan-17-1',
      position: 1,
      description: 'Gemensam funktionsbrevlåda för kallelser i varje verksamhet',
      responsibleUnitId: psychiatry,
      dueOn: '2026-12-31',
    },
    {
      id: 'action-17-1-2',
      planId: 'action-plan-17-1',
      position: 2,
      description: 'Rutin för bevakning av kallelser under semester',
      responsibleUnitId: karlstad,
      dueOn: '2027-03-31',
    },
    {
      id: 'action-17-1-3',
      planId: 'action-plan-17-1',
      position: 3,
      description: 'Kontaktpersoner för SIP utsedda i varje kommun',
      responsibleUnitId: arvika,
      dueOn: '2026-10-31',
      doneOn: '2026-10-20',
    },
    {
      id: 'action-17-2-1',
      planId: 'action-plan-17-2',
      position: 1,
      description: 'Stödfrågor om barn som anhöriga i SIP-mallen',
      responsibleUnitId: psychiatry,
      dueOn: '2027-04-30',
    },
    {
      id: 'action-17-3-1',
      planId: 'action-plan-17-3',
      position: 1,
      description: 'Hänvisningar i överenskommelsen uppdaterade',
      responsibleUnitId: karlstad,
      dueOn: '2026-03-31',
      doneOn: '2026-03-15',
    },
  ]);
  await tx.insert(actionPlanNotes).values({
    id: 'action-note-17-1-1',
    planId: 'action-plan-17-1',
    on: '2026-11-15',
    text: 'Uppföljning i beredningsgruppen: funktionsbrevlådor finns nu i nio av länets sexton kommuner.',
    at: createdAt,
  });
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { countyAgreementId } from '../agreements/index.ts';
import { bodyId, municipalityId, regionId } from '../organisations/index.ts';
import { units } from '../organisations/schema.ts';
import type { MeasureKey } from './measures.ts';
import {
  actionPlanActions,
  actionPlanNotes,
  actionPlans,
  followUpCalendarItems,
  followUpPlans,
  indicators,
  indicatorValues,
} from './schema.ts';

type DemoIndicator = {
  key: string;
  name: string;
  definition: string;
  unit: 'count' | 'days' | 'percent' | 'number';
  measure?: MeasureKey;
  sourceName?: string;
  target?: { value: number; direction: 'atLeast' | 'atMost' };
};

/**
 * The common set every county follows (DOMAIN.md §7): what Sömlös computes from the work. The targets are the
 * demo's starting points, for each county to set as it decides.
 */
const commonSet: DemoIndicator[] = [
  {
    key: 'sipsStarted',
    measure: 'sipsStarted',
    name: 'Startade SIP:ar',
    definition: 'Antal SIP-förfrågningar som registrerades under perioden, hos den sammankallande enheten.',
    unit: 'count',
  },
  {
    key: 'daysToConsent',
    measure: 'daysToConsent',
    name: 'Dagar från förfrågan till samtycke',
    definition:
      'Median av antalet dagar från att SIP:en begärdes till dagen för personens samtycke, för samtycken under perioden.',
    unit: 'days',
    target: { value: 7, direction: 'atMost' },
  },
  {
    key: 'daysToFirstMeeting',
    measure: 'daysToFirstMeeting',
    name: 'Dagar från förfrågan till första mötet',
    definition:
      'Median av antalet dagar från att SIP:en begärdes till det första SIP-mötet, för möten som hölls under perioden.',
    unit: 'days',
    target: { value: 30, direction: 'atMost' },
  },
  {
    key: 'daysToPlan',
    measure: 'daysToPlan',
    name: 'Dagar från förfrågan till fastställd plan',
    definition:
      'Median av antalet dagar från att SIP:en begärdes till att den första versionen av planen sparades, för planer under perioden.',
    unit: 'days',
    target: { value: 45, direction: 'atMost' },
  },
  {
    key: 'invitationsAnsweredInTime',
    measure: 'invitationsAnsweredInTime',
    name: 'Kallelser besvarade inom svarstiden',
    definition:
      'Andel av de kallelser vars sista svarsdag låg under perioden som besvarades senast den dagen, hos den kallade enheten. En kallelse till en SIP som avslutades före svarsdagen räknas inte.',
    unit: 'percent',
    target: { value: 90, direction: 'atLeast' },
  },
  {
    key: 'plansWithOwnWords',
    measure: 'plansWithOwnWords',
    name: 'Planer med personens egna ord',
    definition:
      'Andel av de planversioner som sparades under perioden där personens egna ord om sina behov och mål finns med.',
    unit: 'percent',
    target: { value: 95, direction: 'atLeast' },
  },
  {
    key: 'plansChildrenConsidered',
    measure: 'plansChildrenConsidered',
    name: 'Planer där barnens behov beaktats',
    definition:
      'Andel av de planversioner som sparades under perioden för personer som har eller bor med barn, där barnens behov av information, råd och stöd har beaktats (5 kap. 7 § hälso- och sjukvårdslagen).',
    unit: 'percent',
    target: { value: 100, direction: 'atLeast' },
  },
  {
    key: 'followUpsOnTime',
    measure: 'followUpsOnTime',
    name: 'Uppföljningar i tid',
    definition:
      'Andel av de uppföljningsdatum som inföll under perioden där planen följdes upp senast det datumet. Ett datum som passerat utan uppföljning räknas som inte i tid så länge SIP:en pågår.',
    unit: 'percent',
    target: { value: 80, direction: 'atLeast' },
  },
  {
    key: 'deviationsByCategory',
    measure: 'deviationsByCategory',
    name: 'Avvikelser per kategori',
    definition:
      'Antal avvikelser i samverkan som rapporterades under året, per kategori, hos den rapporterande enheten.',
    unit: 'count',
  },
  {
    key: 'deviationsByPrincipal',
    measure: 'deviationsByPrincipal',
    name: 'Avvikelser per berörd huvudman',
    definition:
      'Antal avvikelser som rapporterades under året, per berörd huvudman. En avvikelse som berör flera huvudmän räknas hos var och en.',
    unit: 'count',
  },
  {
    key: 'deviationsByLevel',
    measure: 'deviationsByLevel',
    name: 'Avvikelser per högsta nivå',
    definition:
      'Antal avvikelser som rapporterades under året, efter den högsta nivå i länets eskaleringsordning som de nått.',
    unit: 'count',
  },
  {
    key: 'deviationsByOutcome',
    measure: 'deviationsByOutcome',
    name: 'Avvikelser per utfall',
    definition:
      'Antal avvikelser som rapporterades under året, efter hur de avslutades; ”Pågår” för dem som inte är avslutade.',
    unit: 'count',
  },
  {
    key: 'disputesByLevelSolved',
    measure: 'disputesByLevelSolved',
    name: 'Tvister per nivå där de löstes',
    definition:
      'Antal tvister som öppnades under året, efter den nivå i eskaleringsordningen där de avgjordes, eller ”Inte avgjord”.',
    unit: 'count',
  },
  {
    key: 'personalOmbud',
    name: 'Personer med stöd av personligt ombud',
    definition:
      'Antal personer i länet som under året haft stöd av ett personligt ombud, enligt kommunernas redovisning av statsbidraget.',
    unit: 'count',
    sourceName: 'Länsstyrelsen, redovisning av statsbidrag till personligt ombud',
  },
];

/** Örebro's follow-up plan adds indicators from national sources to the common set. */
const orebroExtra: DemoIndicator[] = [
  {
    key: 'participation',
    name: 'Brukare som upplever delaktighet',
    definition:
      'Andel svarande i brukarundersökningen inom socialpsykiatrin som instämmer i att de kan påverka insatserna.',
    unit: 'percent',
    sourceName: 'SKR, Brukarundersökning inom socialpsykiatri',
    target: { value: 80, direction: 'atLeast' },
  },
];

const demoValueNote = 'Demovärde: ersätt med värdet ur källan.';

type DemoPlan = {
  countyCode: string;
  title: string;
  description: string;
  body?: string;
  responsibleText?: string;
  evaluationAfterMonths?: number;
  source: string;
  extra: DemoIndicator[];
  values: { key: string; period: string; value: number }[];
  calendar: { kind: 'collaborationDay' | 'annualFollowUp'; title: string; on: string; note: string }[];
};

const plans: DemoPlan[] = [
  {
    countyCode: '18',
    title: 'Plan för uppföljning av överenskommelsen',
    description:
      'Efter att överenskommelsen beslutats fastställs en plan för uppföljning med indikatorer som visar hur samverkan utvecklas. Planen följs upp inom den struktur för samverkan som finns mellan Region Örebro län, kommunerna och brukarorganisationerna. Samverkan utvärderas två år efter att överenskommelsen trätt i kraft, och årligen hålls en samverkansdag där bland annat överenskommelsens innehåll diskuteras.',
    body: 'samverkansradet',
    evaluationAfterMonths: 24,
    source: 'Örebro, Uppföljning och utvärdering av samverkan',
    extra: orebroExtra,
    values: [
      { key: 'participation', period: '2025', value: 76 },
      { key: 'personalOmbud', period: '2025', value: 212 },
    ],
    calendar: [
      {
        kind: 'collaborationDay',
        title: 'Samverkansdag 2027',
        on: '2027-05-12',
        note: 'Årlig samverkansdag inom regionen. Demodatum: underlaget anger ingen dag.',
      },
    ],
  },
  {
    countyCode: '17',
    title: 'Årlig uppföljning av överenskommelsen',
    description:
      'Årligen ska RKPH (Regional Koordinering Psykisk Hälsa) följa upp överenskommelsen och vid behov ta initiativ till förändringar, som meddelas beredningsgruppen.',
    body: 'rkph',
    source: 'Värmland, Uppföljning',
    extra: [],
    values: [
      { key: 'personalOmbud', period: '2024', value: 168 },
      { key: 'personalOmbud', period: '2025', value: 181 },
    ],
    calendar: [
      {
        kind: 'annualFollowUp',
        title: 'RKPH:s årliga uppföljning',
        on: '2027-02-15',
        note: 'Uppföljning av 2026. Demodatum: underlaget anger ingen dag.',
      },
      {
        kind: 'collaborationDay',
        title: 'Samverkansdag Nya perspektiv',
        on: '2027-04-20',
        note: 'Demodatum: underlaget anger ingen samverkansdag.',
      },
    ],
  },
  {
    countyCode: '20',
    title: 'Uppföljning av överenskommelsen',
    description:
      'På regionövergripande nivå ansvarar parterna Region Dalarna och Dalarnas 15 kommuner för att överenskommelsen följs upp. Brukarorganisationerna ska bjudas in att delta i uppföljningen.',
    responsibleText: 'Region Dalarna och Dalarnas 15 kommuner',
    source: 'Dalarna, uppdragsdirektiv, Uppföljning och utvärdering',
    extra: [],
    values: [],
    calendar: [],
  },
  {
    countyCode: '04',
    title: 'Uppföljning och revidering av överenskommelserna',
    description:
      'Länsstyrgruppen har ansvar för att uppföljning och revidering genomförs. Lokala överenskommelser följs upp vartannat år.',
    body: 'lansstyrgruppen',
    source: 'Sörmland §22',
    extra: [],
    values: [],
    calendar: [],
  },
];

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

async function loadVarmlandActionPlans(tx: Db, createdAt: Date) {
  const psychiatry = await unitOf(tx, regionId('17'), 'Vuxenpsykiatri Karlstad');
  const karlstad = await unitOf(tx, municipalityId('1780'), 'Socialtjänst vuxen, Karlstad');
  const arvika = await unitOf(tx, municipalityId('1784'), 'Socialtjänst vuxen, Arvika');
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

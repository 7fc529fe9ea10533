import type { MeasureKey } from './measures.ts';

// The demo's follow-up plans, as data: the indicators each county follows and the figures and dates it starts
// with. demo.ts loads them.

export type DemoIndicator = {
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
export const commonSet: DemoIndicator[] = [
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
  // Discharge from inpatient care (lag (2017:612)), each observation the paying municipality's.
  {
    key: 'dischargeNoticesOnTime',
    measure: 'dischargeNoticesOnTime',
    name: 'Inskrivningsmeddelanden i tid',
    definition:
      'Andel av de inskrivningsmeddelanden som skickades under perioden som skickades inom 24 timmar från inskrivningen i sluten vård, per betalningsansvarig kommun.',
    unit: 'percent',
    target: { value: 95, direction: 'atLeast' },
  },
  {
    key: 'dischargeDaysReadyToDischarge',
    measure: 'dischargeDaysReadyToDischarge',
    name: 'Dagar från utskrivningsklar till utskrivning (median)',
    definition:
      'Median av antalet dagar från underrättelsen om att patienten är utskrivningsklar till utskrivningsdagen, för utskrivningar under perioden.',
    unit: 'days',
    target: { value: 3, direction: 'atMost' },
  },
  {
    key: 'dischargeDaysReadyToDischargeMean',
    measure: 'dischargeDaysReadyToDischargeMean',
    name: 'Dagar från utskrivningsklar till utskrivning (medelvärde)',
    definition:
      'Medelvärdet av antalet dagar från underrättelsen om att patienten är utskrivningsklar till utskrivningsdagen, för utskrivningar under perioden.',
    unit: 'days',
    target: { value: 3, direction: 'atMost' },
  },
  {
    key: 'dischargeSipsCalledInTime',
    measure: 'dischargeSipsCalledInTime',
    name: 'SIP kallad inom tre dagar',
    definition:
      'Andel av de vårdtillfällen där både region och kommun underrättats och vars sista dag att kalla till SIP (tre dagar efter den första underrättelsen om utskrivningsklar) låg under perioden, där SIP:en kallades senast den dagen.',
    unit: 'percent',
    target: { value: 90, direction: 'atLeast' },
  },
  {
    key: 'dischargePaidDays',
    measure: 'dischargePaidDays',
    name: 'Vårddygn med kommunalt betalningsansvar',
    definition:
      'Antal vårddygn under perioden som kommunen betalar för utskrivningsklara patienter, enligt länets regel för betalningsansvar.',
    unit: 'count',
  },
  {
    key: 'dischargePaidAmount',
    measure: 'dischargePaidAmount',
    name: 'Belopp för kommunalt betalningsansvar (kr)',
    definition:
      'Summan i kronor av vårddygnen med kommunalt betalningsansvar under perioden, varje dygn med beloppet i den regel som gällde den dagen. Lagens belopp i demon är ett demovärde.',
    unit: 'number',
  },
  {
    key: 'dischargeReadmissions30',
    measure: 'dischargeReadmissions30',
    name: 'Återinskrivning inom 30 dagar',
    definition:
      'Andel av utskrivningarna under perioden där personen skrevs in i sluten vård igen inom 30 dagar.',
    unit: 'percent',
    target: { value: 10, direction: 'atMost' },
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

export const demoValueNote = 'Demovärde: ersätt med värdet ur källan.';

export type DemoPlan = {
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

export const plans: DemoPlan[] = [
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

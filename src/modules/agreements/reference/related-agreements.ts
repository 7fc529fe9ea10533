export type RelatedAgreementSeed = {
  countyCode: string;
  title: string;
  /** YYYY-MM-DD when the seed gives a full date. */
  datedOn: string | null;
  /** The date as the seed writes it when it is not a full date ("1997/2013-11-15", "2016", "2019"). */
  dateNote: string | null;
  url: string | null;
  source: string;
};

// The agreements, routines and guidelines each seed names as documents that apply alongside it. Dates only
// where the seed states them; a date hidden in a link's file name is not one the seed states.
export const relatedAgreementSeeds: RelatedAgreementSeed[] = [
  ...[
    {
      title:
        'Överenskommelse mellan kommunerna i Örebro län och Örebro läns landsting för samordnad individuell planering (SIP)',
      datedOn: '2014-09-16',
      dateNote: null,
    },
    {
      title:
        'Överenskommelse mellan Örebro läns landsting och kommunerna i Örebro län avseende ansvaret för hemsjukvård för personer med psykisk störning',
      datedOn: '2011-03-31',
      dateNote: null,
    },
    {
      title:
        'Ansvarsfördelning för medicintekniska produkter mm mellan Örebro läns landsting och kommunerna i Örebro län',
      datedOn: null,
      dateNote: '1997/2013-11-15',
    },
    {
      title:
        'Underlag till överenskommelse för att förebygga och behandla riskbruk, missbruk och beroende i Örebroregionen',
      datedOn: null,
      dateNote: '2016',
    },
  ].map((r) => ({
    ...r,
    countyCode: '18',
    url: null,
    source: 'Örebro, bilaga: Andra överenskommelser som är relaterade till denna',
  })),
  {
    countyCode: '17',
    title: 'Länsöverenskommelse – Vård och stöd vid missbruk och beroende i Värmland',
    datedOn: null,
    dateNote: null,
    url: 'https://varmlandsvardforbund.se/wp-content/uploads/2018/02/L%C3%A4ns%C3%B6verenskommelse-vuxna-200401-KLAR.pdf',
    source: 'Värmland, Personer med samsjuklighet',
  },
  {
    countyCode: '17',
    title: 'För barn och unga i risk- och missbruk – från upptäckt till behandling',
    datedOn: null,
    dateNote: null,
    url: 'https://varmlandsvardforbund.se/wp-content/uploads/2018/01/LÖ-unga-klar-20200227.pdf',
    source: 'Värmland, Personer med samsjuklighet',
  },
  {
    countyCode: '17',
    title: 'Överenskommelse om samverkan vid utskrivning från sluten hälso- och sjukvård i Värmland',
    datedOn: null,
    dateNote: '2019',
    url: null,
    source: 'Värmland, Samverkan vid in- och utskrivning från slutenvården',
  },
  {
    countyCode: '17',
    title: 'Riktlinje för samverkan vid utskrivning från sluten vård i Värmland',
    datedOn: null,
    dateNote: null,
    url: 'https://www.regionvarmland.se/globalassets/vardgivarwebb/samverkan-avtal-och-vardval/vardplanering/riktlinje_samverkan_vid_utskrivning_fran_slutenvard_i_varmland.pdf',
    source: 'Värmland, Samverkan vid in- och utskrivning från slutenvården',
  },
  {
    countyCode: '17',
    title: 'Rutiner för SIP-planering mellan huvudmännen',
    datedOn: null,
    dateNote: null,
    url: null,
    source: 'Värmland, Definitioner av begrepp: Samordnad individuell plan (SIP)',
  },
  {
    countyCode: '17',
    title:
      'Överenskommelse mellan barn- och ungdomspsykiatrin och länets kommuner om ansvar för barn och unga under 18 år',
    datedOn: null,
    dateNote: null,
    url: null,
    source: 'Värmland, Ansvar för Barn och unga',
  },
  {
    countyCode: '04',
    title: 'Riktlinjer för samverkan inom missbruks- och beroendevården (bil. 3)',
    datedOn: null,
    dateNote: null,
    url: 'http://www.landstingetsormland.se/extra-ingang/Samarbetspartners/Narvard/Arbetsomraden/Missbruks--och-beroendevard/',
    source: 'Sörmland, 11. Personer med missbruk och 23. Bilagor',
  },
  {
    countyCode: '04',
    title:
      'Överenskommelse om samverkan vid in- och utskrivning av patienter i slutenvården enligt SOSFS 2005:27',
    datedOn: null,
    dateNote: null,
    url: 'http://www.landstingetsormland.se/extra-ingang/Samarbetspartners/Narvard/Vardplanering-och-informationsoverforing1/',
    source: 'Sörmland, 14. Rutiner för samarbete kring enskilda personer',
  },
  {
    countyCode: '04',
    title:
      'Gemensam riktlinje för samverkan av insatser för habilitering och rehabilitering (SOSFS 2007:10/2008:20) och individuell plan',
    datedOn: null,
    dateNote: null,
    url: null,
    source: 'Sörmland, 14. Rutiner för samarbete kring enskilda personer',
  },
  {
    countyCode: '04',
    title: 'Överenskommelse mellan de vuxenpsykiatriska klinikerna i Sörmland och NSPH',
    datedOn: null,
    dateNote: null,
    url: null,
    source: 'Sörmland, 8. Brukar-och närståendeorganisationernas inflytande',
  },
  {
    countyCode: '04',
    title: 'Avtal om gemensamt drivna boendeverksamheter',
    datedOn: null,
    dateNote: null,
    url: null,
    source: 'Sörmland, 15. Samarbete kring insatser i olika former av boende',
  },
  {
    countyCode: '04',
    title: 'Länsgemensamma riktlinjer för vård och omsorg om personer med demenssjukdom i Sörmland',
    datedOn: null,
    dateNote: null,
    url: 'http://www.landstingetsormland.se/extra-ingang/Samarbetspartners/Narvard/Demens/',
    source: 'Sörmland, 11. Äldre',
  },
];

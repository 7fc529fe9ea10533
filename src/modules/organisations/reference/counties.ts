/**
 * The four counties as their agreements (reference/seeds in the agreements module) describe them: region, user organisations,
 * governance bodies and the escalation ladder for deviations and disputes. Municipalities come from
 * municipalities.csv (SCB codes). This is data, loaded once per county; nothing in the code branches on a county.
 */
import type { governanceBodyKinds, PrincipalKind } from '../schema.ts';

/**
 * A setting the seed does not name, loaded so the county works from the start: `assumption` says in Swedish
 * what the seed leaves open. The county's administrators see it as the county's own setting to confirm
 * (county_settings_to_confirm) until one of them confirms it. `source` is then where the seed names what the
 * setting rests on, not a quote of the setting itself.
 */
export type Assumed = { assumed?: never; assumption?: never } | { assumed: true; assumption: string };

export type ReferenceBody = {
  key: string;
  name: string;
  shortName?: string;
  kind: (typeof governanceBodyKinds)[number];
  description: string;
  source: string;
  /** Municipality codes the body covers; absent for a county-wide body. */
  covers?: string[];
} & Assumed;

export type ReferenceLadderStep = { label: string; source: string; bodies: string[] } & Assumed;

export type ReferenceCounty = {
  code: string;
  name: string;
  regionName: string;
  targetGroupMinAge: number | null;
  targetGroupDescription: string;
  otherPrincipals: { key: string; name: string; kind: PrincipalKind }[];
  bodies: ReferenceBody[];
  /**
   * The ladder for disputes, and for deviations unless `deviationLadder` is given. A step without bodies is the
   * managers of the principals concerned (level 1 in every seed); later steps name bodies by key.
   */
  ladder: ReferenceLadderStep[];
  /** A ladder of its own for deviations, where the seed sends them elsewhere than disputes. */
  deviationLadder?: ReferenceLadderStep[];
};

export const referenceCounties: ReferenceCounty[] = [
  {
    code: '20',
    name: 'Dalarnas län',
    regionName: 'Region Dalarna',
    targetGroupMinAge: 18,
    targetGroupDescription: 'Personer med psykiska funktionsnedsättningar från 18 år.',
    otherPrincipals: [],
    bodies: [
      {
        key: 'chefsnatverket',
        name: 'Länsnätverket för förvaltningschefer',
        shortName: 'Chefsnätverket',
        kind: 'network',
        description:
          'Förvaltningschefer i Region Dalarna och Dalarnas 15 kommuner; beställare av revideringen.',
        source: 'Dalarna, uppdragsdirektiv, Bakgrund och Uppdragsorganisation',
      },
      {
        key: 'styrgrupp',
        name: 'Styrgrupp för Länsnätverket för förvaltningschefer',
        shortName: 'Chefsnätverkets styrgrupp',
        kind: 'steeringGroup',
        description: 'Chefsnätverkets styrgrupp; beslutar om ändringar i uppdragets mål och omfattning.',
        source: 'Dalarna, uppdragsdirektiv, Bakgrund och Förändringshantering',
      },
      {
        key: 'valfardsradet',
        name: 'Välfärdsrådet',
        kind: 'politicalCouncil',
        description: 'Politiskt beslutande om överenskommelsen.',
        source: 'Dalarna, uppdragsdirektiv, Bakgrund',
      },
      {
        key: 'lpo',
        name: 'LPO psykisk hälsa',
        kind: 'steeringGroup',
        description: 'Styrgrupp till revideringsuppdraget (under formering).',
        source: 'Dalarna, uppdragsdirektiv, Uppdragsorganisation',
      },
      {
        key: 'lag',
        name: 'Arbetsgrupp (LAG)',
        shortName: 'LAG',
        kind: 'workingGroup',
        description: 'Arbetsgrupp för revideringen av överenskommelsen (under formering).',
        source: 'Dalarna, uppdragsdirektiv, Uppdragsorganisation',
      },
    ],
    // The directive names the bodies but no way for deviations and disputes: the whole ladder is assumed.
    ladder: [
      {
        label: 'Chefer hos berörda huvudmän',
        source: 'Dalarna, uppdragsdirektiv',
        bodies: [],
        assumed: true,
        assumption:
          'Uppdragsdirektivet säger inte hur avvikelser och tvister hanteras. Att de först går till cheferna hos berörda huvudmän är Sömlös utgångspunkt i alla län.',
      },
      {
        label: 'Chefsnätverkets styrgrupp',
        source: 'Dalarna, uppdragsdirektiv, Bakgrund',
        bodies: ['styrgrupp'],
        assumed: true,
        assumption:
          'Uppdragsdirektivet nämner styrgruppen för Länsnätverket för förvaltningschefer, men inte som nivå för avvikelser och tvister.',
      },
      {
        label: 'Välfärdsrådet',
        source: 'Dalarna, uppdragsdirektiv, Bakgrund',
        bodies: ['valfardsradet'],
        assumed: true,
        assumption:
          'Uppdragsdirektivet nämner Välfärdsrådet som politiskt beslutande om överenskommelsen, men inte som nivå för avvikelser och tvister.',
      },
    ],
  },
  {
    code: '18',
    name: 'Örebro län',
    regionName: 'Region Örebro län',
    targetGroupMinAge: null,
    targetGroupDescription:
      'Personer med psykisk funktionsnedsättning enligt den nationella psykiatrisamordningens definition (SOU 2006:100), alla åldrar.',
    otherPrincipals: [{ key: 'nsph', name: 'NSPH Örebro län', kind: 'userOrganisation' }],
    bodies: [
      {
        key: 'samverkansradet',
        name: 'Samverkansrådet för folkhälsa, välfärd och vård',
        shortName: 'Samverkansrådet',
        kind: 'politicalCouncil',
        description: 'Politisk nivå där samtliga kommuner och Region Örebro län är representerade.',
        source: 'Örebro, Stödjande strukturer för samverkan',
      },
      {
        key: 'chefsgrupp',
        name: 'Chefsgrupp för samverkan',
        shortName: 'Chefsgruppen',
        kind: 'managementGroup',
        description:
          'Förvaltningschefer från kommunerna och områdeschefer inom hälso- och sjukvården; stöder rådet.',
        source: 'Örebro, Stödjande strukturer för samverkan',
      },
      {
        key: 'utvecklingsgrupp',
        name: 'Utvecklingsgrupp Psykisk hälsa och missbruk',
        kind: 'developmentGroup',
        description:
          'Utsedda representanter från kommuner, hälso- och sjukvården och brukarorganisationerna.',
        source: 'Örebro, Stödjande strukturer för samverkan',
      },
      // The seed says four länsdelsgrupper without naming them; names and municipalities follow the
      // county's usual division into länsdelar and can be changed by the county administrator.
      {
        key: 'lansdel-norr',
        name: 'Länsdelsgrupp Norr',
        kind: 'workingGroup',
        description: 'Utvecklar samverkan i norra länsdelen.',
        source: 'Örebro, Stödjande strukturer för samverkan',
        covers: ['1863', '1864', '1884', '1885'],
        assumed: true,
        assumption:
          'Överenskommelsen säger att fyra länsdelsgrupper har utsetts, men inte vad de heter eller vilka kommuner de omfattar.',
      },
      {
        key: 'lansdel-soder',
        name: 'Länsdelsgrupp Söder',
        kind: 'workingGroup',
        description: 'Utvecklar samverkan i södra länsdelen.',
        source: 'Örebro, Stödjande strukturer för samverkan',
        covers: ['1814', '1860', '1861', '1881', '1882'],
        assumed: true,
        assumption:
          'Överenskommelsen säger att fyra länsdelsgrupper har utsetts, men inte vad de heter eller vilka kommuner de omfattar.',
      },
      {
        key: 'lansdel-vaster',
        name: 'Länsdelsgrupp Väster',
        kind: 'workingGroup',
        description: 'Utvecklar samverkan i västra länsdelen.',
        source: 'Örebro, Stödjande strukturer för samverkan',
        covers: ['1862', '1883'],
        assumed: true,
        assumption:
          'Överenskommelsen säger att fyra länsdelsgrupper har utsetts, men inte vad de heter eller vilka kommuner de omfattar.',
      },
      {
        key: 'lansdel-orebro',
        name: 'Länsdelsgrupp Örebro',
        kind: 'workingGroup',
        description: 'Utvecklar samverkan i Örebro kommun.',
        source: 'Örebro, Stödjande strukturer för samverkan',
        covers: ['1880'],
        assumed: true,
        assumption:
          'Överenskommelsen säger att fyra länsdelsgrupper har utsetts, men inte vad de heter eller vilka kommuner de omfattar.',
      },
    ],
    // The agreement describes its support structure but no way for deviations and disputes through it: the
    // ladder is assumed from that structure, the county parts first.
    ladder: [
      {
        label: 'Chefer hos berörda huvudmän',
        source: 'Örebro, Vägledande principer',
        bodies: [],
        assumed: true,
        assumption:
          'Överenskommelsen säger inte hur avvikelser och tvister hanteras. Att de först går till cheferna hos berörda huvudmän är Sömlös utgångspunkt i alla län.',
      },
      {
        label: 'Länsdelsgrupp',
        source: 'Örebro, Stödjande strukturer för samverkan',
        bodies: ['lansdel-norr', 'lansdel-soder', 'lansdel-vaster', 'lansdel-orebro'],
        assumed: true,
        assumption:
          'Länsdelsgrupperna ska utveckla samverkan inom det egna området; överenskommelsen säger inte att avvikelser och tvister går till dem.',
      },
      {
        label: 'Chefsgrupp för samverkan',
        source: 'Örebro, Stödjande strukturer för samverkan',
        bodies: ['chefsgrupp'],
        assumed: true,
        assumption:
          'Chefsgruppen stöder Samverkansrådet; överenskommelsen säger inte att avvikelser och tvister går till den.',
      },
      {
        label: 'Samverkansrådet',
        source: 'Örebro, Stödjande strukturer för samverkan',
        bodies: ['samverkansradet'],
        assumed: true,
        assumption:
          'Samverkansrådet är den politiska nivån; överenskommelsen säger inte att avvikelser och tvister går till det.',
      },
    ],
  },
  {
    code: '17',
    name: 'Värmlands län',
    regionName: 'Region Värmland',
    targetGroupMinAge: null,
    targetGroupDescription: 'Personer med psykisk funktionsnedsättning i Värmlands län, alla åldrar.',
    // "brukare- och närståendeorganisationer" took part in drafting the agreement (Värmland, last paragraph).
    otherPrincipals: [{ key: 'nsph', name: 'NSPH Värmland', kind: 'userOrganisation' }],
    bodies: [
      {
        key: 'beredningsgruppen',
        name: 'Beredningsgruppen Nya perspektiv',
        shortName: 'Beredningsgruppen',
        kind: 'preparationGroup',
        description:
          'Tar emot avvikelser och tvister som inte lösts mellan chefer; lämnar förslag till kostnads- och ansvarsfördelning.',
        source: 'Värmland, Avvikelser och Tvister',
      },
      {
        key: 'politiska-styrgruppen',
        name: 'Politiska styrgruppen för Nya perspektiv',
        kind: 'steeringGroup',
        description: 'Tar emot uppsägning av överenskommelsen.',
        source: 'Värmland, Giltighetstid',
      },
      {
        key: 'rkph',
        name: 'Regional Koordinering Psykisk Hälsa',
        shortName: 'RKPH',
        kind: 'followUpGroup',
        description: 'Följer årligen upp överenskommelsen och meddelar förändringar till beredningsgruppen.',
        source: 'Värmland, Uppföljning',
      },
    ],
    ladder: [
      {
        label: 'Chefer på motsvarande nivå i kommunen och regionen',
        source: 'Värmland, Tvister',
        bodies: [],
      },
      {
        label: 'Beredningsgruppen Nya perspektiv',
        source: 'Värmland, Avvikelser och Tvister',
        bodies: ['beredningsgruppen'],
      },
    ],
    // The agreement sends deviations to the Beredningsgrupp ("Avvikelser dokumenteras och tillsänds
    // beredningsgruppen"); the product's rule (managers answer first, then the ladder) keeps the managers'
    // level, and the county's administrators are asked to confirm it or start the ladder at the body.
    deviationLadder: [
      {
        label: 'Chefer på motsvarande nivå i kommunen och regionen',
        source: 'Värmland, Tvister (samma ordning som för tvister)',
        bodies: [],
        assumed: true,
        assumption:
          'Överenskommelsen säger att avvikelser dokumenteras och tillsänds beredningsgruppen för Nya perspektiv. Sömlös låter cheferna svara först, som för tvister. Vill länet följa överenskommelsens ordalydelse: ge nivå 1 för avvikelser beredningsgruppen och ta bort nivå 2 under Eskaleringsordningar.',
      },
      {
        label: 'Beredningsgruppen Nya perspektiv',
        source: 'Värmland, Avvikelser',
        bodies: ['beredningsgruppen'],
      },
    ],
  },
  {
    code: '04',
    name: 'Södermanlands län',
    regionName: 'Region Sörmland',
    targetGroupMinAge: null,
    targetGroupDescription: 'Personer med psykisk funktionsnedsättning i Sörmland, alla åldrar.',
    otherPrincipals: [
      { key: 'nsph', name: 'NSPH Sörmland', kind: 'userOrganisation' },
      {
        key: 'fub',
        name: 'FUB Sörmland (Riksförbundet för barn, unga och vuxna med utvecklingsstörning)',
        kind: 'userOrganisation',
      },
    ],
    bodies: [
      {
        key: 'lansstyrgruppen',
        name: 'Länsstyrgruppen',
        kind: 'steeringGroup',
        description:
          'Närvård i Sörmlands länsövergripande styrgrupp; tredje nivån för tvister och avvikelser.',
        source: 'Sörmland §19 och §21',
      },
      {
        key: 'anp',
        name: 'Arbetsgrupp norra psykiatri',
        shortName: 'ANP',
        kind: 'workingGroup',
        description: 'Lokal arbetsgrupp inom Närvård Sörmland, norra länsdelen.',
        source: 'Sörmland, inledning och §19',
        covers: ['0484', '0486'],
        assumed: true,
        assumption: 'Överenskommelsen namnger arbetsgruppen men inte vilka kommuner den omfattar.',
      },
      {
        key: 'avp',
        name: 'Arbetsgrupp västra psykiatri',
        shortName: 'AVP',
        kind: 'workingGroup',
        description: 'Lokal arbetsgrupp inom Närvård Sörmland, västra länsdelen.',
        source: 'Sörmland, inledning och §19',
        covers: ['0428', '0482', '0483'],
        assumed: true,
        assumption: 'Överenskommelsen namnger arbetsgruppen men inte vilka kommuner den omfattar.',
      },
      {
        key: 'aspf',
        name: 'Arbetsgrupp södra psykiatri och funktionsnedsättning',
        shortName: 'ASPF',
        kind: 'workingGroup',
        description: 'Lokal arbetsgrupp inom Närvård Sörmland, södra länsdelen.',
        source: 'Sörmland, inledning och §19',
        covers: ['0461', '0480', '0481', '0488'],
        assumed: true,
        assumption: 'Överenskommelsen namnger arbetsgruppen men inte vilka kommuner den omfattar.',
      },
      {
        key: 'bgp',
        name: 'Beredningsgrupp Psykiatri',
        shortName: 'BGP',
        kind: 'preparationGroup',
        description: 'Genomför behovsinventeringarna på uppdrag av länsstyrgruppen.',
        source: 'Sörmland §10',
      },
      {
        key: 'nsv',
        name: 'Nämnden för samverkan kring socialtjänst och vård',
        shortName: 'NSV',
        kind: 'committee',
        description: 'Gemensam nämnd; fattar beslut i hjälpmedelsfrågor.',
        source: 'Sörmland §8 och §17',
      },
    ],
    ladder: [
      { label: 'Lokal chefsnivå', source: 'Sörmland §19 och §21', bodies: [] },
      {
        label: 'Aktuell lokal arbetsgrupp inom Närvård Sörmland',
        source: 'Sörmland §19 och §21',
        bodies: ['anp', 'avp', 'aspf'],
      },
      { label: 'Länsstyrgruppen', source: 'Sörmland §19 och §21', bodies: ['lansstyrgruppen'] },
    ],
  },
];

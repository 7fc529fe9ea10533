import type { ResponsiblePrincipalKind } from '../schema.ts';
import { dalarnaRows } from './rows-dalarna.ts';
import { sormlandRows } from './rows-sormland.ts';

/** One row of a seed's responsibility list, in the seed's own words. */
export type SeedRow = {
  area: string;
  principalKind: ResponsiblePrincipalKind;
  covers: string;
  legalReference: string | null;
  source: string;
};

export type SeedList = { countyCode: string; rows: SeedRow[] };

const varmland = (section: string) => `Värmland, ${section}`;
const varmlandAreas = (heading: string) => varmland(`Ansvarsområden: ${heading}`);
const varmlandMunicipality = varmlandAreas('Kommunens ansvar för målgruppen');
const varmlandRegion = varmlandAreas('Regionen Värmlands ansvar för målgruppen');
const varmlandPlacements = varmland('Ansvarsfördelning vid placeringar utanför det egna hemmet');

/**
 * Värmland's "Ansvarsområden": the municipality's ten bullets and Region Värmland's eight, the county's joint
 * assistive-device board, the cost split at placements outside the home, and the pointer to the separate
 * agreement on co-morbidity. A law is named only where the seed names one.
 */
const varmlandRows: SeedRow[] = [
  {
    area: 'Uppsökande arbete och information',
    principalKind: 'municipality',
    covers: 'Bedriva uppsökande arbete och upplysa om kommunens verksamheter.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Biståndsbeslut',
    principalKind: 'municipality',
    covers: 'Utreda och utfärda biståndsbeslut på grund av psykisk funktionsnedsättning.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Boende och stöd i vardagen',
    principalKind: 'municipality',
    covers:
      'Tillhandahålla boende och stöd i vardagen så att personen får möjlighet att bo på ett sätt som är anpassat för hens behov.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Öppen psykiatrisk tvångsvård',
    principalKind: 'municipality',
    covers: 'Medverka vid öppen psykiatrisk tvångsvård enligt vårdplaner som upprättas.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Sysselsättning, arbete och studier',
    principalKind: 'municipality',
    covers:
      'Erbjuda meningsfull sysselsättning och / eller stöd för att arbeta eller studera samt arbetsrehabilitering.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Stöd till anhöriga och närstående',
    principalKind: 'municipality',
    covers: 'Erbjuda stöd till anhöriga och närstående.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Vård enligt LVU och LVM',
    principalKind: 'municipality',
    covers: 'Ansvara för LVU och LVM.',
    legalReference: 'LVU, LVM',
    source: varmlandMunicipality,
  },
  {
    area: 'Stöd i förskola och skola',
    principalKind: 'municipality',
    covers:
      'Ansvara för att erbjuda barn i förskola och skolan adekvat stöd och hjälp vid psykisk funktionsnedsättning.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Personligt ombud',
    principalKind: 'municipality',
    covers: 'Ansvara för personliga ombudsverksamheten.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Gemensamma utbildningsinsatser',
    principalKind: 'municipality',
    covers: 'Erbjuda gemensamma utbildningsinsatser för personal från båda huvudmännen.',
    legalReference: null,
    source: varmlandMunicipality,
  },
  {
    area: 'Hälso- och sjukvård',
    principalKind: 'region',
    covers:
      'Erbjuda hälso- och sjukvård. Medicinskt bedöma, utreda och behandla sjukdomar och skador för målgruppen (de olika delarna inom hälso- och sjukvården har här olika ansvar vilket regleras i interna dokument i Regionen).',
    legalReference: null,
    source: varmlandRegion,
  },
  {
    area: 'Psykiatrisk tvångsvård',
    principalKind: 'region',
    covers:
      'Tvångsvård i enlighet med LPT (lag om psykiatrisk tvångsvård) och LRV (lag om rättspsykiatrisk vård), sluten eller öppenvård.',
    legalReference: 'LPT, LRV',
    source: varmlandRegion,
  },
  {
    area: 'Tidig upptäckt och tidiga insatser',
    principalKind: 'region',
    covers: 'Arbeta för tidig upptäckt och erbjuda tidiga insatser.',
    legalReference: null,
    source: varmlandRegion,
  },
  {
    area: 'Somatisk ohälsa och tandvård',
    principalKind: 'region',
    covers: 'Motverka somatisk ohälsa, skada och förtida död samt uppmärksamma behov av tandvård.',
    legalReference: null,
    source: varmlandRegion,
  },
  {
    area: 'Suicidprevention',
    principalKind: 'region',
    covers: 'Samordna länets arbete med suicidprevention.',
    legalReference: null,
    source: varmlandRegion,
  },
  {
    area: 'Stöd till anhöriga och närstående',
    principalKind: 'region',
    covers: 'Erbjuda stöd till anhöriga och närstående.',
    legalReference: null,
    source: varmlandRegion,
  },
  {
    area: 'Gemensamma utbildningsinsatser',
    principalKind: 'region',
    covers: 'Erbjuda gemensamma utbildningsinsatser för personal från båda huvudmännen.',
    legalReference: null,
    source: varmlandRegion,
  },
  {
    area: 'Råd och stöd enligt LSS',
    principalKind: 'region',
    covers: 'Råd och stöd i enlighet med LSS (lag om stöd och service till vissa funktionshindrade).',
    legalReference: 'LSS',
    source: varmlandRegion,
  },
  {
    area: 'Hjälpmedel',
    principalKind: 'shared',
    covers:
      'En gemensam hjälpmedelsnämnd, där både länets kommuner och regionen har representation, ansvarar för att hjälpmedelsförsörjningen i Värmland ska ske på lika villkor oavsett var patienten / brukaren bor i länet. Hjälpmedelsservice har ett länsövergripande ansvar för hjälpmedel till barn och ungdomar samt tekniskt avancerade hjälpmedel till vuxna personer med funktionsnedsättning inom rörelse-, kognitions- och kommunikationsområdet.',
    legalReference: null,
    source: varmland('Hjälpmedelsservice'),
  },
  {
    area: 'Placering utanför hemmet: gemensam planering',
    principalKind: 'shared',
    covers:
      'När en patient / brukare placeras utanför det egna hemmet, som exempelvis vid behandlingshem, krävs särskild samverkan: en gemensam planering i ett tidigt skede, helst innan placeringen har genomförts (målsättning, uppföljning, planering för hemtagning och betalningsansvar).',
    legalReference: null,
    source: varmlandPlacements,
  },
  {
    area: 'Placering utanför hemmet: boende, utbildning och arbete',
    principalKind: 'municipality',
    covers:
      'De kostnader som är att hänföra till boende, utbildning och arbete ska betalas av respektive kommun.',
    legalReference: null,
    source: varmlandPlacements,
  },
  {
    area: 'Placering utanför hemmet: hälso- och sjukvård',
    principalKind: 'region',
    covers: 'De kostnader som är att hänföra till hälso- och sjukvård ska betalas av Regionen.',
    legalReference: null,
    source: varmlandPlacements,
  },
  {
    area: 'Personer med samsjuklighet',
    principalKind: 'shared',
    covers:
      'Ansvarsfördelningen mellan huvudmännen avseende personer med samsjuklighet (missbruks- och beroendeproblem samtidigt med ett psykiatriskt tillstånd) beskrivs i de särskilda länsöverenskommelserna ”Vård och stöd vid missbruk och beroende i Värmland” och för barn och unga i risk- och missbruk.',
    legalReference: null,
    source: varmland('Personer med samsjuklighet'),
  },
];

const orebro = 'Örebro, Verksamheternas huvudsakliga ansvarsområden';

/**
 * Örebro's "Verksamheternas huvudsakliga ansvarsområden": psychiatry under HSL, the social services under SoL
 * for housing and meaningful occupation, the municipal home health care taken on by a separate agreement,
 * assistive devices split by kind, and support to relatives that both carry.
 */
const orebroRows: SeedRow[] = [
  {
    area: 'Psykiatri',
    principalKind: 'region',
    covers:
      'Psykiatrin ska utifrån hälso- och sjukvårdslagens (HSL) bestämmelser utreda, diagnostisera, behandla, vårda och rehabilitera patienter med psykiska funktionsnedsättningar som kräver psykiatrins specialistkompetens och resurser i öppna och slutna vårdformer. För ansvarsfördelningen mellan psykiatrin och närsjukvården liksom mellan psykiatrin och habiliteringen finns särskilda överenskommelser.',
    legalReference: 'HSL',
    source: orebro,
  },
  {
    area: 'Boende',
    principalKind: 'municipality',
    covers:
      'Kommunernas socialtjänst har enligt socialtjänstlagen (SoL) ett särskilt ansvar för målgruppen vad gäller boende.',
    legalReference: 'SoL',
    source: orebro,
  },
  {
    area: 'Meningsfull sysselsättning',
    principalKind: 'municipality',
    covers:
      'Kommunernas socialtjänst har enligt socialtjänstlagen (SoL) ett särskilt ansvar för målgruppen vad gäller att ge möjlighet till en meningsfull sysselsättning.',
    legalReference: 'SoL',
    source: orebro,
  },
  {
    area: 'Kommunal hemsjukvård (psykiatrisk hemsjukvård)',
    principalKind: 'municipality',
    covers:
      'I särskild överenskommelse har kommunen åtagit sig ett ansvar för medicinska insatser inom den kommunala hemsjukvården – även kallad psykiatrisk hemsjukvård.',
    legalReference: null,
    source: orebro,
  },
  {
    area: 'Omvårdnadshjälpmedel',
    principalKind: 'municipality',
    covers:
      'Kommunerna ansvarar för omvårdnadshjälpmedel som behövs för att vårda människor med olika funktionsnedsättningar. Ansvarsfördelningen finns angiven i en särskild överenskommelse.',
    legalReference: null,
    source: orebro,
  },
  {
    area: 'Personliga hjälpmedel',
    principalKind: 'region',
    covers:
      'Hälso- och sjukvården svarar för individuellt utprovade hjälpmedel (personliga hjälpmedel) oavsett boendeform. Ansvarsfördelningen finns angiven i en särskild överenskommelse.',
    legalReference: null,
    source: orebro,
  },
  {
    area: 'Stöd och information till anhöriga',
    principalKind: 'shared',
    covers:
      'Ansvaret för stöd och information till anhöriga finns såväl inom socialtjänsten som i psykiatrin. Ansvaret uttrycks i patientlagen (PL) och i socialtjänstlagen (SoL). I hälso- och sjukvårdslagen (HSL) finns särskilda bestämmelser kring ansvaret för stöd och information till barn som anhöriga.',
    legalReference: 'PL, SoL, HSL',
    source: orebro,
  },
];

/**
 * Each seed's responsibilities: Värmland's (17) and Örebro's (18) lists, Sörmland's (04) paragraphs on
 * co-operation (rows-sormland.ts) and what Dalarna's directive (20) says (rows-dalarna.ts).
 */
export const seedLists: SeedList[] = [
  { countyCode: '17', rows: varmlandRows },
  { countyCode: '18', rows: orebroRows },
  { countyCode: '04', rows: sormlandRows },
  { countyCode: '20', rows: dalarnaRows },
];

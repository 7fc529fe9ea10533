import type { SeedRow } from './rows.ts';

/**
 * Sörmland's agreement has no list of its own: its responsibilities are spread over the paragraphs on
 * co-operation (§1, §9–§18). Each row is one rule of a paragraph in the seed's own words; a law is named only
 * where the paragraph names one. Whose a row is follows the paragraph: "kommunen beviljar" is the
 * municipality's, "landstinget ska" the region's, "båda huvudmännen" and joint work shared.
 */
export const sormlandRows: SeedRow[] = [
  {
    area: 'Privata vårdgivare på uppdrag',
    principalKind: 'shared',
    covers:
      'När det i denna överenskommelse hänvisas till landsting och kommun, gäller motsvarande ansvar för de privata vårdgivare som respektive huvudman har avtal med. Denna överenskommelse omfattar även barn och ungdomar i förskola/skola.',
    legalReference: null,
    source: 'Sörmland §1',
  },
  {
    area: 'Placering hos enskild aktör: beslut om insatsen',
    principalKind: 'municipality',
    covers: 'Det är kommunen som beviljar insatsen enligt SoL, utifrån den enskildes ansökan.',
    legalReference: 'SoL',
    source: 'Sörmland §9',
  },
  {
    area: 'Placering hos enskild aktör: kontakt med kommunen först',
    principalKind: 'region',
    covers:
      'Landstinget ska ta kontakt med kommunen innan landstinget tar en diskussion med brukaren om en eventuell placering.',
    legalReference: null,
    source: 'Sörmland §9',
  },
  {
    area: 'Placering hos enskild aktör: planering och kostnader',
    principalKind: 'shared',
    covers:
      'Båda huvudmännen har ett gemensamt ansvar för planering inför en sådan vistelse vilket också innefattar att man kommer överens om eventuell fördelning av kostnaderna. Huvudregeln är att varje huvudman svarar för de kostnader som kan knytas till var och ens ansvar för vård- och stödinsatser.',
    legalReference: null,
    source: 'Sörmland §9',
  },
  {
    area: 'Gemensam inventering av målgruppens behov',
    principalKind: 'shared',
    covers:
      'Med tanke på att personer ur målgruppen för denna överenskommelse ofta har behov av samtidiga och samordnade insatser från båda huvudmännen, behöver målgruppens behov kartläggas gemensamt.',
    legalReference: null,
    source: 'Sörmland §10',
  },
  {
    area: 'Äldre med psykisk ohälsa',
    principalKind: 'shared',
    covers:
      'Det är viktigt att äldre får tillgång till en samlad kompetens som innefattar insatser från både hälso- och sjukvård och socialtjänst. Samverkan mellan huvudmännen inom dessa områden, liksom mellan olika slutenvårdsspecialiteter och mellan slutenvård/primärvård inom landstinget bör därför särskilt uppmärksammas i de lokala överenskommelserna.',
    legalReference: null,
    source: 'Sörmland §11',
  },
  {
    area: 'Stöd till barn till personer med psykisk sjukdom eller funktionsnedsättning',
    principalKind: 'shared',
    covers:
      'De lokala överenskommelserna ska ha rutiner för hur barn i dessa utsatta situationer kan ges information, råd och stöd på bästa sätt när båda huvudmännen, eller flera verksamheter hos samma huvudman, är involverade.',
    legalReference: '2 g § HSL, 6 kap. 5 § patientsäkerhetslagen',
    source: 'Sörmland §12',
  },
  {
    area: 'Stöd till anhöriga och närstående',
    principalKind: 'shared',
    covers:
      'Även om det saknas en motsvarighet i HSL till skrivningen i 5 kap. 10 § SoL, är socialtjänsten i sitt arbete beroende av att även sjukvården är intresserad av att samverka i anhörigfrågor. Det är därför angeläget att utveckla samarbetet mellan landstinget och kommunen beträffande stöd till anhöriga.',
    legalReference: '5 kap. 10 § SoL',
    source: 'Sörmland §12',
  },
  {
    area: 'Personligt ombud',
    principalKind: 'municipality',
    covers: 'I alla länets kommuner utom i Vingåker, finns tillgång till personligt ombud.',
    legalReference: null,
    source: 'Sörmland §12',
  },
  {
    area: 'Insatser enligt nationella riktlinjer',
    principalKind: 'shared',
    covers:
      'Både landsting och kommun har ansvar för att uppmärksamma hur arbetet med implementering av dessa insatser ska gå till.',
    legalReference: null,
    source: 'Sörmland §13',
  },
  {
    area: 'Samordnad individuell plan (SIP)',
    principalKind: 'shared',
    covers:
      'När den enskilde har behov av insatser både från hälso- och sjukvården och från socialtjänsten ska landstinget tillsammans med kommunen upprätta en individuell plan. Planen ska upprättas om landstinget eller kommunen bedömer att den behövs för att den enskilde ska få sina behov tillgodosedda, och om den enskilde samtycker till att den upprättas. Arbetet med planen ska påbörjas utan dröjsmål.',
    legalReference: '3 f § HSL, 2 kap. 7 § SoL',
    source: 'Sörmland §14',
  },
  {
    area: 'SIP i förskola och skola',
    principalKind: 'municipality',
    covers:
      'I Sörmland har förskola och skola samma rättigheter/skyldigheter när det gäller SIP som socialtjänsten och hälso- och sjukvården trots att lagstiftning när det gäller SIP inte återfinns i skollagen.',
    legalReference: null,
    source: 'Sörmland §14',
  },
  {
    area: 'Förhandsbedömning inför SIP',
    principalKind: 'municipality',
    covers:
      'Om socialtjänstens myndighetsutövare ska kallas till SIP kring en person som ännu inte har pågående insatser därifrån bör särskild hänsyn tas till socialtjänstens skyldighet att göra förhandsbedömning innan en gemensam planering kan genomföras.',
    legalReference: null,
    source: 'Sörmland §14',
  },
  {
    area: 'Hälso- och sjukvårdsansvar eller egenvård',
    principalKind: 'shared',
    covers:
      'I sammanhanget kan också påminnas om att tydliggöra om det är kommun eller landsting som har hälso- och sjukvårdsansvar i det enskilda fallet eller om bestämmelser kring egenvård skall gälla.',
    legalReference: null,
    source: 'Sörmland §14',
  },
  {
    area: 'Samordnad planering vid vård enligt LPT och LRV',
    principalKind: 'shared',
    covers:
      'Den nya vårdformen förutsätter att hälso- och sjukvården samverkar med socialtjänsten för att ge varje patient den vård och det stöd som han eller hon behöver. I de lokala överenskommelserna bör rutiner kring samordnad planering för personer som vårdas enligt LPT och LRV få en framskjuten plats.',
    legalReference: 'LPT, LRV',
    source: 'Sörmland §14',
  },
  {
    area: 'Gemensamt drivna boendeverksamheter',
    principalKind: 'shared',
    covers:
      'I Sörmland finns ett fåtal boendeverksamheter som drivs gemensamt av huvudmännen. Ansvaret och kostnadsfördelningen för dessa verksamheter är reglerade i avtal.',
    legalReference: null,
    source: 'Sörmland §15',
  },
  {
    area: 'Planering av nya gemensamma boendeverksamheter',
    principalKind: 'shared',
    covers:
      'Om behov uppstår av fler gemensamt drivna boendeverksamheter, vilket kan visa sig i de gemensamma inventeringarna av målgruppens behov, krävs en noggrann gemensam planering inte minst i samverkan med representanter för brukar- och anhörigorganisationerna. En sådan planering kan göras i den eller de länsvisa arbetsgrupper (ANP, AVP och ASPF) där ett behov uppstått av en gemensam verksamhet.',
    legalReference: null,
    source: 'Sörmland §15',
  },
  {
    area: 'Sysselsättning och arbetsrehabilitering',
    principalKind: 'shared',
    covers:
      'För att personer med psykisk funktionsnedsättning ska få tillgång till meningsfull sysselsättning och aktiv arbetsrehabilitering som kan leda till utbildning och/eller arbete krävs samarbete inte bara mellan landsting och kommun utan också med Försäkringskassan och Arbetsförmedlingen.',
    legalReference: null,
    source: 'Sörmland §16',
  },
  {
    area: 'Hjälpmedel: förskrivning',
    principalKind: 'shared',
    covers:
      'Ansvarsfördelningen för hjälpmedel är tydligt reglerad i Sörmland. Utbildade hjälpmedelsförskrivare finns inom både kommun och landsting, dessa gör behovsbedömning och förskriver lämpligt hjälpmedel inom ramen för det sortiment som erbjuds i Sörmland.',
    legalReference: null,
    source: 'Sörmland §17',
  },
  {
    area: 'Hjälpmedel: beslut i NSV',
    principalKind: 'shared',
    covers:
      'Den gemensamma nämnden för samverkan kring socialtjänst och vård, NSV, fattar beslut om hjälpmedelsfrågor.',
    legalReference: null,
    source: 'Sörmland §17',
  },
  {
    area: 'Gemensamma utbildningssatsningar',
    principalKind: 'shared',
    covers:
      'Ett viktigt område för utveckling av samverkan är gemensamma utbildningssatsningar. Flera av de evidensbaserade metoder som rekommenderas i Nationella riktlinjer förutsätter samverkan kring t.ex. utbildning.',
    legalReference: null,
    source: 'Sörmland §18',
  },
];

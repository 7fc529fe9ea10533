export type TemplateHeadingSeed = { countyCode: string; heading: string; guidance: string; source: string };
type Heading = Omit<TemplateHeadingSeed, 'countyCode'>;

// Sörmland §2 says a template with suggested headings for local agreements is attached as bil. 1, but the
// template itself is not in the seed (its bil. 1 is Socialstyrelsen's inventory instrument). These headings are
// therefore what the county agreement itself asks the local agreements to contain, paragraph by paragraph.
const sormland: Heading[] = [
  {
    heading: 'Parter och område',
    guidance:
      'Vilka kommuner och vilken del av regionen överenskommelsen gäller, och vilken arbetsgrupp (ANP, AVP eller ASPF) den tas fram i.',
    source: 'Sörmland §2',
  },
  {
    heading: 'Konkreta och uppföljningsbara mål',
    guidance:
      'Formulera konkreta mål som går att följa upp, gärna utifrån Socialstyrelsens indikatorer för god vård och omsorg.',
    source: 'Sörmland §6',
  },
  {
    heading: 'Representation för barn, äldre och personer med funktionsnedsättning',
    guidance:
      'Hur arbetsgrupperna för barn, äldre och funktionsnedsatta är representerade så att dessa gruppers behov tillgodoses.',
    source: 'Sörmland §2',
  },
  {
    heading: 'Informationsöverföring: juridik och tekniska lösningar',
    guidance:
      'Juridiska aspekter och tekniska lösningar i samband med informationsöverföring mellan huvudmännen.',
    source: 'Sörmland §2',
  },
  {
    heading: 'Placeringar och kostnadsfördelning',
    guidance:
      'Gemensam planering före, under och efter placering, och hur kostnaderna fördelas (huvudregeln: var och en för sitt ansvar).',
    source: 'Sörmland §9',
  },
  {
    heading: 'Grupper med särskilda behov av samarbete',
    guidance: 'Vilka grupper som lyfts fram lokalt utifrån behoven i länsdelen eller kommunen.',
    source: 'Sörmland §11',
  },
  {
    heading: 'Stöd till barn till personer med psykisk sjukdom eller funktionsnedsättning',
    guidance:
      'Rutiner för hur barn kan ges information, råd och stöd när båda huvudmännen är involverade (2 g § HSL, 6 kap. 5 § patientsäkerhetslagen).',
    source: 'Sörmland §12',
  },
  {
    heading: 'Stöd till anhöriga och närstående',
    guidance:
      'Hur landstinget och kommunen samarbetar om stöd till anhöriga (5 kap. 10 § SoL), med NSPH och anhörigkonsulenterna.',
    source: 'Sörmland §12',
  },
  {
    heading: 'Personligt ombud',
    guidance: 'Hur samverkan med personligt ombud och brukar- och anhörigorganisationerna ordnas lokalt.',
    source: 'Sörmland §12',
  },
  {
    heading: 'Rutiner för samarbete kring enskilda personer (SIP)',
    guidance:
      'En övergripande rutin för individuell plan enligt HSL och SoL, med den enskilde och närstående delaktiga.',
    source: 'Sörmland §14',
  },
  {
    heading: 'Samordnad planering vid vård enligt LPT och LRV',
    guidance:
      'Rutiner kring samordnad planering för personer som vårdas enligt LPT och LRV ska få en framskjuten plats.',
    source: 'Sörmland §14',
  },
  {
    heading: 'Boende, sysselsättning och arbetsrehabilitering',
    guidance:
      'Samarbete kring boende och kring sysselsättning och arbetsrehabilitering, med Försäkringskassan och Arbetsförmedlingen.',
    source: 'Sörmland §15 och §16',
  },
  {
    heading: 'Uppföljning och revidering',
    guidance:
      'Den lokala överenskommelsen följs upp vartannat år, om inte någon part påtalat behov av revidering tidigare.',
    source: 'Sörmland §22',
  },
];

// Värmland's agreement is the ground for local co-operation: "De lokala rutinerna anpassas efter lokala behov
// och förutsättningar och ska framtas i dialog mellan huvudmännen och beskriva hur samverkan ska ske i
// respektive kommun" (Bakgrund). It gives no template, so the headings are the agreement's own sections that
// say what the parties do, in its order, each with what the agreement says there.
const varmland: Heading[] = [
  {
    heading: 'Kommun och parter',
    guidance:
      'Vilken kommun rutinen gäller och vilka verksamheter i kommunen och Region Värmland som tagit fram den i dialog. Rutinen beskriver hur samverkan ska ske i kommunen.',
    source: 'Värmland, Bakgrund',
  },
  {
    heading: 'Lokala behov och förutsättningar',
    guidance: 'De lokala rutinerna anpassas efter lokala behov och förutsättningar.',
    source: 'Värmland, Bakgrund',
  },
  {
    heading: 'Andra aktörer i samverkan',
    guidance:
      'Samverkan kan även inkludera andra aktörer, som till exempel försäkringskassa, arbetsförmedling, brukare- och närståendeorganisationer samt finansiella samordningsförbund.',
    source: 'Värmland, Bakgrund',
  },
  {
    heading: 'Brukarinflytande',
    guidance:
      'Hur enskildas och brukar- och närståendeorganisationernas medverkan ökar för att utveckla vård- och stödinsatser.',
    source: 'Värmland, Brukarinflytande',
  },
  {
    heading: 'Kommunens och regionens ansvar för målgruppen',
    guidance:
      'Hur kommunens och Region Värmlands ansvar enligt överenskommelsens ansvarsområden fördelas och samordnas i kommunen.',
    source: 'Värmland, Ansvarsområden',
  },
  {
    heading: 'Personer med samsjuklighet',
    guidance:
      'Ansvarsfördelningen beskrivs i länsöverenskommelserna om vård och stöd vid missbruk och beroende; hur de tillämpas lokalt.',
    source: 'Värmland, Personer med samsjuklighet',
  },
  {
    heading: 'Samverkan vid in- och utskrivning från slutenvården',
    guidance:
      'Kommuner och region ska samarbeta kring och med patienter vid in- och utskrivning från sjukhus, även för personer som varit föremål för psykiatrisk tvångsvård.',
    source: 'Värmland, Samverkan vid in- och utskrivning från slutenvården',
  },
  {
    heading: 'Samordnad individuell plan (SIP)',
    guidance:
      'Särskilda rutiner för SIP-planering finns upprättade mellan huvudmännen och ska tillämpas; hur en SIP påkallas och hålls i kommunen.',
    source: 'Värmland, Samordnad individuell plan (SIP)',
  },
  {
    heading: 'Placeringar utanför det egna hemmet',
    guidance:
      'Gemensam planering i ett tidigt skede: målsättning med placeringen, uppföljning av insatserna, planering för hemtagning och betalningsansvar.',
    source: 'Värmland, Ansvarsfördelning vid placeringar utanför det egna hemmet',
  },
  {
    heading: 'Barn och unga',
    guidance:
      'Vårdnadshavares medverkan vid planering, skolans särskilda ansvar för samverkan, barn som anhöriga och skyldigheten att göra orosanmälan.',
    source: 'Värmland, Ansvar för Barn och unga',
  },
  {
    heading: 'Äldre personer med behov av särskilt stöd',
    guidance:
      'Behovet av särskild hälso- och sjukvård och psykosociala insatser, och stöd till närstående som koordineras mellan huvudmännen.',
    source: 'Värmland, Ansvar för äldre personer med behov av särskilt stöd',
  },
  {
    heading: 'Särskilt utsatta grupper',
    guidance:
      'Till exempel HBTQ, nyanlända, personer som varit eller är utsatta för våld och olika minoritetsgrupper.',
    source: 'Värmland, Särskilt utsatta grupper',
  },
  {
    heading: 'Implementering och kompetensutveckling',
    guidance:
      'Samverkan kring implementeringen på den lokala nivån, och gemensam kompetensutveckling om nationella riktlinjer, vård- och insatsprogram och nya lagar.',
    source: 'Värmland, Genomförande',
  },
  {
    heading: 'Avvikelser och tvister',
    guidance:
      'Avvikelser dokumenteras och tillsänds beredningsgruppen för Nya perspektiv. Oenighet löses i första hand genom dialog mellan chefer på motsvarande nivå i kommunen och regionen.',
    source: 'Värmland, Avvikelser och Tvister',
  },
];

/** Each county's template, in order; a county without one offers no local agreements. */
export const localAgreementTemplate: TemplateHeadingSeed[] = [
  ...sormland.map((t) => ({ ...t, countyCode: '04' })),
  ...varmland.map((t) => ({ ...t, countyCode: '17' })),
];

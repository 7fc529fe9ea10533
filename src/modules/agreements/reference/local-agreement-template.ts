export type TemplateHeadingSeed = { countyCode: string; heading: string; guidance: string; source: string };

// Sörmland §2 says a template with suggested headings for local agreements is attached as bil. 1, but the
// template itself is not in the seed (its bil. 1 is Socialstyrelsen's inventory instrument). These headings are
// therefore what the county agreement itself asks the local agreements to contain, paragraph by paragraph.
export const localAgreementTemplate: TemplateHeadingSeed[] = [
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
].map((t) => ({ ...t, countyCode: '04' }));

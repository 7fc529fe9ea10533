import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SeedKey = 'dalarna' | 'orebro' | 'varmland' | 'sormland';
export type SeedSection = { heading: string; text: string; children: SeedSection[] };
export type SeedAgreement = {
  seed: SeedKey;
  countyCode: '20' | '18' | '17' | '04';
  title: string;
  source: string;
};

/** The county agreement each seed is, or (Dalarna) the agreement its directive revises. Titles as the seeds word them. */
export const seedAgreements: SeedAgreement[] = [
  {
    seed: 'varmland',
    countyCode: '17',
    // The seed has no title page; its first lines name the agreement.
    title:
      'Länsövergripande överenskommelse om samarbete kring personer med psykisk funktionsnedsättning i Värmlands län',
    source: 'Värmland, Inledning',
  },
  {
    seed: 'orebro',
    countyCode: '18',
    title:
      'Överenskommelse mellan Region Örebro län, kommunerna i Örebro län och NSPH avseende samarbete kring personer med psykiska funktionsnedsättningar',
    source: 'Örebro, titel',
  },
  {
    seed: 'sormland',
    countyCode: '04',
    title:
      'Länsgemensam överenskommelse om samarbete kring personer med psykiska funktionsnedsättningar i Sörmland',
    source: 'Sörmland, 1. Bakgrund',
  },
  {
    seed: 'dalarna',
    countyCode: '20',
    title:
      'Länsövergripande överenskommelse om samverkan mellan kommuner och region i Dalarna kring personer med psykiska funktionsnedsättningar från 18 år',
    source: 'Dalarna, uppdragsdirektiv, 2. Beskrivning av uppdraget',
  },
];

// Each seed's headings in the order they appear, with their level. `match` is the line as the file has it
// (trimmed) when the heading runs over two lines or reads differently from the heading we show.
type Heading = { level: 1 | 2; heading: string; match?: string };
const h1 = (heading: string, match?: string): Heading => ({ level: 1, heading, match });
const h2 = (heading: string, match?: string): Heading => ({ level: 2, heading, match });

const outlines: Record<SeedKey, Heading[]> = {
  varmland: [
    h1('Inledning'),
    ...['Bakgrund', 'Syfte', 'Målgrupp', 'Definitioner av begrepp', 'Giltighetstid'].map((x) => h2(x)),
    h1('Utgångspunkter'),
    ...[
      'Värdegrund',
      'Barnkonventionen och barns rättigheter.',
      'Barnrättsperspektivet',
      'Barn som anhöriga',
      'Orosanmälan barn och unga',
      'Brukarinflytande',
      'Nationella riktlinjer och nationella vård- och insatsprogram',
    ].map((x) => h2(x.replace(/\.$/, ''), x)),
    h1('Ansvarsområden'),
    ...[
      'Ledning och styrning',
      'Kommunens ansvar för målgruppen',
      'Regionen Värmlands ansvar för målgruppen',
      'Personer med samsjuklighet',
      'Samverkan vid in- och utskrivning från slutenvården',
      'Samordnad individuell plan (SIP)',
      'Hjälpmedelsservice',
    ].map((x) => h2(x)),
    h1('Genomförande'),
    ...[
      'Implementering',
      'Kompetensutveckling',
      'Avvikelser',
      'Tvister',
      'Ansvarsfördelning vid placeringar utanför det egna hemmet',
      'Ansvar för Barn och unga',
      'Ansvar för äldre personer med behov av särskilt stöd',
      'Särskilt utsatta grupper',
      'Uppföljning',
      'Gemensamma utvecklingsfrågor',
    ].map((x) => h2(x)),
  ],
  orebro: [
    ...[
      'Inledning',
      'Syfte',
      'Målgrupp',
      'Värdegrund',
      'Beslut och implementering',
      'Uppföljning och utvärdering av samverkan',
      'Handlingsplaner',
      'Samverkan, samarbete och samordning',
      'Vägledande principer vid samverkan',
      'Stödjande strukturer för samverkan',
      'Verksamheternas huvudsakliga ansvarsområden',
      'Brukarorganisationernas roll',
    ].map((x) => h1(x)),
    h1('Bilaga 1: Stödjande strukturer för samverkan', 'Stödjande strukturer för samverkan'),
    h1('Andra överenskommelser som är relaterade till denna'),
  ],
  sormland: [
    ...[
      '1. Bakgrund',
      '2. Lokala överenskommelser',
      '3. Långsiktig hållbar stödstruktur',
      '4. Syfte',
      '5. Målgrupp',
      '6. Gemensamma mål',
      '7. Definitioner av begrepp',
      '8. Brukar-och närståendeorganisationernas inflytande',
      '9. Insatser av enskilda aktörer',
      '10. Gemensamma inventeringar av målgruppens behov',
      '11. Personer med särskilda behov av samarbete',
    ].map((x) => h1(x)),
    ...[
      'Barn och ungdomar med sociala problem',
      'Personer med missbruk',
      'Äldre',
      'Nyanlända och asylsökande',
    ].map((x) => h2(x)),
    h2(
      'Personer med andra funktionsnedsättningar som t.ex. intellektuell funktionsnedsättning, rörelse/flerfunktionsnedsättning eller syn- och/eller hörselnedsättning',
      'Personer med andra funktionsnedsättningar som t.ex. intellektuell',
    ),
    h1('12. Övriga samarbetsområden'),
    h2(
      'Stöd till barn till personer med psykisk sjukdom/funktionsnedsättning utifrån 2 g § HSL och 6 kap. 5 § patientsäkerhetslagen',
      'Stöd till barn till personer med psykisk sjukdom/funktionsnedsättning',
    ),
    h2('Stöd till anhöriga och närstående utifrån 5 kap. 10 § SoL'),
    h2('Samarbete kring personligt ombud'),
    h1(
      '13. Samarbete kring insatser som rekommenderas i Socialstyrelsens nationella riktlinjer',
      '13. Samarbete kring insatser som rekommenderas i Socialstyrelsens',
    ),
    ...[
      '14. Rutiner för samarbete kring enskilda personer',
      '15. Samarbete kring insatser i olika former av boende',
      '16. Samarbete kring insatser för sysselsättning och arbetsrehabilitering',
      '17. Samarbete kring hjälpmedel',
      '18. Samarbete kring kompetens-utvecklings -och forskningsfrågor',
      '19. Former för hur tvister/samarbetsproblem ska lösas',
      '21. Avvikelser från denna samarbetsöverenskommelse',
      '22. Uppföljning och revidering av överenskommelserna',
      '23. Bilagor',
    ].map((x) => h1(x)),
  ],
  dalarna: [
    '1. Bakgrund',
    '2. Beskrivning av uppdraget',
    '3. Syfte',
    '4. Mål',
    '5. Krav på uppdraget',
    '6. Tidplan',
    '7. Förändringshantering',
    '8. Finansiering och budget',
    '9. Uppdragsorganisation',
  ].map((x) => h1(x)),
};

const seedDir = join(dirname(fileURLToPath(import.meta.url)), 'seeds');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const bullet = /^[•\uf0b7\uf0a7\u2022\u25aa\u25cf]\s*/;
const isUrl = (s: string) => /^(https?:\/\/|file:\/\/\/|www\.)\S*$/.test(s);

/**
 * A section's lines as text: wrapped lines joined into paragraphs, bullets as "- " lines. The PDF extraction
 * repeats every link at the foot of its page and breaks long links over lines; repeated links, link tails and
 * links into someone's own disk are dropped. The words themselves are left as the seed has them.
 */
function clean(lines: string[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const line of lines) {
    if (line.startsWith('file:///')) continue;
    if (isUrl(line)) {
      if (seen.has(line) || [...seen].some((u) => u.includes(line) || line.startsWith(u))) continue;
      seen.add(line);
    } else if (/^[\w%.-]+\/?$/.test(line) && kept.length && isUrl(kept.at(-1)!)) {
      continue; // the tail of a link broken over two lines
    }
    kept.push(line);
  }
  let text = '';
  for (const line of kept) {
    if (bullet.test(line)) text += `${text ? '\n' : ''}- ${line.replace(bullet, '')}`;
    else if (!text) text = line;
    else if (/[.:!?”"]$/.test(text) && /^[A-ZÅÄÖ0-9”"(]/.test(line)) text += `\n\n${line}`;
    else if (isUrl(line)) text += `\n${line}`;
    else text += ` ${line}`;
  }
  return text.replace(/ +/g, ' ').trim();
}

const cache = new Map<SeedKey, SeedSection[]>();

/** The seed's sections in reading order, nested as the document nests them; read once and cached. */
export function readSeedSections(seed: SeedKey): SeedSection[] {
  const cached = cache.get(seed);
  if (cached) return cached;
  const lines = readFileSync(join(seedDir, `${seed}.txt`), 'utf8')
    .split(/\r?\n/)
    .map(squash)
    .filter(Boolean);
  const outline = outlines[seed];
  const found: { heading: Heading; lines: string[] }[] = [];
  let next = 0;
  for (const line of lines) {
    const expected = outline[next];
    if (expected && line === (expected.match ?? expected.heading)) {
      found.push({ heading: expected, lines: [] });
      next++;
    } else if (found.length) {
      found.at(-1)!.lines.push(line);
    }
  }
  if (next < outline.length) throw new Error(`seed ${seed}: heading not found: ${outline[next]!.heading}`);
  const sections: SeedSection[] = [];
  for (const f of found) {
    const section = { heading: f.heading.heading, text: clean(f.lines), children: [] };
    if (f.heading.level === 1 || sections.length === 0) sections.push(section);
    else sections.at(-1)!.children.push(section);
  }
  cache.set(seed, sections);
  return sections;
}

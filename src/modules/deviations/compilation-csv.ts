import { stringify } from 'csv-stringify/sync';
import type { CompilationTable } from './compile.ts';

/**
 * The compilation as CSV for a spreadsheet: one row per cell, semicolon-separated with a byte-order mark so
 * Excel set to Swedish reads the columns and å, ä, ö. A suppressed count is written "dolt", never a number.
 */
export function compilationCsv(tables: CompilationTable[], period: { from: string; to: string }): string {
  const rows: string[][] = [['Dimension', 'Värde', 'Antal', 'Från', 'Till']];
  for (const t of tables) {
    for (const r of t.rows)
      rows.push([t.label, r.label, r.suppressed ? 'dolt' : String(r.count), period.from, period.to]);
    if (t.hasTotal)
      rows.push([t.label, 'Totalt', t.totalSuppressed ? 'dolt' : String(t.total), period.from, period.to]);
  }
  return `\uFEFF${stringify(rows, { delimiter: ';', record_delimiter: '\r\n' })}`;
}

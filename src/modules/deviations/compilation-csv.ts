import type { CsvCell } from '../../platform/documents/csv.ts';
import type { CompilationTable } from './compile.ts';

/**
 * The compilation's rows for the CSV writer (platform/documents/csv.ts): one row per cell. A suppressed count
 * is written "dolt", never a number.
 */
export function compilationCsvRows(
  tables: CompilationTable[],
  period: { from: string; to: string },
): CsvCell[][] {
  const rows: CsvCell[][] = [['Dimension', 'Värde', 'Antal', 'Från', 'Till']];
  for (const t of tables) {
    for (const r of t.rows)
      rows.push([t.label, r.label, r.suppressed ? 'dolt' : r.count, period.from, period.to]);
    if (t.hasTotal)
      rows.push([t.label, 'Totalt', t.totalSuppressed ? 'dolt' : t.total, period.from, period.to]);
  }
  return rows;
}

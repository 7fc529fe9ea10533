import type { Content } from 'pdfmake/interfaces.js';
import { isoDateTime } from '../../platform/clock.ts';
import type { CsvCell } from '../../platform/documents/csv.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import { shareChart } from './charts.ts';
import { statusLabels, suppressionNote, syntheticNote } from './labels.ts';
import type { RoundResults } from './read-round.ts';

// The results as people read them: every figure written out once here, for the page, the CSV and the PDF.

const number = (n: number) => n.toLocaleString('sv-SE', { maximumFractionDigits: 1 });
export const countText = (n: number | null) => (n === null ? 'dolt' : number(n));
const shareText = (n: number | null) => (n === null ? '–' : `${number(n)} %`);
const changeText = (n: number | null) =>
  n === null ? '–' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${number(Math.abs(n))} procentenheter`;

type Row = { label: string; cells: string[] };
export type ResultSection = {
  key: string;
  title: string;
  headers: string[];
  rows: Row[];
  chart: string | null;
  /** Whether the section has a chart at all; one with nothing shown to draw says so. */
  charted: boolean;
  chartNote: string;
};

/** The sections of the results: unmet needs by life area first, then each question's answers. */
export function resultSections(r: RoundResults, withCharts = true): ResultSection[] {
  return [needsSection(r, withCharts), ...tableSections(r, withCharts), ...municipalitySections(r)];
}

const previousHeaders = (r: RoundResults) => (r.previous !== null ? ['Föregående', 'Förändring'] : []);

/** Unmet needs by life area, with the previous round's share beside each where there was one. */
function needsSection(r: RoundResults, withCharts: boolean): ResultSection {
  const compared = r.previous !== null;
  const scope = r.scope.name;
  return {
    key: 'needs',
    title: 'Behov som inte är tillgodosedda, per livsområde',
    headers: [
      'Livsområde',
      'Inget behov',
      'Tillgodosett',
      'Inte tillgodosett',
      'Andel inte tillgodosett',
      ...previousHeaders(r),
    ],
    rows: r.results.needs.map((n) => ({
      label: n.label,
      cells: [
        countText(n.none),
        countText(n.met),
        countText(n.unmet),
        shareText(n.unmetShare),
        ...(compared ? [shareText(n.previousUnmetShare), changeText(n.change)] : []),
      ],
    })),
    chart: withCharts
      ? shareChart(
          r.results.needs.map((n) => ({
            label: n.label,
            share: n.unmetShare,
            previousShare: n.previousUnmetShare,
            hidden: n.unmet === null,
          })),
          `Stapeldiagram: andel av personerna i ${scope} med behov som inte är tillgodosett, per livsområde. Siffrorna finns i tabellen.`,
        )
      : null,
    charted: withCharts,
    chartNote: compared ? 'Det röda strecket visar andelen i föregående inventering.' : '',
  };
}

/** Each question's answers (housing, occupation, contacts, …), housing and occupation charted. */
function tableSections(r: RoundResults, withCharts: boolean): ResultSection[] {
  const compared = r.previous !== null;
  const scope = r.scope.name;
  return r.results.tables.map(
    (t): ResultSection => ({
      key: t.key,
      title: t.title,
      headers: [t.title, 'Antal', 'Andel', ...previousHeaders(r)],
      rows: t.rows.map((x) => ({
        label: x.label,
        cells: [
          countText(x.count),
          shareText(x.share),
          ...(compared ? [shareText(x.previousShare), changeText(x.change)] : []),
        ],
      })),
      chart:
        withCharts && (t.key === 'housing' || t.key === 'occupation')
          ? shareChart(
              t.rows.map((x) => ({
                label: x.label,
                share: x.share,
                previousShare: x.previousShare,
                hidden: x.count === null,
              })),
              `Stapeldiagram: personerna i ${scope} efter ${t.title.toLowerCase()}, som andel. Siffrorna finns i tabellen.`,
            )
          : null,
      charted: withCharts && (t.key === 'housing' || t.key === 'occupation'),
      chartNote: compared ? 'Det röda strecket visar andelen i föregående inventering.' : '',
    }),
  );
}

/** Persons per municipality, for a county-wide scope only. */
function municipalitySections(r: RoundResults): ResultSection[] {
  return r.results.byMunicipality
    ? [
        {
          key: 'municipalities',
          title: 'Personer per kommun',
          headers: ['Kommun', 'Antal', 'Andel'],
          rows: r.results.byMunicipality.map((m) => ({
            label: m.name,
            cells: [countText(m.count), shareText(m.share)],
          })),
          chart: null,
          charted: false,
          chartNote: '',
        },
      ]
    : [];
}

/** The results' rows for the CSV writer (platform/documents/csv.ts): one row per figure. */
export function resultsCsvRows(r: RoundResults): CsvCell[][] {
  const rows: CsvCell[][] = [['Inventering', 'Område', 'Avsnitt', 'Rad', 'Kolumn', 'Värde']];
  for (const s of resultSections(r, false))
    for (const row of s.rows)
      row.cells.forEach((cell, i) => {
        rows.push([r.round.title, r.scope.name, s.title, row.label, s.headers[i + 1]!, cell]);
      });
  rows.push([r.round.title, r.scope.name, 'Personer', 'Totalt', 'Antal', countText(r.results.persons)]);
  return rows;
}

/** The report for the interpretation meeting: the results, the comparison and the comments, as PDF. */
export async function resultsPdf(r: RoundResults, now: Date): Promise<Buffer> {
  const printedAt = isoDateTime(now);
  const table = (s: ResultSection): Content => ({
    table: {
      headerRows: 1,
      widths: ['*', ...s.headers.slice(1).map(() => 'auto')],
      body: [
        s.headers.map((h) => ({ text: h, bold: true })),
        ...s.rows.map((row) => [row.label, ...row.cells]),
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    margin: [0, 4, 0, 12],
  });
  const content: Content[] = [
    { text: r.round.title, style: 'title' },
    { text: `${r.scope.name} · ${statusLabels[r.round.status]}`, style: 'subtitle' },
    ...(r.round.synthetic ? [{ text: syntheticNote, bold: true, margin: [0, 0, 0, 6] } as Content] : []),
    {
      text: `Period ${r.round.periodStart}–${r.round.periodEnd}. Formulär: ${r.round.form.name} (${r.round.form.publisher}, ${r.round.form.year}). Samordnas av ${r.round.coordinator}.`,
      margin: [0, 0, 0, 4],
    },
    { text: `Antal personer: ${countText(r.results.persons)}.`, margin: [0, 0, 0, 4] },
    {
      text: r.previous
        ? `Jämförs med ${r.previous.title} (${r.previous.periodStart}–${r.previous.periodEnd}), som andelar av personerna.`
        : 'Det finns ingen tidigare redovisad inventering i länet att jämföra med.',
      margin: [0, 0, 0, 4],
    },
    { text: suppressionNote, fontSize: 9, margin: [0, 0, 0, 10] },
    ...resultSections(r, false).flatMap((s): Content[] => [{ text: s.title, style: 'heading' }, table(s)]),
    { text: 'Synpunkter från brukar- och anhörigorganisationerna', style: 'heading' },
    r.round.comments.length
      ? {
          ul: r.round.comments.map((c) => `${c.organisation} (${isoDateTime(c.recordedAt)}): ${c.text}`),
        }
      : { text: 'Inga synpunkter är antecknade än.' },
  ];
  return renderDocumentPdf({
    metaTitle: `${r.round.title}, ${r.scope.name}`,
    content,
    footer: `${r.round.title} · ${r.scope.name} · utskriven ${printedAt}`,
  });
}

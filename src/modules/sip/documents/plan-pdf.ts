import type { Content } from 'pdfmake/interfaces.js';
import { renderDocumentPdf } from '../../../platform/documents/pdf.ts';
import { sipLabels } from '../labels.ts';

export type PlanDocument = {
  person: { name: string; personalIdentityNumber: string };
  countyName: string;
  conveningUnitName: string;
  consent: { givenAt: string; form: 'written' | 'verbal'; principalNames: string[] } | null;
  plan: {
    version: number;
    savedAt: string; // YYYY-MM-DD
    personsOwnWords: string;
    goals: string[];
    interventions: { description: string; responsible: string }[];
    overallResponsibility: string;
    followUpOn: string;
    childrenConsidered: boolean | null;
    compulsoryCare: { law: 'LPT' | 'LRV' } | null;
  };
  printedAt: string; // YYYY-MM-DD
  printedBy: string; // "Namn, Enhet"
};

const childReminder = 'En SIP ersätter aldrig en orosanmälan till socialtjänsten.';

export async function planPdf(doc: PlanDocument): Promise<Buffer> {
  return renderDocumentPdf({
    // Metadata is visible in file listings and search indexes, so it names the kind of document only.
    metaTitle: 'SIP',
    content: [
      ...header(doc),
      ...section('Personens egna ord', doc.plan.personsOwnWords || '–'),
      ...goals(doc.plan.goals),
      ...interventions(doc.plan.interventions),
      ...section('Övergripande ansvar', doc.plan.overallResponsibility || '–'),
      ...section('Uppföljning senast', doc.plan.followUpOn),
      ...children(doc.plan.childrenConsidered),
      ...consent(doc.consent),
      {
        text: `Planversion ${doc.plan.version}, sparad ${doc.plan.savedAt}`,
        style: 'muted',
        margin: [0, 16, 0, 0],
      },
    ],
    footer: `Utskriven ${doc.printedAt} av ${doc.printedBy}`,
  });
}

function header(doc: PlanDocument): Content[] {
  const care = doc.plan.compulsoryCare;
  const title = care
    ? 'Samordnad vårdplan vid psykiatrisk tvångsvård (LPT/LRV) och SIP'
    : 'Samordnad individuell plan (SIP)';
  return [
    { text: title, style: 'title' },
    ...(care ? [{ text: `Lagrum: ${sipLabels.compulsoryCare[care.law]}` }] : []),
    { text: `${doc.person.name}, ${doc.person.personalIdentityNumber}`, bold: true, margin: [0, 8, 0, 0] },
    { text: `${doc.countyName} · Sammankallande enhet: ${doc.conveningUnitName}` },
  ];
}

function section(title: string, body: Content): Content[] {
  return [{ text: title, style: 'heading' }, body];
}

function goals(list: string[]): Content[] {
  return section('Mål', list.length > 0 ? { ul: list } : 'Inga mål är skrivna.');
}

function interventions(list: PlanDocument['plan']['interventions']): Content[] {
  if (list.length === 0) return section('Insatser', 'Inga insatser är skrivna.');
  const head = [
    { text: 'Insats', bold: true },
    { text: 'Ansvarig', bold: true },
  ];
  const rows = list.map((i) => [i.description, i.responsible]);
  // headerRows repeats the column names if the table runs onto another page.
  return section('Insatser', {
    table: { headerRows: 1, widths: ['*', 160], body: [head, ...rows] },
    layout: 'lightHorizontalLines',
  });
}

function children(considered: boolean | null): Content[] {
  if (considered === null) return [];
  return section('Barn', [
    `Barns behov av information, råd och stöd har beaktats: ${considered ? 'ja' : 'nej'}`,
    { text: childReminder, margin: [0, 4, 0, 0] },
  ]);
}

function consent(given: PlanDocument['consent']): Content[] {
  if (!given) return section('Samtycke', 'Inget samtycke är registrerat.');
  const form = given.form === 'written' ? 'skriftligt' : 'muntligt';
  return section('Samtycke', [
    `Givet ${given.givenAt}, ${form}.`,
    `Gäller för: ${given.principalNames.join(', ')}`,
  ]);
}

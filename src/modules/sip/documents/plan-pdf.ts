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
    // when: "från 2026-12-01 tills vidare"; status and the person's view as shown (issue 22).
    interventions: {
      description: string;
      responsible: string;
      when?: string;
      status?: string;
      personsView?: string | null;
    }[];
    overallResponsibility: string;
    followUpOn: string;
    childrenConsidered: boolean | null;
    compulsoryCare: { law: 'LPT' | 'LRV' } | null;
    relativesTookPart?: boolean | null;
  };
  /** A placement outside the home, as labelled lines (placement.ts); null or absent when the plan has none. */
  placement?: { label: string; text: string }[] | null;
  /** Inera's care-plan type code; SIP when not given. */
  planKind?: 'SIP' | 'SPLPTLRV' | 'SPU';
  chiefPhysicianUnitName?: string | null;
  assessments?: {
    unitName: string;
    recordedAt: string;
    areas: { label: string; situation: string; strengths: string; wishes: string }[];
  }[];
  meetings?: { heldOn: string; participation: string; attended: string[]; absent: string[]; notes: string }[];
  evaluation?: {
    closedAt: string;
    reason: string;
    goalsMet: string | null;
    personsView: string | null;
    note: string | null;
  } | null;
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
      ...assessments(doc.assessments ?? []),
      ...goals(doc.plan.goals),
      ...interventions(doc.plan.interventions),
      ...relatives(doc.plan.relativesTookPart ?? null),
      ...placement(doc.placement ?? null),
      ...section('Övergripande ansvar', doc.plan.overallResponsibility || '–'),
      ...section('Uppföljning senast', doc.plan.followUpOn),
      ...children(doc.plan.childrenConsidered),
      ...consent(doc.consent),
      ...meetings(doc.meetings ?? []),
      ...evaluation(doc.evaluation ?? null),
      {
        text: `Planversion ${doc.plan.version}, sparad ${doc.plan.savedAt}`,
        style: 'muted',
        margin: [0, 16, 0, 0],
      },
    ],
    footer: `Utskriven ${doc.printedAt} av ${doc.printedBy}`,
  });
}

const kindTitles = {
  SPLPTLRV: 'Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård (LPT/LRV)',
  SPU: 'Samordnad plan vid utskrivning (SPU)',
};

function header(doc: PlanDocument): Content[] {
  const care = doc.plan.compulsoryCare;
  const kind = doc.planKind ?? 'SIP';
  const title =
    kind !== 'SIP'
      ? kindTitles[kind]
      : care
        ? 'Samordnad vårdplan vid psykiatrisk tvångsvård (LPT/LRV) och SIP'
        : 'Samordnad individuell plan (SIP)';
  return [
    { text: title, style: 'title' },
    { text: `Typ av plan (Ineras kod): ${kind}` },
    ...(care ? [{ text: `Lagrum: ${sipLabels.compulsoryCare[care.law]}` }] : []),
    ...(doc.chiefPhysicianUnitName
      ? [{ text: `Ansvarig chefsöverläkares enhet: ${doc.chiefPhysicianUnitName}` }]
      : []),
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
  const head = ['Insats', 'Ansvarig', 'Tid', 'Status', 'Personens syn'].map((text) => ({ text, bold: true }));
  const rows = list.map((i) => [
    i.description,
    i.responsible,
    i.when ?? 'tills vidare',
    i.status ?? 'Planerad',
    i.personsView || '–',
  ]);
  // headerRows repeats the column names if the table runs onto another page.
  return section('Insatser', {
    table: { headerRows: 1, widths: ['*', 90, 70, 50, '*'], body: [head, ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
  });
}

function placement(lines: PlanDocument['placement']): Content[] {
  if (!lines) return [];
  return section('Placering utanför hemmet', {
    table: {
      widths: [130, '*'],
      body: lines.map((l) => [{ text: l.label, bold: true }, l.text]),
    },
    layout: 'lightHorizontalLines',
    fontSize: 9,
  });
}

function relatives(tookPart: boolean | null): Content[] {
  if (tookPart === null) return [];
  return [
    { text: `Närstående deltog när planen togs fram: ${tookPart ? 'ja' : 'nej'}`, margin: [0, 4, 0, 0] },
  ];
}

function assessments(list: NonNullable<PlanDocument['assessments']>): Content[] {
  if (list.length === 0) return section('Kartläggning', 'Ingen kartläggning är registrerad.');
  return section(
    'Kartläggning',
    list.map((a) => ({
      stack: [
        { text: `${a.unitName}, ${a.recordedAt}`, bold: true, margin: [0, 4, 0, 2] },
        {
          table: {
            headerRows: 1,
            widths: [90, '*', '*', '*'],
            body: [
              ['Livsområde', 'Situation', 'Styrkor', 'Personen vill'].map((text) => ({ text, bold: true })),
              ...a.areas.map((r) => [r.label, r.situation, r.strengths || '–', r.wishes || '–']),
            ],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        },
      ],
    })),
  );
}

function meetings(list: NonNullable<PlanDocument['meetings']>): Content[] {
  if (list.length === 0) return [];
  return section(
    'Deltagare i möten',
    list.map((m) => ({
      stack: [
        { text: `Möte ${m.heldOn}`, bold: true, margin: [0, 4, 0, 0] },
        `Personen: ${m.participation}`,
        `Deltog: ${m.attended.join('; ') || '–'}`,
        `Frånvarande: ${m.absent.join('; ') || '–'}`,
        ...(m.notes ? [`Anteckningar: ${m.notes}`] : []),
      ],
    })),
  );
}

function evaluation(closed: PlanDocument['evaluation']): Content[] {
  if (!closed) return [];
  return section('Utvärdering vid avslut', [
    `Avslutad ${closed.closedAt}: ${closed.reason}.`,
    `Har planens mål uppnåtts? ${closed.goalsMet ?? 'Inte utvärderat'}`,
    `Vad personen säger: ${closed.personsView || '–'}`,
    `Anteckning: ${closed.note || '–'}`,
  ]);
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

import type { Content } from 'pdfmake/interfaces.js';
import { renderDocumentPdf } from '../../../platform/documents/pdf.ts';

// The invitation letter (kallelse) to the person, or to a relative the person wants there, in easy Swedish
// (lättläst): short sentences, one thing at a time, the words a reader uses, headings that are questions. The
// convener prints it or sends it. It says when, where, who will come and what a SIP is, and never holds an
// identity number; a person with protected identity is not named in it.

export type LetterDocument = {
  to: 'person' | 'relative';
  /** The person's name as the convener wrote it, or null (protected identity: the letter names no one). */
  personName: string | null;
  /** "Måndag 25 januari 2027" and "13.00", in Swedish time. */
  day: string;
  time: string;
  place: string | null;
  videoLink: string | null;
  conveningUnit: string;
  /** The units and others who will come, as the reader would know them. */
  coming: string[];
  relativesMayTakePart: boolean;
  printedOn: string;
};

const sipIs = [
  'SIP betyder samordnad individuell plan.',
  'En SIP är en plan för den som får hjälp från flera håll, till exempel från vården och från kommunen.',
  'På mötet pratar vi om vad som är viktigt för dig och vad du behöver. Vi bestämmer tillsammans vem som gör vad.',
  'Allt som bestäms skrivs ner i planen. Du får planen efteråt.',
  'Det är du som bestämmer vad du vill berätta.',
];
const sipIsForRelative = [
  'SIP betyder samordnad individuell plan.',
  'En SIP är en plan för den som får hjälp från flera håll, till exempel från vården och från kommunen.',
  'På mötet pratar vi om vad som är viktigt och vad som behövs. Vi bestämmer tillsammans vem som gör vad.',
  'Allt som bestäms skrivs ner i planen.',
];

export async function letterPdf(doc: LetterDocument): Promise<Buffer> {
  const forPerson = doc.to === 'person';
  return renderDocumentPdf({
    // Metadata shows in file lists and search indexes: the kind of document only.
    metaTitle: 'Kallelse till SIP-möte',
    content: [
      { text: forPerson ? 'Kallelse till möte om din SIP' : 'Kallelse till möte om en SIP', style: 'title' },
      { text: greeting(doc), margin: [0, 8, 0, 0], fontSize: 13 },
      {
        text: forPerson
          ? 'Du är välkommen till ett möte om din samordnade individuella plan, SIP.'
          : doc.personName
            ? `${doc.personName} vill att du är med på ett möte om sin samordnade individuella plan, SIP.`
            : 'Du är välkommen till ett möte om en samordnad individuell plan, SIP, för någon som står dig nära.',
        fontSize: 13,
        margin: [0, 6, 0, 0],
      },
      ...part('När är mötet?', [`${doc.day}`, `Klockan ${doc.time}`]),
      ...part('Var är mötet?', where(doc)),
      ...part('Vilka kommer?', [{ ul: doc.coming, fontSize: 13 }]),
      ...part('Vad är en SIP?', forPerson ? sipIs : sipIsForRelative),
      ...(forPerson
        ? part('Får jag ta med någon?', [
            doc.relativesMayTakePart
              ? 'Ja. Du får gärna ta med en närstående eller någon annan som du litar på.'
              : 'Du får ta med någon som stöd. Säg till oss innan mötet om du vill att en närstående är med.',
          ])
        : []),
      ...part('Om du inte kan komma', [
        `Hör av dig till ${doc.conveningUnit} så snart du kan. Då hittar vi en annan tid.`,
      ]),
      { text: 'Välkommen!', fontSize: 13, bold: true, margin: [0, 16, 0, 0] },
      { text: doc.conveningUnit, fontSize: 13 },
    ],
    footer: `Kallelse från ${doc.conveningUnit}, ${doc.printedOn}`,
  });
}

function greeting(doc: LetterDocument): string {
  if (doc.to === 'relative') return 'Hej!';
  return doc.personName ? `Hej ${doc.personName}!` : 'Hej!';
}

function where(doc: LetterDocument): Content[] {
  const lines: Content[] = [];
  if (doc.place) lines.push(doc.place);
  if (doc.videoLink)
    lines.push(
      doc.place
        ? 'Du kan också vara med på video. Använd den här länken:'
        : 'Mötet är på video. Använd den här länken:',
      { text: doc.videoLink, link: doc.videoLink, color: '#1d70b8', decoration: 'underline' },
    );
  if (lines.length === 0) lines.push(`${doc.conveningUnit} berättar var mötet är.`);
  return lines;
}

/** A heading as a question, and its short lines, in the letter's larger type. */
function part(heading: string, lines: Content[]): Content[] {
  return [
    { text: heading, style: 'heading', fontSize: 14, margin: [0, 16, 0, 4] },
    ...lines.map(
      (line): Content =>
        typeof line === 'string' ? { text: line, fontSize: 13, margin: [0, 0, 0, 3] } : line,
    ),
  ];
}

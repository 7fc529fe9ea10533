import type { Content } from 'pdfmake/interfaces.js';
import { isoDate } from '../../platform/clock.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import type { MyData } from './my-data.ts';
import { dayText, momentText } from './present.ts';

// "Mina uppgifter" as a PDF (issue 26 item 5): the same data as the JSON file (my-data.ts), in plain Swedish, to
// read and print. Every plan with its kind, consent, the newest version in full and the earlier ones' words and
// goals, the needs assessment, the meetings held, the evaluation; every stay in inpatient care; the extract.

type Plan = MyData['planer'][number];
type Stay = MyData['tidPaSjukhus'][number];

const line = (label: string, value: string): Content => ({
  text: [{ text: `${label}: `, bold: true }, value || '–'],
});
const subheading = (text: string): Content => ({ text, bold: true, margin: [0, 8, 0, 2] });

export async function myDataPdf(data: MyData): Promise<Buffer> {
  const content: Content[] = [
    { text: 'Allt som Sömlös sparar om dig', style: 'title' },
    { text: data.om, style: 'subtitle' },
    { text: 'Om dig', style: 'heading' },
    line('Personnummer', data.person.personnummer),
    line('Namn när du registrerades första gången', data.person.namnNarDuRegistreradesForstaGangen),
    line('Skyddade personuppgifter', data.person.skyddadePersonuppgifter ? 'ja' : 'nej'),
  ];
  for (const p of data.planer) content.push(...planSection(p));
  if (data.tidPaSjukhus.length) {
    content.push({ text: 'Din tid på sjukhus', style: 'heading' });
    for (const s of data.tidPaSjukhus) content.push(...staySection(s));
  }
  content.push({ text: 'Vem har läst om dig', style: 'heading' }, extractTable(data));
  return renderDocumentPdf({
    metaTitle: 'Mina uppgifter',
    content,
    footer: `Skapad ${isoDate(new Date(data.skapad))} åt dig själv`,
  });
}

function planSection(p: Plan): Content[] {
  const content: Content[] = [
    { text: `Plan hos ${p.sammankallande}`, style: 'heading' },
    p.typAvPlan.text,
    line('Status', p.status ?? ''),
    line('Startad', dayText(new Date(p.startad))),
    line('Varför en SIP behövs', p.varforEnSip),
  ];
  if (p.samtycke)
    content.push(
      line('Samtycke', `givet ${dayText(p.samtycke.givet)}, ${p.samtycke.form}`),
      line('Får dela information', p.samtycke.huvudman.join(', ')),
      line('Närstående får vara med', p.samtycke.narstaendeFarVaraMed ? 'ja' : 'nej'),
    );
  for (const c of p.samtyckeshistorik)
    content.push(
      line(`Ändrat ${dayText(c.datum)}`, `${c.andring}${c.huvudman ? ` (${c.huvudman})` : ''}, av ${c.av}`),
    );
  content.push(...versions(p), ...assessment(p), ...meetings(p));
  for (const k of p.kallelser)
    content.push(
      line('Kallelse', `${k.enhet}, möte ${momentText(new Date(k.mote))}${k.plats ? `, ${k.plats}` : ''}`),
    );
  if (p.utvardering)
    content.push(
      subheading('Så gick det'),
      line('Nådde du målen', p.utvardering.naddesMalen ?? ''),
      line('Det här sa du', p.utvardering.detDuSa ?? ''),
      line('Anteckning', p.utvardering.anteckning ?? ''),
    );
  for (const t of p.tvister) content.push(line('Tvist', `${t.rubrik} (${t.status})`));
  return content;
}

/** The newest version in full (who does what and when), the earlier ones' words, goals and interventions. */
function versions(p: Plan): Content[] {
  return [...p.planversioner]
    .reverse()
    .flatMap((v, i) => [
      subheading(`Planversion ${v.version}, sparad ${dayText(new Date(v.sparad))}`),
      line('Dina egna ord', v.dinaEgnaOrd),
      line('Mål', v.mal.join('; ')),
      ...(i === 0
        ? v.insatser.map((x) =>
            line(x.vad, `${x.vem}. ${x.nar} ${x.lage}.${x.dinSyn ? ` Du tycker: ${x.dinSyn}` : ''}`),
          )
        : [line('Insatser', v.insatser.map((x) => `${x.vad} (${x.vem})`).join('; '))]),
      ...(i === 0 && v.boendeUtanforHemmet ? v.boendeUtanforHemmet.map((l) => line(l.vad, l.text)) : []),
      ...(i === 0 ? [line('Huvudansvar', v.overgripandeAnsvar)] : []),
    ]);
}

function assessment(p: Plan): Content[] {
  if (p.kartlaggning.length === 0) return [];
  return [
    subheading('Så har du det'),
    ...p.kartlaggning.flatMap((a) =>
      a.vadEnheternaSkrev.map((e) => ({
        stack: [
          { text: `${a.omrade} (${e.enhet}, ${dayText(new Date(e.datum))})`, bold: true },
          line('Det här vill du', e.detHarVillDu),
          line('Det här är du bra på', e.detHarArDuBraPa),
          line('Så har du det', e.saHarDuDet),
        ],
        margin: [0, 2, 0, 2],
      })),
    ),
  ] as Content[];
}

function meetings(p: Plan): Content[] {
  if (p.moten.length === 0) return [];
  return [
    subheading('Möten som har varit'),
    ...p.moten.map((m) => ({
      stack: [
        { text: `Möte ${dayText(m.datum)}`, bold: true },
        m.duDeltog,
        line('De som var med', m.deltog.join('; ')),
        line('De som inte kom', m.deltogInte.join('; ')),
        ...(m.anteckningar ? [line('Anteckningar', m.anteckningar)] : []),
      ],
      margin: [0, 2, 0, 2],
    })),
  ] as Content[];
}

function staySection(s: Stay): Content[] {
  return [
    subheading(`Inlagd ${dayText(new Date(s.inlagd))} på ${s.sjukhus}`),
    line('Beräknat klar att skrivas ut', dayText(s.beraknatKlar)),
    ...(s.utskriven ? [line('Utskriven', dayText(s.utskriven))] : []),
    line(
      'De som fick veta',
      s.enheterSomFickVeta.map((u) => `${u.enhet} (${u.slag}), ${dayText(new Date(u.fickVeta))}`).join('; '),
    ),
    ...(s.sammanfattningVidUtskrivning
      ? [line('Din vård enligt sammanfattningen', s.sammanfattningVidUtskrivning.vard)]
      : []),
  ];
}

function extractTable(data: MyData): Content {
  return {
    table: {
      headerRows: 1,
      widths: [110, '*', 70],
      body: [
        [
          { text: 'När', bold: true },
          { text: 'Vem', bold: true },
          { text: 'Vad', bold: true },
        ],
        ...data.vemHarLastOmDig.map((r) => [
          momentText(new Date(r.tid)),
          r.huvudman ? `${r.vem}, ${r.huvudman}` : r.vem,
          r.vad,
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
  };
}

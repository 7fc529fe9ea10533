import type { Content } from 'pdfmake/interfaces.js';
import { isoDate } from '../../platform/clock.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import { conflict } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { loadAgreement, loadConsultation, loadSections } from './load.ts';

/**
 * The compilation of a consultation (remissammanställning): each section that got comments, every comment
 * with the organisation that gave it, and the answer. Organisations are named, people are not: the
 * compilation is a public document once the agreement is decided.
 */
export async function consultationPdf(ctx: UserContext, id: string, number: number): Promise<Buffer> {
  const a = await loadAgreement(ctx.db, id, isoDate(ctx.now));
  const v = a.versions.find((x) => x.number === number);
  const consultation = v ? await loadConsultation(ctx.db, v.id) : null;
  if (!v || !consultation) throw conflict('Versionen har inte varit ute på remiss.');
  const sections = await loadSections(ctx.db, v.id);
  const content: Content[] = [
    { text: 'Sammanställning av remissynpunkter och svar', style: 'title' },
    { text: `${a.title}, version ${v.number}`, margin: [0, 0, 0, 4] },
    {
      text: `Remisstid till och med ${consultation.closesOn}. Remissen gick till: ${consultation.invitees.map((i) => i.name).join(', ')}.`,
      style: 'muted',
    },
    {
      text: `${consultation.comments.length} synpunkter, ${consultation.comments.filter((c) => c.answer).length} besvarade.`,
      style: 'muted',
      margin: [0, 0, 0, 8],
    },
  ];
  for (const s of sections) {
    const comments = consultation.comments.filter((c) => c.sectionKey === s.key);
    if (comments.length === 0) continue;
    content.push({ text: s.heading, style: 'heading' });
    for (const c of comments) {
      content.push(
        { text: `Synpunkt från ${c.principalName}, ${isoDate(c.at)}`, bold: true, margin: [0, 6, 0, 2] },
        { text: c.text },
        {
          text: c.answer ? `Svar (${isoDate(c.answeredAt!)}): ${c.answer}` : 'Ej besvarad än.',
          margin: [12, 4, 0, 0],
          style: c.answer ? undefined : 'muted',
        },
      );
    }
  }
  if (consultation.comments.length === 0)
    content.push({ text: 'Inga synpunkter lämnades.', margin: [0, 8, 0, 0] });
  return renderDocumentPdf({
    metaTitle: 'Remissammanställning',
    content,
    footer: `Utskriven ${isoDate(ctx.now)}`,
  });
}

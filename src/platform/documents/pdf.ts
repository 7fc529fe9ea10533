import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';

// The Roboto files shipped inside the pdfmake package: they cover å ä ö é, and reading them from disk
// means a printout never depends on the network.
const fontDir = path.dirname(
  createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
);

/** Renders a pdfmake document with the bundled fonts and no access to URLs or other files. */
async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  configurePdfmake();
  return pdfmake.createPdf(definition).getBuffer();
}

/**
 * Every document Sömlös prints (a SIP, a consultation's compilation, the annual follow-up, a needs inventory's
 * results) has one page setup: A4 in Swedish, the styles title, subtitle, heading and muted, and a footer with
 * the document's own line on the left and "Sida X av Y" on the right. `metaTitle` is the file's title metadata,
 * which file listings and search indexes show, so a document about a person names its kind only.
 */
export function renderDocumentPdf(document: {
  metaTitle: string;
  content: Content[];
  footer: string;
}): Promise<Buffer> {
  return renderPdf({
    info: { title: document.metaTitle, creator: 'Sömlös', producer: 'Sömlös' },
    language: 'sv-SE',
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 60],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 12, margin: [0, 0, 0, 10] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      muted: { color: '#505a5f' },
    },
    content: document.content,
    footer: (page, pages) => ({
      columns: [
        { text: document.footer },
        { text: `Sida ${page} av ${pages}`, alignment: 'right', width: 'auto' },
      ],
      style: 'muted',
      fontSize: 8.5,
      margin: [50, 20, 50, 0],
    }),
  });
}

// pdfmake's server export is one shared instance, so it is configured on every call rather than once:
// nothing else in the process can then leave other fonts or a laxer policy behind for us. The fonts
// object is fresh each time because pdfmake rewrites its entries while resolving them.
function configurePdfmake(): void {
  const font = (file: string) => path.join(fontDir, file);
  const fonts: TFontDictionary = {
    Roboto: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  };
  pdfmake.setFonts(fonts);
  // Document text is user input; no document of ours needs a URL, and only the font files may be read.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.dirname(path.resolve(file)) === fontDir);
}

import { and, eq } from 'drizzle-orm';
import type { Content } from 'pdfmake/interfaces.js';
import type { CsvCell } from '../../platform/documents/csv.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import { notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { principals } from '../organisations/schema.ts';
import { listPayments } from './payments.ts';

// The monthly invoice basis (fakturaunderlag) per municipality: the days the municipality pays in a month, per
// patient and day, at each day's rule (payment.ts). It is what the region invoices and the municipality checks,
// so each sees its own: a municipality's user only its own municipality's basis, a region's user the stays its
// own unit sent (the access rule's, as for every stay; each read is logged). A basis is never cached.

export type InvoiceBasis = {
  month: string;
  municipality: { id: string; name: string };
  patients: {
    name: string;
    personalIdentityNumber: string;
    days: { day: string; amountSek: number; demoAmount: boolean; disputed: boolean }[];
    totalDays: number;
    totalAmountSek: number;
  }[];
  totalDays: number;
  totalAmountSek: number;
  /** Some day is counted at a demo amount (the law's row as loaded): the files say so. */
  demoAmount: boolean;
};

/** The basis for one municipality of the caller's county and a month; another municipality's is 404 to a municipality. */
export async function readInvoiceBasis(
  ctx: UserContext,
  month: string,
  municipalityId: string,
): Promise<InvoiceBasis> {
  const [municipality] = await ctx.db
    .select({ id: principals.id, name: principals.name })
    .from(principals)
    .where(
      and(
        eq(principals.id, municipalityId),
        eq(principals.kind, 'municipality'),
        eq(principals.countyCode, ctx.user.county.code),
      ),
    );
  if (!municipality) throw notFound();
  if (ctx.user.principal.kind === 'municipality' && ctx.user.principal.id !== municipality.id)
    throw notFound();
  const payments = await listPayments(ctx, month);
  const patients = payments.patients
    .filter((p) => p.municipalityPrincipalId === municipality.id)
    .map((p) => ({
      name: p.person.name,
      personalIdentityNumber: p.person.personalIdentityNumber,
      days: p.days.map((d) => ({
        day: d.day,
        amountSek: d.amountSek,
        demoAmount: d.demoAmount,
        disputed: d.disputeId !== null,
      })),
      totalDays: p.totalDays,
      totalAmountSek: p.totalAmountSek,
    }));
  return {
    month,
    municipality,
    patients,
    totalDays: patients.reduce((s, p) => s + p.totalDays, 0),
    totalAmountSek: patients.reduce((s, p) => s + p.totalAmountSek, 0),
    demoAmount: patients.some((p) => p.days.some((d) => d.demoAmount)),
  };
}

export const demoAmountNote =
  'Beloppet per vårddygn är ett demovärde, inte Socialstyrelsens belopp för året (5 kap. 6 § lagen (2017:612)).';

/** The basis as spreadsheet rows: one row per paid day, through the one CSV writer (platform/documents/csv.ts). */
export function invoiceBasisRows(b: InvoiceBasis): CsvCell[][] {
  const header: CsvCell[] = [
    'Kommun',
    'Månad',
    'Personnummer',
    'Namn',
    'Vårddygn',
    'Belopp (kr)',
    'Demovärde',
    'Bestritt',
  ];
  const rows = b.patients.flatMap((p) =>
    p.days.map((d): CsvCell[] => [
      b.municipality.name,
      b.month,
      p.personalIdentityNumber,
      p.name,
      d.day,
      d.amountSek,
      d.demoAmount ? 'Ja' : 'Nej',
      d.disputed ? 'Ja' : 'Nej',
    ]),
  );
  return [
    header,
    ...rows,
    [b.municipality.name, b.month, 'Summa', '', b.totalDays, b.totalAmountSek, '', ''],
  ];
}

const kr = (sek: number) => `${sek.toLocaleString('sv-SE')} kr`;

/** The basis as a PDF: per patient the days and the sum, then the month's total. */
export function invoiceBasisPdf(b: InvoiceBasis): Promise<Buffer> {
  const title = `Fakturaunderlag ${b.month}: ${b.municipality.name}`;
  const body: Content[] = b.patients.length
    ? b.patients.map((p) => ({
        stack: [
          { text: `${p.name}, ${p.personalIdentityNumber}`, style: 'heading' },
          {
            table: {
              headerRows: 1,
              widths: ['*', 'auto', 'auto'],
              body: [
                ['Vårddygn', 'Belopp', 'Bestritt'],
                ...p.days.map((d) => [d.day, kr(d.amountSek), d.disputed ? 'Ja' : 'Nej']),
                [`${p.totalDays} dygn`, kr(p.totalAmountSek), ''],
              ],
            },
          },
        ],
      }))
    : [{ text: 'Kommunen betalar inga vårddygn den här månaden.' }];
  return renderDocumentPdf({
    metaTitle: `Fakturaunderlag ${b.month}`,
    footer: title,
    content: [
      { text: title, style: 'title' },
      {
        text: 'Kommunens betalningsansvar för utskrivningsklara patienter, lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård 5 kap.',
        style: 'subtitle',
      },
      ...(b.demoAmount ? [{ text: demoAmountNote, bold: true, margin: [0, 0, 0, 8] } as Content] : []),
      ...body,
      { text: `Summa: ${b.totalDays} vårddygn, ${kr(b.totalAmountSek)}`, style: 'heading' },
    ],
  });
}

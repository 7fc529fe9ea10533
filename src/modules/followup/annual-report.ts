import type { Content } from 'pdfmake/interfaces.js';
import { isoDate, isoDateTime } from '../../platform/clock.ts';
import { renderDocumentPdf } from '../../platform/documents/pdf.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { listActionPlans } from './action-plans.ts';
import { calendarOf } from './calendar.ts';
import { dashboardIndicators } from './dashboard.ts';
import { loadYearFigures, refreshState } from './figures.ts';
import { actionPlanLabels } from './labels.ts';
import { cellText, targetText } from './present.ts';
import { countyOrganisations, labelsOf } from './read-dashboard.ts';
import { loadCountyPlan } from './read-plan.ts';

const breakdownGroups = [
  {
    title: 'Avvikelser i samverkan',
    measures: ['deviationsByCategory', 'deviationsByPrincipal', 'deviationsByLevel', 'deviationsByOutcome'],
  },
  { title: 'Tvister', measures: ['disputesByLevelSolved'] },
];

/**
 * The annual follow-up report of the county agreement (Värmland: RKPH's; Örebro: to Samverkansrådet): every
 * indicator's year against its target, deviations and disputes summarised, the action plans and their status,
 * and the follow-up's calendar. A report is passed on beyond whoever prints it, so it is always suppressed as
 * for a reader outside every principal, whoever asks for it.
 */
export async function readAnnualReport(ctx: UserContext, year: number) {
  const countyCode = ctx.user.county.code;
  const plan = await loadCountyPlan(ctx.db, countyCode);
  const orgs = await countyOrganisations(ctx.db, countyCode);
  const labels = await labelsOf(ctx.db, countyCode, orgs);
  const rows = await loadYearFigures(ctx.db, countyCode, year);
  const views = dashboardIndicators(
    plan?.indicators ?? [],
    rows,
    { kind: 'county' },
    year,
    { principalId: '' },
    labels,
  );
  const { refreshedAt } = await refreshState(ctx.db, countyCode);
  const plans = await listActionPlans(ctx.db, countyCode, isoDate(ctx.now));
  const inYear = plans.filter((p) => p.startsOn <= `${year}-12-31` && p.endsOn >= `${year}-01-01`);
  const figure = (v: (typeof views)[number]) => ({
    name: v.name,
    value: cellText(v.total, v),
    n: v.total?.suppressed ? 'dolt' : v.total?.n === null || !v.total ? '–' : String(v.total.n),
    target: targetText(v) || '–',
    met: v.meetsTarget === null ? '–' : v.meetsTarget ? 'Ja' : 'Nej',
    source: v.source === 'manual' ? (v.sourceName ?? '') : 'Sömlös',
  });
  return {
    countyName: ctx.user.county.name,
    year,
    planTitle: plan?.title ?? 'Uppföljning',
    responsible: plan?.responsible ?? 'Parterna i överenskommelsen',
    refreshedAt: refreshedAt ? isoDateTime(refreshedAt) : null,
    indicators: views.filter((v) => v.kind !== 'breakdown').map(figure),
    groups: breakdownGroups.map((g) => ({
      title: g.title,
      tables: views
        .filter((v) => v.measure && g.measures.includes(v.measure))
        .map((v) => ({
          name: v.name,
          rows: v.rows.map((r) => ({ label: r.label, text: cellText(r, v) })),
          total: v.total ? cellText(v.total, v) : null,
        })),
    })),
    actionPlans: inYear.map((p) => ({
      title: p.title,
      owner: p.owner,
      status: actionPlanLabels.status[p.status]!,
      period: `${p.startsOn} – ${p.endsOn}`,
      actions: `${p.done} av ${p.actions} klara${p.overdue ? `, ${p.overdue} försenade` : ''}`,
    })),
    calendar: plan ? await calendarOf(ctx, plan) : [],
    printedAt: isoDate(ctx.now),
  };
}
export type AnnualReport = Awaited<ReturnType<typeof readAnnualReport>>;

const suppressionNote =
  'Antal från 1 till 4 visas som ”dolt”, liksom antal som annars skulle gå att räkna ut ur summan, så att rapporten aldrig pekar ut en person. En median eller andel visas bara där underlaget visas.';

/** The report as a PDF (pdfmake, bundled fonts, no network): the same figures as the page. */
export function annualReportPdf(r: AnnualReport): Promise<Buffer> {
  const head = (cells: string[]) => cells.map((text) => ({ text, bold: true }));
  const table = (header: string[], body: string[][], widths: (string | number)[]): Content => ({
    table: { headerRows: 1, widths, body: [head(header), ...body] },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 12],
  });
  const content: Content[] = [
    { text: `${r.planTitle} ${r.year}`, style: 'title' },
    { text: r.countyName, style: 'subtitle' },
    { text: `Följs upp av: ${r.responsible}.`, margin: [0, 0, 0, 4] },
    {
      text: r.refreshedAt
        ? `Siffrorna från Sömlös uppdaterades ${r.refreshedAt}.`
        : 'Siffrorna från Sömlös har inte räknats fram.',
      margin: [0, 0, 0, 4],
    },
    { text: suppressionNote, fontSize: 9, margin: [0, 0, 0, 12] },
    { text: 'Indikatorer mot mål', style: 'heading' },
    table(
      ['Indikator', 'Värde', 'Underlag', 'Mål', 'Nått', 'Källa'],
      r.indicators.map((i) => [i.name, i.value, i.n, i.target, i.met, i.source]),
      ['*', 'auto', 'auto', 'auto', 'auto', 'auto'],
    ),
    ...r.groups.flatMap((g): Content[] => [
      { text: g.title, style: 'heading' },
      ...g.tables.map((t) =>
        table(
          [t.name, 'Antal'],
          [...t.rows.map((row) => [row.label, row.text]), ...(t.total ? [['Totalt', t.total]] : [])],
          ['*', 'auto'],
        ),
      ),
    ]),
    { text: 'Handlingsplaner', style: 'heading' },
    r.actionPlans.length
      ? table(
          ['Handlingsplan', 'Ägare', 'Period', 'Åtgärder', 'Status'],
          r.actionPlans.map((p) => [p.title, p.owner, p.period, p.actions, p.status]),
          ['*', 'auto', 'auto', 'auto', 'auto'],
        )
      : { text: 'Inga handlingsplaner under året.', margin: [0, 0, 0, 12] },
    { text: 'Kalender', style: 'heading' },
    r.calendar.length
      ? { ul: r.calendar.map((c) => `${c.on} ${c.title}${c.note ? `. ${c.note}` : ''}`) }
      : { text: 'Inga datum är inlagda.' },
  ];
  return renderDocumentPdf({
    metaTitle: `Årlig uppföljning ${r.year}`,
    content,
    footer: `${r.countyName} · Årlig uppföljning ${r.year} · utskriven ${r.printedAt}`,
  });
}

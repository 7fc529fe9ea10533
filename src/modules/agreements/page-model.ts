import type { SectionChange } from './compare-sections.ts';
import { changeSummary, changeTag, months, versionTag } from './labels.ts';
import type { AgreementAggregate, SectionTree } from './load.ts';
import type { presentAgreement } from './present.ts';

// View models the agreement pages share: an agreement's text as headed sections with paragraphs and lists,
// its terms as summary-list rows, its parties with their decisions, and the comparison of two versions.

export type TextBlock = { paragraph: string } | { items: string[] };

/**
 * A section's text as the page shows it: paragraphs split on blank lines, lines starting "- " as a bulleted
 * list; a single line break inside a paragraph is kept (the page shows it as a break).
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    let lines: string[] = [];
    let items: string[] = [];
    const flushLines = () => {
      const paragraph = lines.join('\n').trim();
      if (paragraph) blocks.push({ paragraph });
      lines = [];
    };
    const flushItems = () => {
      if (items.length) blocks.push({ items });
      items = [];
    };
    for (const line of chunk.split('\n')) {
      const item = /^\s*-\s+(.*)$/.exec(line);
      if (item) {
        flushLines();
        items.push(item[1]!.trim());
      } else {
        flushItems();
        lines.push(line);
      }
    }
    flushLines();
    flushItems();
  }
  return blocks;
}

export type SectionView = { key: string; heading: string; level: number; depth: number; blocks: TextBlock[] };

/** The nested sections in reading order, each with its heading level: h2 at the top, then h3, then h4. */
export function sectionViews(tree: SectionTree[]): SectionView[] {
  const walk = (nodes: SectionTree[], depth: number): SectionView[] =>
    nodes.flatMap((s) => [
      { key: s.key, heading: s.heading, level: Math.min(2 + depth, 4), depth, blocks: textBlocks(s.text) },
      ...walk(s.children, depth + 1),
    ]);
  return walk(tree, 0);
}

type Presented = ReturnType<typeof presentAgreement>;
type Terms = {
  startsOn: string | null;
  endsOn: string | null;
  noticeMonths: number | null;
  extensionMonths: number | null;
  noticeRecipient: string | null;
};
type Row = { key: { text: string }; value: { text: string } };

const row = (key: string, value: string | null | undefined, none = 'Anges inte'): Row => ({
  key: { text: key },
  value: { text: value || none },
});

/** A version's terms as summary-list rows. */
export function termRows(t: Terms): Row[] {
  return [
    row('Startdatum', t.startsOn),
    row('Slutdatum', t.endsOn),
    row('Uppsägningstid', months(t.noticeMonths)),
    row(
      'Förlängning',
      t.extensionMonths
        ? `${months(t.extensionMonths)} i taget, om ingen part säger upp den`
        : 'Ingen automatisk förlängning',
    ),
    row('Uppsägning lämnas till', t.noticeRecipient),
  ];
}

/** The agreement's terms with what Sömlös computes from them on the request's day. */
export function validityRows(v: Presented['validity'], notice: string | null): Row[] {
  return [
    ...termRows(v),
    row('Gäller till och med', v.currentEndsOn, v.startsOn || v.endsOn ? 'Anges inte' : 'Tills vidare'),
    row('Sista dag att säga upp', v.noticeDeadline, 'Ingen'),
    row('Uppsägning', notice, 'Ingen part har sagt upp överenskommelsen'),
  ];
}

/** The notice as one line: "2026-11-20 av Arvika kommun". */
export function noticeLine(a: AgreementAggregate): string | null {
  if (!a.noticeGivenOn) return null;
  const by = a.parties.find((p) => p.principalId === a.noticeGivenByPrincipalId)?.name;
  return by ? `${a.noticeGivenOn} av ${by}` : a.noticeGivenOn;
}

/** How many parties have adopted the version that decides the agreement's status. */
export function adoptedCount(parties: Presented['parties']) {
  const adopted = parties.filter((p) => p.adoption).length;
  const total = parties.length;
  return {
    adopted,
    total,
    text:
      total === 0 ? 'Inga parter' : `${adopted} av ${total} ${total === 1 ? 'part' : 'parter'} har antagit`,
  };
}

export const agreementPath = (id: string) => `/overenskommelser/${encodeURIComponent(id)}`;
export const versionPath = (id: string, number: number) => `${agreementPath(id)}/versioner/${number}`;

/** The versions, newest first, with their state as a tag and a link to compare each with the one before. */
export function versionRows(a: AgreementAggregate) {
  return [...a.versions].reverse().map((v) => ({
    number: v.number,
    tag: versionTag(v.state),
    publishedOn: v.publishedOn,
    changeNote: v.changeNote,
    href: versionPath(a.id, v.number),
    compareHref: v.number > 1 ? `${agreementPath(a.id)}/jamfor?fran=${v.number - 1}&till=${v.number}` : null,
  }));
}

/** The comparison page's model: the changed sections in full, the unchanged ones by heading only. */
export function comparisonModel(changes: SectionChange[]) {
  const count = (c: string) => changes.filter((x) => x.change === c).length;
  const counts = { changed: count('changed'), added: count('added'), removed: count('removed') };
  return {
    summary: changeSummary(counts),
    shown: changes
      .filter((c) => c.change !== 'unchanged')
      .map((c) => ({
        key: c.key,
        change: c.change,
        heading: c.heading.after ?? c.heading.before ?? '',
        tag: changeTag(c.change),
        headingBefore:
          c.change === 'changed' && c.heading.before !== c.heading.after ? c.heading.before : null,
        text: c.text,
      })),
    unchanged: changes.filter((c) => c.change === 'unchanged').map((c) => c.heading.after ?? ''),
  };
}

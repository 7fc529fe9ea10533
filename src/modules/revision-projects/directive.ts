import type { DirectiveSection } from './schema.ts';

/** A section as an outline gives it: heading, its own text, and the sections under it. */
export type OutlineSection = { heading: string; text: string; children: OutlineSection[] };

/**
 * An outline as the flat list a version stores, in reading order. Keys come from the position ("s4", then
 * "s4.2" for the second section under it), so a section keeps its key from one version to the next: a change
 * replaces a section's text and never moves it.
 */
export function flattenOutline(
  outline: OutlineSection[],
  parentKey: string | null = null,
): DirectiveSection[] {
  return outline.flatMap((s, i) => {
    const key = parentKey ? `${parentKey}.${i + 1}` : `s${i + 1}`;
    return [{ key, parentKey, heading: s.heading, text: s.text }, ...flattenOutline(s.children, key)];
  });
}

/** The next version's sections: the same sections, this one's text replaced. */
export function replaceSectionText(
  sections: DirectiveSection[],
  key: string,
  text: string,
): DirectiveSection[] {
  return sections.map((s) => (s.key === key ? { ...s, text } : s));
}

/** How deep a section sits (0 for a top section), for headings and indentation. */
export function sectionDepths(sections: DirectiveSection[]): Map<string, number> {
  const parent = new Map(sections.map((s) => [s.key, s.parentKey]));
  return new Map(
    sections.map((s) => {
      let depth = 0;
      for (let p = s.parentKey; p && depth < 20; p = parent.get(p) ?? null) depth++;
      return [s.key, depth];
    }),
  );
}

export type TextPart = { value: string; added: boolean; removed: boolean };

/**
 * Word-by-word parts joined into runs a reader can follow: a stretch of changed words, with the spaces between
 * them, becomes one removed part followed by one added part ("Ersättning utgår ej för" → "Region Dalarna
 * ersätter kommunernas") instead of alternating single words. A change of whitespace alone is no change.
 */
export function joinChangeRuns(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  let removed = '';
  let added = '';
  let inRun = false;
  const flush = () => {
    if (!inRun) return;
    if (!removed.trim() && !added.trim()) {
      if (added) out.push({ value: added, added: false, removed: false });
    } else {
      if (removed) out.push({ value: removed, added: false, removed: true });
      if (added) out.push({ value: added, added: true, removed: false });
    }
    removed = '';
    added = '';
    inRun = false;
  };
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    if (part.added || part.removed) {
      if (part.added) added += part.value;
      else removed += part.value;
      inRun = true;
    } else if (inRun && !part.value.trim() && (next?.added || next?.removed)) {
      removed += part.value;
      added += part.value;
    } else {
      flush();
      out.push(part);
    }
  });
  flush();
  return out;
}

export type TextBlock = { paragraph: string } | { items: string[] };

/**
 * A text as the page shows it: paragraphs, and lines starting with "- " gathered into bullet lists (the way the
 * seed outlines write the documents' bullets).
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const item = /^[-–]\s+(.*)$/.exec(line);
    const last = blocks.at(-1);
    if (!item) blocks.push({ paragraph: line });
    else if (last && 'items' in last) last.items.push(item[1]!);
    else blocks.push({ items: [item[1]!] });
  }
  return blocks;
}

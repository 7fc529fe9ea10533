import { diffWordsWithSpace } from 'diff';

/** A section as compared: the key stays the same from one version to the next (agreements and directives). */
export type ComparableSection = { key: string; parentKey: string | null; heading: string; text: string };

export type SectionChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';
export type TextPart = { value: string; added: boolean; removed: boolean };
export type SectionChange = {
  key: string;
  depth: number;
  change: SectionChangeKind;
  heading: { before: string | null; after: string | null };
  // The text word by word: parts only in the newer version are added, parts only in the older removed.
  text: TextPart[];
};

function depthOf(sections: ComparableSection[]): Map<string, number> {
  const parent = new Map(sections.map((s) => [s.key, s.parentKey]));
  const depth = new Map<string, number>();
  for (const s of sections) {
    let d = 0;
    for (let p = s.parentKey; p && d < 50; p = parent.get(p) ?? null) d++;
    depth.set(s.key, d);
  }
  return depth;
}

function wordDiff(before: string, after: string): TextPart[] {
  return diffWordsWithSpace(before, after).map((p) => ({
    value: p.value,
    added: p.added,
    removed: p.removed,
  }));
}

/**
 * Two versions section by section, in the newer version's reading order; a section that was removed is shown
 * where it stood, after the section that preceded it in the older version.
 */
export function compareSections(older: ComparableSection[], newer: ComparableSection[]): SectionChange[] {
  const olderByKey = new Map(older.map((s) => [s.key, s]));
  const newerKeys = new Set(newer.map((s) => s.key));
  const depthBefore = depthOf(older);
  const depthAfter = depthOf(newer);
  const removedAfter = new Map<string | null, ComparableSection[]>();
  let previousKept: string | null = null;
  for (const s of older) {
    if (newerKeys.has(s.key)) previousKept = s.key;
    else removedAfter.set(previousKept, [...(removedAfter.get(previousKept) ?? []), s]);
  }
  const removed = (after: string | null): SectionChange[] =>
    (removedAfter.get(after) ?? []).map((s) => ({
      key: s.key,
      depth: depthBefore.get(s.key) ?? 0,
      change: 'removed',
      heading: { before: s.heading, after: null },
      text: [{ value: s.text, added: false, removed: true }],
    }));
  const changes: SectionChange[] = removed(null);
  for (const s of newer) {
    const before = olderByKey.get(s.key);
    const same = before && before.heading === s.heading && before.text === s.text;
    changes.push({
      key: s.key,
      depth: depthAfter.get(s.key) ?? 0,
      change: !before ? 'added' : same ? 'unchanged' : 'changed',
      heading: { before: before?.heading ?? null, after: s.heading },
      text: before ? wordDiff(before.text, s.text) : [{ value: s.text, added: true, removed: false }],
    });
    changes.push(...removed(s.key));
  }
  return changes;
}

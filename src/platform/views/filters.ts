import { isoDate, isoDateTime } from '../clock.ts';
import type { ModuleManifest, ViewFilter } from '../modules/manifest.ts';

/** A filter that shows a code's label, or the code itself when it has none (a value the page cannot name). */
export const labelFilter =
  <K extends string>(labels: Readonly<Record<K, string>>) =>
  (code: string): string =>
    (labels as Readonly<Record<string, string>>)[code] ?? code;

/** Two filters for a GOV.UK tag: its text (the code's label) and its class. */
export const tagFilters = <K extends string>(tags: Readonly<Record<K, readonly [string, string]>>) => {
  const of = (code: string) => (tags as Readonly<Record<string, readonly [string, string]>>)[code];
  return { label: (code: string) => of(code)?.[0] ?? code, className: (code: string) => of(code)?.[1] ?? '' };
};

/**
 * The platform's Nunjucks filters: dates. Each module gives the filters for its own codes (its labels.ts) in its
 * manifest's viewFilters; viewFilters() gathers them for the view setup. Templates do no other formatting.
 */
export const filters = {
  isoDate: (v: Date | string | null | undefined) => (v ? isoDate(new Date(v)) : ''),
  isoDateTime: (v: Date | string | null | undefined) => (v ? isoDateTime(new Date(v)) : ''),
};

/** The platform's filters and every manifest's; a name given twice stops the start. */
export function viewFilters(manifests: readonly ModuleManifest[]): Map<string, ViewFilter> {
  const all = new Map<string, ViewFilter>(Object.entries(filters));
  for (const m of manifests)
    for (const [name, fn] of Object.entries(m.viewFilters ?? {})) {
      if (all.has(name)) throw new Error(`view filter ${name} given twice (module ${m.name})`);
      all.set(name, fn);
    }
  return all;
}

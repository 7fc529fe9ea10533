import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type nunjucks from 'nunjucks';

/**
 * Puts our copies under views/govuk/ in place of GOV.UK Frontend's own templates of the same path, for every
 * use. The template path alone is not enough: GOV.UK's macros include one another by relative path
 * (govukInput's template imports "../error-message/macro.njk"), which Nunjucks resolves to the file in
 * node_modules without searching the path again. So the loader is asked for the copy whenever a name points
 * into GOV.UK Frontend's folder. The one copy today is the error message, whose hidden prefix reads "Fel:"
 * instead of "Error:" on every field of every form (a template never has to pass visuallyHiddenText).
 */
export function useGovukOverrides(env: nunjucks.Environment, viewsDir: string, govukDir: string) {
  for (const loader of (env as unknown as { loaders: Loader[] }).loaders) {
    const getSource = loader.getSource.bind(loader);
    loader.getSource = (name: string) => {
      // A name inside GOV.UK Frontend's folder is "govuk/…" relative to it; any other gives "../…" or a path.
      const inGovuk = relative(govukDir, name);
      const copy = inGovuk.startsWith(`govuk${sep}`) ? join(viewsDir, inGovuk) : null;
      return getSource(copy && existsSync(copy) ? copy : name);
    };
  }
}

type Loader = { getSource(name: string): unknown };

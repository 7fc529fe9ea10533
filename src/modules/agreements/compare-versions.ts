import { isoDate } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/http/context.ts';
import { compareSections } from './compare-sections.ts';
import { loadAgreement, loadSections } from './load.ts';

/** Any two versions of an agreement, section by section: what was added, removed and changed. */
export async function compareVersions(ctx: RequestContext, id: string, from: number, to: number) {
  const a = await loadAgreement(ctx.db, id, isoDate(ctx.now));
  const older = a.versions.find((v) => v.number === from);
  const newer = a.versions.find((v) => v.number === to);
  if (!older || !newer) throw notFound('Versionen finns inte.');
  const changes = compareSections(await loadSections(ctx.db, older.id), await loadSections(ctx.db, newer.id));
  return { agreementId: id, from, to, changes };
}

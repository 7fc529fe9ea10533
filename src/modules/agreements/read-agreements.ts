import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/http/context.ts';
import { listAgreementIds, loadAgreement, loadConsultation, loadSections, sectionTree } from './load.ts';
import { nextFollowUpOn, presentAgreement, presentVersion } from './present.ts';
import { agreements } from './schema.ts';
import { inForceFrom } from './status.ts';

// Agreements are public documents (offentliga handlingar): anyone logged in reads every agreement and version;
// without logging in, only what is in force (see the public pages).

/** The county's agreements: the county agreement, local agreements, related agreements. */
export async function listAgreements(ctx: RequestContext, countyCode: string) {
  const today = isoDate(ctx.now);
  const ids = await listAgreementIds(ctx.db, countyCode);
  const list = [];
  for (const id of ids) list.push(presentAgreement(await loadAgreement(ctx.db, id, today)));
  return list;
}

/** One agreement with the sections of its current version. */
export async function readAgreement(ctx: RequestContext, id: string) {
  const a = await loadAgreement(ctx.db, id, isoDate(ctx.now));
  const sections = a.current ? await loadSections(ctx.db, a.current.id) : [];
  return { ...presentAgreement(a), sections: sectionTree(sections) };
}

/** One version with its terms, sections, decisions and consultation. */
export async function readVersion(ctx: RequestContext, id: string, number: number) {
  const a = await loadAgreement(ctx.db, id, isoDate(ctx.now));
  const v = a.versions.find((x) => x.number === number);
  if (!v) throw notFound('Versionen finns inte.');
  return presentVersion(v, await loadSections(ctx.db, v.id), await loadConsultation(ctx.db, v.id));
}

/**
 * The day the version in force came into force (its start, once every party has adopted it), for other modules'
 * dates that count from it (the follow-up's evaluation); null while no version is in force.
 */
export async function inForceSince(ctx: RequestContext, id: string): Promise<string | null> {
  const a = await loadAgreement(ctx.db, id, isoDate(ctx.now));
  if (a.status !== 'inForce' || !a.current) return null;
  return inForceFrom(
    a.current,
    a.parties.map((p) => p.principalId),
  );
}

/** SQL: the title of the agreement with this id, or null; for another module's query (a revision project's). */
export function agreementTitleOf(agreementId: AnyColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select a.title from ${agreements} a where a.id = ${agreementId})`;
}

/**
 * An agreement's two deadlines on `today`, WITHOUT any access check (agreements are not person data; for mail
 * about work): the last day to give notice and the next follow-up.
 */
export async function agreementDeadlines(db: Db, id: string, today: string) {
  const a = await loadAgreement(db, id, today);
  return { noticeDeadline: a.validity.noticeDeadline ?? null, nextFollowUpOn: nextFollowUpOn(a) ?? null };
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { counties, principals, units, users } from '../organisations/schema.ts';
import {
  agreementAdoptions,
  agreementComments,
  agreementConsultationInvitees,
  agreementConsultations,
  agreementParties,
  agreementSections,
  agreements,
  agreementVersions,
} from './schema.ts';
import { agreementStatus, versionState } from './status.ts';

export type AgreementAggregate = Awaited<ReturnType<typeof loadAgreement>>;
export type VersionRow = AgreementAggregate['versions'][number];
export type SectionRow = typeof agreementSections.$inferSelect;

/**
 * One agreement with its parties, every version with the parties' decisions, and what follows from them on
 * `today`: the status, the validity and the version in force. Agreements are public documents, so there is
 * no access rule here; the routes decide who sees drafts. 404 when it does not exist.
 */
export async function loadAgreement(tx: Db, id: string, today: string, forUpdate = false) {
  const query = tx
    .select({ row: agreements, countyName: counties.name })
    .from(agreements)
    .innerJoin(counties, eq(counties.code, agreements.countyCode))
    .where(eq(agreements.id, id));
  const [found] = forUpdate ? await query.for('update', { of: agreements }) : await query;
  if (!found) throw notFound('Överenskommelsen finns inte.');
  const parties = await tx
    .select({ principalId: principals.id, name: principals.name, kind: principals.kind })
    .from(agreementParties)
    .innerJoin(principals, eq(principals.id, agreementParties.principalId))
    .where(eq(agreementParties.agreementId, id))
    .orderBy(asc(principals.kind), asc(principals.name));
  const versionRows = await tx
    .select()
    .from(agreementVersions)
    .where(eq(agreementVersions.agreementId, id))
    .orderBy(asc(agreementVersions.number));
  const adoptions = versionRows.length
    ? await tx
        .select()
        .from(agreementAdoptions)
        .where(
          inArray(
            agreementAdoptions.versionId,
            versionRows.map((v) => v.id),
          ),
        )
    : [];
  const versions = versionRows.map((v) => ({
    ...v,
    adoptions: adoptions.filter((a) => a.versionId === v.id),
  }));
  const partyIds = parties.map((p) => p.principalId);
  const a = found.row;
  const computed = agreementStatus(versions, partyIds, today, a.noticeGivenOn);
  const { validity } = computed;
  // A related agreement is listed as the county agreement names it: applying, with its own decisions elsewhere.
  const related = a.kind === 'related';
  const status = related ? 'inForce' : computed.status;
  const current = related ? (versions.at(-1) ?? null) : computed.current;
  const currentNumber = current?.number ?? null;
  const withState = versions.map((v) => ({ ...v, state: versionState(v, partyIds, today, currentNumber) }));
  const latest = withState.at(-1) ?? null;
  return {
    ...a,
    countyName: found.countyName,
    parties,
    versions: withState,
    status,
    validity,
    current: withState.find((v) => v.number === currentNumber) ?? null,
    // A newer version on its way (draft, consultation, decision or adopted but not yet in force).
    pending: latest && currentNumber !== null && latest.number > currentNumber ? latest : null,
    today,
  };
}

/** One version's sections in reading order (parents before children, by position). */
export async function loadSections(tx: Db, versionId: string): Promise<SectionRow[]> {
  return tx
    .select()
    .from(agreementSections)
    .where(eq(agreementSections.versionId, versionId))
    .orderBy(asc(agreementSections.position));
}

export type SectionTree = { id: string; key: string; heading: string; text: string; children: SectionTree[] };

/** Sections as the nested tree API.md gives: `{id, heading, text, children}`. */
export function sectionTree(rows: SectionRow[]): SectionTree[] {
  const byParent = new Map<string | null, SectionRow[]>();
  for (const r of rows) byParent.set(r.parentKey, [...(byParent.get(r.parentKey) ?? []), r]);
  const build = (parent: string | null, depth: number): SectionTree[] =>
    depth > 20
      ? []
      : (byParent.get(parent) ?? []).map((r) => ({
          id: r.id,
          key: r.key,
          heading: r.heading,
          text: r.text,
          children: build(r.key, depth + 1),
        }));
  return build(null, 0);
}

/** The consultation on a version, its invited organisations and the comments with their answers; null if none. */
export async function loadConsultation(tx: Db, versionId: string) {
  const [consultation] = await tx
    .select()
    .from(agreementConsultations)
    .where(eq(agreementConsultations.versionId, versionId));
  if (!consultation) return null;
  const invitees = await tx
    .select({ principalId: principals.id, name: principals.name, kind: principals.kind })
    .from(agreementConsultationInvitees)
    .innerJoin(principals, eq(principals.id, agreementConsultationInvitees.principalId))
    .where(eq(agreementConsultationInvitees.versionId, versionId))
    .orderBy(asc(principals.name));
  const comments = await tx
    .select({
      comment: agreementComments,
      principalName: principals.name,
      unitName: units.name,
    })
    .from(agreementComments)
    .innerJoin(principals, eq(principals.id, agreementComments.principalId))
    .innerJoin(users, eq(users.id, agreementComments.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(agreementComments.versionId, versionId))
    .orderBy(asc(agreementComments.at), asc(agreementComments.id));
  return {
    ...consultation,
    invitees,
    comments: comments.map((c) => ({ ...c.comment, principalName: c.principalName, unitName: c.unitName })),
  };
}

/** Agreements of a county, newest kind order: county agreement first, then local, then related. */
export async function listAgreementIds(tx: Db, countyCode: string, kinds?: string[]) {
  const rows = await tx
    .select({ id: agreements.id, kind: agreements.kind, title: agreements.title })
    .from(agreements)
    .where(
      and(
        eq(agreements.countyCode, countyCode),
        kinds ? inArray(agreements.kind, kinds as ('county' | 'local' | 'related')[]) : undefined,
      ),
    )
    .orderBy(asc(agreements.kind), asc(agreements.title));
  return rows.map((r) => r.id);
}

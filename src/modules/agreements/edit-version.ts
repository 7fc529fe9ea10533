import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDraft, type Change, changeAgreement, versionOf } from './change.ts';
import './events.ts';
import { loadSections, type SectionRow } from './load.ts';
import { agreementSections, agreementVersions } from './schema.ts';
import { termProblems, type ValidityTerms } from './validity.ts';

export type TermsInput = ValidityTerms & { noticeRecipient: string | null; changeNote: string | null };
export type SectionInput = { heading: string; text: string };

/**
 * Drafts the next version from the newest one: the same terms and sections, with the same section keys so
 * the two can be compared. One version at a time is on its way (409 while another is).
 */
export function draftVersion(ctx: UserContext, id: string) {
  return changeAgreement(ctx, id, async ({ tx, a }) => {
    const open = a.versions.find((v) => ['draft', 'consultation', 'decision', 'adopted'].includes(v.state));
    if (open) throw conflict(`Version ${open.number} är redan under arbete. Gör klart den först.`);
    const from = a.versions.at(-1);
    const number = (from?.number ?? 0) + 1;
    const versionId = randomUUID();
    await tx.insert(agreementVersions).values({
      id: versionId,
      agreementId: id,
      number,
      stage: 'draft',
      createdAt: ctx.now,
      createdByUserId: ctx.user.id,
      startsOn: from?.startsOn ?? null,
      endsOn: from?.endsOn ?? null,
      noticeMonths: from?.noticeMonths ?? null,
      extensionMonths: from?.extensionMonths ?? null,
      noticeRecipient: from?.noticeRecipient ?? null,
    });
    const sections = from ? await loadSections(tx, from.id) : [];
    if (sections.length) {
      await tx.insert(agreementSections).values(sections.map((s) => ({ ...s, id: randomUUID(), versionId })));
    }
    await recordEvent(
      tx,
      ctx,
      'agreement.versionDrafted',
      { type: 'agreement', id },
      { agreementId: id, number },
    );
  });
}

/** Changes a draft's terms and change note; contradicting dates are 422 with the field named. */
export function updateTerms(ctx: UserContext, id: string, number: number, input: TermsInput) {
  return editDraft(ctx, id, number, 'terms', async ({ tx }, v) => {
    const problems = termProblems(input);
    if (problems.length) throw unprocessable('Datumen och tiderna går inte ihop.', problems);
    await tx.update(agreementVersions).set(input).where(eq(agreementVersions.id, v.id));
  });
}

/** Changes one section's heading and text in a draft. */
export function saveSection(ctx: UserContext, id: string, number: number, key: string, input: SectionInput) {
  return editDraft(ctx, id, number, 'section', async ({ tx }, v) => {
    const sections = await loadSections(tx, v.id);
    if (!sections.some((s) => s.key === key)) throw notFound('Avsnittet finns inte.');
    await tx
      .update(agreementSections)
      .set(input)
      .where(and(eq(agreementSections.versionId, v.id), eq(agreementSections.key, key)));
  });
}

/** Adds a section last among the parent's sections (or last in the agreement); returns its key. */
export function addSection(
  ctx: UserContext,
  id: string,
  number: number,
  input: SectionInput & { parentKey: string | null },
) {
  return editDraft(ctx, id, number, 'sectionAdded', async ({ tx }, v) => {
    const sections = await loadSections(tx, v.id);
    if (input.parentKey && !sections.some((s) => s.key === input.parentKey))
      throw unprocessable('Det överordnade avsnittet finns inte.', [
        { path: 'parentKey', message: 'Välj ett avsnitt som finns i versionen.' },
      ]);
    const at = insertionPoint(sections, input.parentKey);
    const key = `n${randomUUID().slice(0, 8)}`;
    const row = {
      id: randomUUID(),
      versionId: v.id,
      key,
      parentKey: input.parentKey,
      position: 0,
      heading: input.heading,
      text: input.text,
    };
    await renumber(tx, [...sections.slice(0, at), row as SectionRow, ...sections.slice(at)], v.id, row);
  });
}

/** Removes a section and everything under it from a draft. */
export function removeSection(ctx: UserContext, id: string, number: number, key: string) {
  return editDraft(ctx, id, number, 'sectionRemoved', async ({ tx }, v) => {
    const sections = await loadSections(tx, v.id);
    if (!sections.some((s) => s.key === key)) throw notFound('Avsnittet finns inte.');
    const gone = new Set([key]);
    for (const s of sections) if (s.parentKey && gone.has(s.parentKey)) gone.add(s.key);
    await tx
      .delete(agreementSections)
      .where(and(eq(agreementSections.versionId, v.id), inArray(agreementSections.key, [...gone])));
  });
}

function editDraft(
  ctx: UserContext,
  id: string,
  number: number,
  what: string,
  edit: (c: Change, v: ReturnType<typeof versionOf>) => Promise<void>,
) {
  return changeAgreement(ctx, id, async (c) => {
    const v = versionOf(c.a, number);
    assertDraft(v);
    await edit(c, v);
    await recordEvent(
      c.tx,
      ctx,
      'agreement.versionEdited',
      { type: 'agreement', id },
      { agreementId: id, number, what },
    );
  });
}

/** The index after the parent's last descendant (sections are stored in reading order). */
function insertionPoint(sections: SectionRow[], parentKey: string | null): number {
  if (!parentKey) return sections.length;
  const inside = new Set([parentKey]);
  let at = sections.findIndex((s) => s.key === parentKey) + 1;
  while (at < sections.length && sections[at]!.parentKey && inside.has(sections[at]!.parentKey!)) {
    inside.add(sections[at]!.key);
    at++;
  }
  return at;
}

/** Stores the reading order again after an insertion: positions are 1, 2, 3… */
async function renumber(tx: Db, ordered: SectionRow[], versionId: string, added: SectionRow) {
  await tx.insert(agreementSections).values({ ...added, position: -1 });
  for (const [i, s] of ordered.entries()) {
    if (s.position === i + 1 && s.id !== added.id) continue;
    await tx
      .update(agreementSections)
      .set({ position: i + 1 })
      .where(and(eq(agreementSections.versionId, versionId), eq(agreementSections.id, s.id)));
  }
}

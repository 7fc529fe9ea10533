import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { principals } from '../organisations/schema.ts';
import { changeAgreement } from './change.ts';
import { administers, notAdministrator } from './policy.ts';
import './events.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate } from '../../platform/clock.ts';
import { loadAgreement } from './load.ts';
import { presentAgreement } from './present.ts';
import {
  agreementParties,
  agreementSections,
  agreements,
  agreementTemplateHeadings,
  agreementVersions,
} from './schema.ts';

/** Sörmland §22: local agreements are followed up every second year, unless a party asks for it earlier. */
export const localFollowUpMonths = 24;

/** A county's template for local agreements (Sörmland §2; Värmland's local routines), in order. */
export function countyTemplate(db: Db, countyCode: string) {
  return db
    .select()
    .from(agreementTemplateHeadings)
    .where(eq(agreementTemplateHeadings.countyCode, countyCode))
    .orderBy(asc(agreementTemplateHeadings.position));
}

export type LocalAgreementInput = { title: string; scope: string; principalIds: string[] };

/**
 * Creates a local agreement (Sörmland §2) under the county agreement: a first draft whose sections are the
 * county template's headings, with the region and the chosen municipalities as parties.
 */
export function createLocalAgreement(
  ctx: UserContext,
  countyAgreementId: string,
  input: LocalAgreementInput,
) {
  const today = isoDate(ctx.now);
  return inTransaction(ctx.db, async (tx) => {
    const county = await loadAgreement(tx, countyAgreementId, today);
    if (county.kind !== 'county')
      throw conflict('En lokal överenskommelse hör till en länsövergripande överenskommelse.');
    if (!administers(ctx.user, county)) throw notAdministrator();
    const chosen = [...new Set(input.principalIds)];
    const found = chosen.length
      ? await tx
          .select({ id: principals.id, kind: principals.kind })
          .from(principals)
          .where(and(inArray(principals.id, chosen), eq(principals.countyCode, county.countyCode)))
      : [];
    if (chosen.length === 0 || found.length !== chosen.length || found.some((p) => p.kind !== 'municipality'))
      throw unprocessable('Välj kommunerna som den lokala överenskommelsen gäller.', [
        { path: 'principalIds', message: 'Välj minst en kommun i länet.' },
      ]);
    const template = await countyTemplate(tx, county.countyCode);
    if (template.length === 0) throw conflict('Länet har ingen mall för lokala överenskommelser.');
    const id = randomUUID();
    const region = county.parties.filter((p) => p.kind === 'region').map((p) => p.principalId);
    await tx.insert(agreements).values({
      id,
      countyCode: county.countyCode,
      kind: 'local',
      title: input.title,
      parentAgreementId: county.id,
      scope: input.scope,
      followUpMonths: localFollowUpMonths,
      createdAt: ctx.now,
    });
    await tx
      .insert(agreementParties)
      .values([...region, ...chosen].map((principalId) => ({ agreementId: id, principalId })));
    const versionId = randomUUID();
    await tx.insert(agreementVersions).values({
      id: versionId,
      agreementId: id,
      number: 1,
      stage: 'draft',
      createdAt: ctx.now,
      createdByUserId: ctx.user.id,
    });
    await tx.insert(agreementSections).values(
      template.map((t) => ({
        id: randomUUID(),
        versionId,
        key: `t${t.position}`,
        parentKey: null,
        position: t.position,
        heading: t.heading,
        text: '',
      })),
    );
    await recordEvent(
      tx,
      ctx,
      'agreement.localCreated',
      { type: 'agreement', id },
      {
        agreementId: id,
        parentAgreementId: county.id,
      },
    );
    return presentAgreement(await loadAgreement(tx, id, today));
  });
}

/** Records that a local agreement was followed up; the next reminder comes a follow-up period later. */
export function recordFollowUp(ctx: UserContext, id: string, input: { on: string }) {
  return changeAgreement(ctx, id, async ({ tx, a, today }) => {
    if (a.kind !== 'local') throw conflict('Bara lokala överenskommelser följs upp här.');
    if (input.on > today)
      throw unprocessable('Uppföljningen kan inte ligga i framtiden.', [
        { path: 'on', message: 'Datum för uppföljningen kan inte ligga i framtiden.' },
      ]);
    await tx.update(agreements).set({ lastFollowedUpOn: input.on }).where(eq(agreements.id, id));
    await recordEvent(
      tx,
      ctx,
      'agreement.followedUp',
      { type: 'agreement', id },
      { agreementId: id, on: input.on },
    );
  });
}

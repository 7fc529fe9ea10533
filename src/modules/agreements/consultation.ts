import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { principals } from '../organisations/schema.ts';
import { assertDraft, changeAgreement, versionOf } from './change.ts';
import { invitedToComment } from './policy.ts';
import './events.ts';
import { loadConsultation, loadSections } from './load.ts';
import {
  agreementComments,
  agreementConsultationInvitees,
  agreementConsultations,
  agreementVersions,
} from './schema.ts';

// Consultation (remiss, HSL 16 kap. 3 § and SoL: user organisations should be able to give their views): a
// draft is published to chosen organisations until a date; they comment section by section until then; every
// comment gets an answer from the agreement's administrators before the version goes to the parties.

/** Publishes a draft for consultation with the chosen organisations of the county, until `closesOn`. */
export function openConsultation(
  ctx: UserContext,
  id: string,
  number: number,
  input: { closesOn: string; inviteePrincipalIds: string[] },
) {
  return changeAgreement(ctx, id, async ({ tx, a, today }) => {
    const v = versionOf(a, number);
    assertDraft(v);
    if (input.closesOn <= today)
      throw unprocessable('Remisstiden måste gå ut efter i dag.', [
        { path: 'closesOn', message: 'Sista dag för synpunkter måste vara efter i dag.' },
      ]);
    const invited = [...new Set(input.inviteePrincipalIds)];
    const known = invited.length
      ? await tx
          .select({ id: principals.id })
          .from(principals)
          .where(and(inArray(principals.id, invited), eq(principals.countyCode, a.countyCode)))
      : [];
    if (invited.length === 0 || known.length !== invited.length)
      throw unprocessable('Välj vilka organisationer i länet remissen går till.', [
        { path: 'inviteePrincipalIds', message: 'Välj minst en organisation i länet.' },
      ]);
    await tx
      .update(agreementVersions)
      .set({ stage: 'consultation', publishedOn: today })
      .where(eq(agreementVersions.id, v.id));
    await tx
      .insert(agreementConsultations)
      .values({ versionId: v.id, closesOn: input.closesOn, openedByUserId: ctx.user.id, openedAt: ctx.now });
    await tx
      .insert(agreementConsultationInvitees)
      .values(invited.map((principalId) => ({ versionId: v.id, principalId })));
    await recordEvent(
      tx,
      ctx,
      'agreement.consultationOpened',
      { type: 'agreement', id },
      {
        agreementId: id,
        number,
        closesOn: input.closesOn,
        invitees: invited.length,
      },
    );
  });
}

/** An invited organisation's comment on one section, until the closing date (after it: 409). */
export function commentOnSection(
  ctx: UserContext,
  id: string,
  number: number,
  input: { sectionKey: string; text: string },
) {
  return changeAgreement(
    ctx,
    id,
    async ({ tx, a, today }) => {
      const v = versionOf(a, number);
      const consultation = await loadConsultation(tx, v.id);
      if (!consultation) throw conflict('Versionen är inte ute på remiss.');
      if (!invitedToComment(ctx.user, consultation))
        throw forbidden('Din organisation är inte inbjuden att lämna synpunkter på den här remissen.');
      if (v.stage !== 'consultation' || today > consultation.closesOn)
        throw conflict(`Remisstiden gick ut ${consultation.closesOn}. Synpunkter kan inte längre lämnas.`);
      const sections = await loadSections(tx, v.id);
      if (!sections.some((s) => s.key === input.sectionKey))
        throw unprocessable('Avsnittet finns inte i versionen.', [
          { path: 'sectionKey', message: 'Välj ett avsnitt i versionen.' },
        ]);
      const commentId = randomUUID();
      await tx.insert(agreementComments).values({
        id: commentId,
        versionId: v.id,
        sectionKey: input.sectionKey,
        principalId: ctx.user.principal.id,
        userId: ctx.user.id,
        text: input.text,
        at: ctx.now,
      });
      await recordEvent(
        tx,
        ctx,
        'agreement.commented',
        { type: 'agreement', id },
        { agreementId: id, number, commentId },
      );
    },
    // Whether the caller's organisation is invited is checked inside, with the consultation at hand.
    () => true,
  );
}

/** The administrators answer a comment; each comment gets one answer. */
export function answerComment(
  ctx: UserContext,
  id: string,
  number: number,
  commentId: string,
  answer: string,
) {
  return changeAgreement(ctx, id, async ({ tx, a }) => {
    const v = versionOf(a, number);
    const consultation = await loadConsultation(tx, v.id);
    const comment = consultation?.comments.find((c) => c.id === commentId);
    if (!comment) throw notFound('Synpunkten finns inte.');
    if (comment.answer !== null) throw conflict('Synpunkten är redan besvarad.');
    await tx
      .update(agreementComments)
      .set({ answer, answeredByUserId: ctx.user.id, answeredAt: ctx.now })
      .where(eq(agreementComments.id, commentId));
    await recordEvent(
      tx,
      ctx,
      'agreement.commentAnswered',
      { type: 'agreement', id },
      { agreementId: id, number, commentId },
    );
  });
}

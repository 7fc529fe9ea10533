import { eq } from 'drizzle-orm';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { changeAgreement, versionOf } from './change.ts';
import './events.ts';
import { loadConsultation } from './load.ts';
import { agreementAdoptions, agreements, agreementVersions } from './schema.ts';

/**
 * Sends a version to the parties for their decisions. From consultation, only after the closing date and
 * with every comment answered; from that moment the text is fixed.
 */
export function sendForDecision(ctx: UserContext, id: string, number: number) {
  return changeAgreement(ctx, id, async ({ tx, a, today }) => {
    const v = versionOf(a, number);
    if (v.stage === 'decision') throw conflict('Versionen är redan skickad till parterna för beslut.');
    if (v.stage === 'consultation') {
      const consultation = await loadConsultation(tx, v.id);
      if (consultation && today <= consultation.closesOn)
        throw conflict(`Remisstiden går ut ${consultation.closesOn}. Vänta tills den har gått ut.`);
      const unanswered = consultation?.comments.filter((c) => c.answer === null).length ?? 0;
      if (unanswered > 0)
        throw conflict(
          `${unanswered} ${unanswered === 1 ? 'synpunkt är' : 'synpunkter är'} inte besvarade än.`,
        );
    }
    await tx
      .update(agreementVersions)
      .set({ stage: 'decision', publishedOn: v.publishedOn ?? today })
      .where(eq(agreementVersions.id, v.id));
    await recordEvent(
      tx,
      ctx,
      'agreement.sentForDecision',
      { type: 'agreement', id },
      { agreementId: id, number },
    );
  });
}

export type AdoptionInput = { principalId: string; decidedOn: string; body: string; reference: string };

/**
 * Records a party's decision to adopt a version: its body, date and reference. An agreement administrator of
 * a party records it from the party's minutes; the record keeps who did.
 */
export function recordAdoption(ctx: UserContext, id: string, number: number, input: AdoptionInput) {
  return changeAgreement(ctx, id, async ({ tx, a, today }) => {
    const v = versionOf(a, number);
    if (v.stage !== 'decision') throw conflict('Versionen är inte skickad till parterna för beslut än.');
    if (!a.parties.some((p) => p.principalId === input.principalId))
      throw unprocessable('Bara parterna antar överenskommelsen.', [
        { path: 'principalId', message: 'Välj en av överenskommelsens parter.' },
      ]);
    if (v.adoptions.some((x) => x.principalId === input.principalId))
      throw conflict('Partens beslut är redan registrerat.');
    const problems = [];
    if (input.decidedOn > today)
      problems.push({ path: 'decidedOn', message: 'Beslutsdatum kan inte ligga i framtiden.' });
    if (v.publishedOn && input.decidedOn < v.publishedOn)
      problems.push({
        path: 'decidedOn',
        message: `Beslutet kan inte vara före ${v.publishedOn}, då versionen publicerades.`,
      });
    if (problems.length) throw unprocessable('Beslutsdatumet stämmer inte.', problems);
    await tx.insert(agreementAdoptions).values({
      versionId: v.id,
      ...input,
      recordedByUserId: ctx.user.id,
      recordedAt: ctx.now,
    });
    await recordEvent(
      tx,
      ctx,
      'agreement.adopted',
      { type: 'agreement', id },
      {
        agreementId: id,
        number,
        principalId: input.principalId,
        decidedOn: input.decidedOn,
      },
    );
  });
}

/** Records a party's notice; it ends the agreement at the end of the period the notice period allows. */
export function giveNotice(ctx: UserContext, id: string, input: { principalId: string; givenOn: string }) {
  return changeAgreement(ctx, id, async ({ tx, a, today }) => {
    if (a.status !== 'inForce') throw conflict('Bara en gällande överenskommelse kan sägas upp.');
    if (a.noticeGivenOn) throw conflict(`Överenskommelsen är redan uppsagd (${a.noticeGivenOn}).`);
    if (!a.parties.some((p) => p.principalId === input.principalId))
      throw unprocessable('Bara en part kan säga upp överenskommelsen.', [
        { path: 'principalId', message: 'Välj en av överenskommelsens parter.' },
      ]);
    if (input.givenOn > today)
      throw unprocessable('Uppsägningen kan inte vara daterad i framtiden.', [
        { path: 'givenOn', message: 'Datum för uppsägningen kan inte ligga i framtiden.' },
      ]);
    await tx
      .update(agreements)
      .set({
        noticeGivenOn: input.givenOn,
        noticeGivenByPrincipalId: input.principalId,
        noticeRecordedByUserId: ctx.user.id,
      })
      .where(eq(agreements.id, id));
    await recordEvent(
      tx,
      ctx,
      'agreement.noticeGiven',
      { type: 'agreement', id },
      { agreementId: id, ...input },
    );
  });
}

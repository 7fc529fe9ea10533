import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { ageOn } from '../../platform/people/identity-number.ts';
import { principals } from '../organisations/schema.ts';
import './events.ts';
import { assertNoProblems, type ConsentGiver, checkGiver, type StatedGiver } from './change-consent.ts';
import { loadSip } from './load.ts';
import { recordParticipation } from './participation.ts';
import { assertConvening, assertOpen } from './policy.ts';
import { presentSip } from './present.ts';
import { type decisionParticipants, sipConsentPrincipals, sipConsents, sips } from './schema.ts';

export type ConsentInput = {
  givenAt: string;
  form: 'written' | 'verbal';
  principalIds: string[];
  relativesMayTakePart: boolean;
  decisionParticipants?: (typeof decisionParticipants)[number][] | undefined;
  otherParties?: string[] | undefined;
  guardians?: { name: string }[] | undefined;
  givenBy?: StatedGiver;
};

/** Records the person's consent: the SIP becomes active and the named principals may share information. */
export function recordConsent(ctx: UserContext, sipId: string, input: ConsentInput) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    assertOpen(sip);
    assertConvening(ctx, sip, 'registrera samtycke');
    if (sip.consent) throw conflict('Samtycke är redan registrerat för denna SIP.');
    const principalIds = [...new Set(input.principalIds)];
    assertGivenAt(input.givenAt, isoDate(ctx.now));
    await assertPrincipalsValid(tx, principalIds, sip.conveningPrincipalId);
    const { guardians, giver } = whoGave(grant.person.personalIdentityNumber, input);
    const participants = [
      ...(input.decisionParticipants ?? []),
      ...(guardians.length ? ['guardian' as const] : []),
      ...(giver.capacity === 'legalRepresentative' ? ['trustee' as const] : []),
    ];
    await tx.insert(sipConsents).values({
      sipId,
      givenOn: input.givenAt,
      form: input.form,
      relativesMayTakePart: input.relativesMayTakePart,
      decisionParticipants: [...new Set(participants)],
      otherParties: (input.otherParties ?? []).map((p) => p.trim()).filter(Boolean),
      guardians,
      givenBy: giver.capacity,
      givenByName: giver.name,
      recordedAt: ctx.now,
      recordedBy: ctx.user.id,
    });
    await tx.insert(sipConsentPrincipals).values(principalIds.map((principalId) => ({ sipId, principalId })));
    await recordParticipation(tx, sipId);
    await tx.update(sips).set({ status: 'active' }).where(eq(sips.id, sipId));
    await recordEvent(
      tx,
      ctx,
      'sip.consentRecorded',
      { type: 'sip', id: sipId },
      {
        sipId,
        givenOn: input.givenAt,
        form: input.form,
        principalCount: principalIds.length,
      },
    );
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

function assertGivenAt(givenAt: string, today: string) {
  if (givenAt > today) {
    const message = 'Samtycket kan inte vara givet ett datum som inte har kommit än.';
    throw unprocessable(message, [{ path: 'givenAt', message }]);
  }
}

/**
 * Who gave the consent (change-consent.ts checkGiver, the rule for every change of it too). A person under 18 on
 * the day of consent: the guardians (vårdnadshavare) consent on the child's behalf, so at least one must be
 * named, in `guardians` or as `givenBy`; the giver is then the guardians, by name. For an adult no guardians are
 * kept: the person, or a legal representative (god man, förvaltare) by name.
 */
function whoGave(identityNumber: string, input: ConsentInput) {
  const named = (input.guardians ?? []).map((g) => ({ name: g.name.trim() })).filter((g) => g.name);
  if (ageOn(identityNumber, input.givenAt) >= 18 || input.givenBy) {
    const { giver, problems } = checkGiver(identityNumber, input.givenAt, input.givenBy);
    assertNoProblems(problems);
    const guardians = giver.capacity !== 'guardian' ? [] : named.length ? named : [{ name: giver.name! }];
    return { guardians, giver };
  }
  if (named.length === 0) {
    const message = 'Personen är under 18 år: ange vilken vårdnadshavare som har lämnat samtycke.';
    throw unprocessable(message, [{ path: 'guardians', message }]);
  }
  const giver: ConsentGiver = { capacity: 'guardian', name: named.map((g) => g.name).join(', ') };
  return { guardians: named, giver };
}

async function assertPrincipalsValid(tx: Db, principalIds: string[], conveningPrincipalId: string) {
  if (!principalIds.includes(conveningPrincipalId)) {
    const message = 'Samtycket måste omfatta den sammankallande huvudmannen.';
    throw unprocessable(message, [{ path: 'principalIds', message }]);
  }
  const known = await tx
    .select({ id: principals.id })
    .from(principals)
    .where(inArray(principals.id, principalIds));
  if (known.length !== principalIds.length) {
    const message = 'En eller flera huvudmän i samtycket finns inte.';
    throw unprocessable(message, [{ path: 'principalIds', message }]);
  }
}

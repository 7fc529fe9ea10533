import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import {
  assertNoProblems,
  changeDateProblems,
  checkGiver,
  consentToWithdraw,
  type StatedGiver,
  withdrawWholeConsent,
} from './change-consent.ts';
import { loadSip } from './load.ts';
import { assertConvening, assertOpen } from './policy.ts';
import { presentSip } from './present.ts';

/**
 * The person withdraws consent, recorded by the convening unit: the SIP closes and sharing stops at once, because
 * the access rule requires consent in force for every unit but the convening one. The person may also do it
 * themself with e-ID (my-plans), through the same withdrawWholeConsent. As every change of the consent (issue
 * 22): dated neither in the future nor before the consent, with who gave it (a guardian for a child).
 */
export function withdrawConsent(
  ctx: UserContext,
  sipId: string,
  input: { withdrawnAt: string; givenBy?: StatedGiver },
) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    assertOpen(sip);
    assertConvening(ctx, sip, 'registrera att samtycket återkallats');
    const consent = consentToWithdraw(sip);
    const on = input.withdrawnAt;
    const { giver, problems } = checkGiver(grant.person.personalIdentityNumber, on, input.givenBy);
    assertNoProblems([
      ...changeDateProblems(consent.givenOn, isoDate(ctx.now), on, 'withdrawnAt'),
      ...problems,
    ]);
    await withdrawWholeConsent(tx, ctx.now, sip, on, { kind: 'staff', user: ctx.user, givenBy: giver });
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

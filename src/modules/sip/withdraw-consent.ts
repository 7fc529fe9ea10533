import { changePersonData } from '../../platform/access/access-layer.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { withdrawWholeConsent } from './change-consent.ts';
import { loadSip } from './load.ts';
import { assertConvening, assertOpen } from './policy.ts';
import { presentSip } from './present.ts';

/**
 * The person withdraws consent, recorded by the convening unit: the SIP closes and sharing stops at once, because
 * the access rule requires consent in force for every unit but the convening one. The person may also do it
 * themself with e-ID (my-plans), through the same withdrawWholeConsent.
 */
export function withdrawConsent(ctx: UserContext, sipId: string, input: { withdrawnAt: string }) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    assertOpen(sip);
    assertConvening(ctx, sip, 'registrera att samtycket återkallats');
    await withdrawWholeConsent(tx, ctx.now, sip, input.withdrawnAt, { kind: 'staff', user: ctx.user });
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

import { eq } from 'drizzle-orm';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { assertConvening, assertOpen } from './policy.ts';
import { presentSip } from './present.ts';
import { sipConsents, sips } from './schema.ts';

/**
 * The person withdraws consent: the SIP closes and sharing stops at once, because the access rule requires
 * consent in force for every unit but the convening one.
 */
export function withdrawConsent(ctx: UserContext, sipId: string, input: { withdrawnAt: string }) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    assertOpen(sip);
    assertConvening(ctx, sip, 'registrera att samtycket återkallats');
    if (!sip.consent) throw conflict('Det finns inget samtycke att återkalla.');
    await tx.update(sipConsents).set({ withdrawnOn: input.withdrawnAt }).where(eq(sipConsents.sipId, sipId));
    await tx
      .update(sips)
      .set({ status: 'closed', closureReason: 'consentWithdrawn', closedOn: input.withdrawnAt })
      .where(eq(sips.id, sipId));
    await recordEvent(
      tx,
      ctx,
      'sip.consentWithdrawn',
      { type: 'sip', id: sipId },
      { sipId, withdrawnOn: input.withdrawnAt },
    );
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

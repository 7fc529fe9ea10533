import { eq } from 'drizzle-orm';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { assertConvening, assertOpen } from './policy.ts';
import { presentSip } from './present.ts';
import { sips } from './schema.ts';

export type ClosureInput = {
  reason: 'goalsMet' | 'noConsent' | 'moved' | 'deceased' | 'other';
  note?: string | undefined;
};

/** Ends the SIP with a reason; from then on it is read-only. Consent withdrawal has its own use case. */
export function closeSip(ctx: UserContext, sipId: string, input: ClosureInput) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    assertOpen(sip);
    assertConvening(ctx, sip, 'avsluta SIP:en');
    if (input.reason === 'noConsent' && sip.consent)
      throw conflict(
        'Personen har lämnat samtycke. Välj ett annat skäl, eller registrera att samtycket återkallas.',
      );
    await tx
      .update(sips)
      .set({
        status: 'closed',
        closureReason: input.reason,
        closureNote: input.note?.trim() || null,
        closedOn: isoDate(ctx.now),
      })
      .where(eq(sips.id, sipId));
    await recordEvent(tx, ctx, 'sip.closed', { type: 'sip', id: sipId }, { sipId, reason: input.reason });
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

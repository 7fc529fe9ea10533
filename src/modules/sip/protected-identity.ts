import { markIdentityProtected } from '../../platform/access/access-layer.ts';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { loadSip } from './load.ts';
import { assertConvening } from './policy.ts';
import { presentSip } from './present.ts';

export const alreadyProtectedMessage = 'Personen är redan markerad med skyddade personuppgifter.';

/**
 * The convening unit marks the SIP's person as having protected identity (issue 22 item 10), open or closed SIP
 * alike. From then on the person is named only on the SIP's own page, to those with access: lists, the overview,
 * Mitt arbete, the PDF and the letter say "Skyddade personuppgifter" (presentPerson); notices, mails and calendar
 * files never name anyone. The flag is the person's, so every SIP about them follows. There is no unmarking here.
 */
export function markProtectedIdentity(ctx: UserContext, sipId: string) {
  return markIdentityProtected(
    ctx,
    { type: 'sip', id: sipId },
    async (tx, grant) => {
      assertConvening(ctx, await loadSip(tx, sipId), 'markera skyddade personuppgifter');
      if (grant.person.protectedIdentity) throw conflict(alreadyProtectedMessage);
    },
    async (tx, grant) => {
      await recordEvent(
        tx,
        ctx,
        'sip.identityProtected',
        { type: 'sip', id: sipId },
        { sipId, unitId: ctx.user.unit.id },
      );
      return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
    },
  );
}

import type { UserContext } from '../../platform/http/context.ts';
import { startSip } from '../sip/index.ts';

/** The plan kind of a SIP called at discharge from inpatient care (samverkan vid utskrivning). */
export const dischargeSipKind = 'SPU';

/**
 * Starts the stay's SIP through the SIP module's public use case, convened by the caller's unit (the fasta
 * vårdkontakt's), in the caller's transaction (ctx.db is the stay's transaction). Consent is then recorded on
 * the SIP as for every SIP.
 *
 * The one place the plan kind is passed: the SIP module on this base takes no kind yet. When its start use case
 * takes one, pass `kind: dischargeSipKind` here and nowhere else.
 */
export function startDischargeSip(
  ctx: UserContext,
  person: { personalIdentityNumber: string; name: string },
) {
  return startSip(ctx, {
    person,
    reason: 'Samordnad individuell plan inför utskrivning från sluten vård (lag 2017:612).',
    requestedBy: 'staff',
  });
}

import type { Db } from '../../db/client.ts';
import { changePersonData } from '../../platform/access/access-layer.ts';
import { isoDate } from '../../platform/clock.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import {
  addedPrincipalProblems,
  addPrincipalToConsent,
  assertNoProblems,
  type ConsentActor,
  changeDateProblems,
  checkGiver,
  type StatedGiver,
  setRelativesMayTakePart,
  withdrawConsentFromPrincipal,
  withdrawnPrincipalProblems,
} from './change-consent.ts';
import { loadSip, type SipAggregate } from './load.ts';
import { assertConsentInForce, assertConvening, assertOpen } from './policy.ts';
import { presentSip } from './present.ts';

// A change of the consent recorded by the convening unit (issue 22 item 4): a principal added or withdrawn,
// relatives allowed or not, each a new version of the consent with its date and who gave it. The change itself is
// change-consent.ts's, the same as when the person makes it on their own pages; here the unit's rules: the date
// not in the future nor before the consent, a child's change given by a guardian, all problems at once.

/** The changes the convening unit records here; withdrawing the whole consent has its own route. */
export const staffConsentChangeKinds = [
  'principalAdded',
  'principalWithdrawn',
  'relativesAllowed',
  'relativesRefused',
] as const;

export type ConsentChangeInput = {
  kind: (typeof staffConsentChangeKinds)[number];
  principalId?: string | undefined;
  changedOn: string;
  givenBy?: StatedGiver;
};

export function recordConsentChange(ctx: UserContext, sipId: string, input: ConsentChangeInput) {
  return changePersonData(ctx, { type: 'sip', id: sipId }, async (tx, grant) => {
    const sip = await loadSip(tx, sipId);
    assertOpen(sip);
    assertConvening(ctx, sip, 'ändra samtycket');
    const consent = assertConsentInForce(sip);
    const { giver, problems } = checkGiver(
      grant.person.personalIdentityNumber,
      input.changedOn,
      input.givenBy,
    );
    assertNoProblems([
      ...(await kindProblems(tx, sip, consent, input)),
      ...changeDateProblems(consent.givenOn, isoDate(ctx.now), input.changedOn, 'changedOn'),
      ...problems,
    ]);
    const actor: ConsentActor = { kind: 'staff', user: ctx.user, givenBy: giver };
    const { kind, changedOn } = input;
    if (kind === 'principalAdded')
      await addPrincipalToConsent(tx, ctx.now, sip, input.principalId!, changedOn, actor);
    else if (kind === 'principalWithdrawn')
      await withdrawConsentFromPrincipal(tx, ctx.now, sip, input.principalId!, changedOn, actor);
    else await setRelativesMayTakePart(tx, ctx.now, sip, kind === 'relativesAllowed', changedOn, actor);
    return presentSip(await loadSip(tx, sipId), grant.person, 'ownPage');
  });
}

const relativesAlready = {
  relativesAllowed: 'Samtycket låter redan närstående delta.',
  relativesRefused: 'Samtycket låter redan inte närstående delta.',
};

/** The principal the change names (for a principal's change), or the relatives' standing (for theirs). */
async function kindProblems(
  tx: Db,
  sip: SipAggregate,
  consent: NonNullable<SipAggregate['consent']>,
  input: ConsentChangeInput,
): Promise<FieldError[]> {
  const { kind, principalId } = input;
  if (kind === 'relativesAllowed' || kind === 'relativesRefused')
    return consent.relativesMayTakePart === (kind === 'relativesAllowed')
      ? [{ path: 'kind', message: relativesAlready[kind] }]
      : [];
  if (!principalId) return [{ path: 'principalId', message: 'Ange vilken huvudman ändringen gäller.' }];
  return kind === 'principalAdded'
    ? addedPrincipalProblems(tx, consent, principalId)
    : withdrawnPrincipalProblems(sip, consent, principalId);
}

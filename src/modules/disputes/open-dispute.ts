import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import {
  assertCasePrincipals,
  assertCountyCategory,
  planEscalationPath,
  resolveReceivers,
  savePath,
} from '../organisations/index.ts';
import { visibleSipId } from '../sip/index.ts';
import './events.ts';
import { loadDispute } from './load.ts';
import { presentDispute } from './present.ts';
import { type DisputeKind, disputeParties, disputes } from './schema.ts';

export type OpenDisputeInput = {
  kind: DisputeKind;
  category: string;
  title: string;
  description: string;
  /** The other principals; the caller's own principal is always a party. */
  counterpartPrincipalIds: string[];
  interimResponsibility?: { principalId: string; description: string } | null | undefined;
  sipId?: string | null | undefined;
};

export const interimMessage =
  'Ange vem som tillgodoser personens behov medan tvisten pågår. Oenighet får inte leda till att personen står utan stöd.';

/**
 * A manager opens a dispute between their principal and others. In an individual case the interim
 * responsibility comes first: without it nothing is stored. Every text is checked for identity numbers, as it
 * may travel up the ladder.
 */
export async function openDispute(ctx: UserContext, input: OpenDisputeInput) {
  const interim = input.kind === 'individualCase' ? input.interimResponsibility : null;
  if (input.kind === 'individualCase' && !interim?.description.trim())
    throw unprocessable(interimMessage, [
      { path: 'interimResponsibility.description', message: interimMessage },
    ]);
  assertDeIdentified({
    title: input.title,
    description: input.description,
    'interimResponsibility.description': interim?.description,
  });
  const partyIds = [...new Set([ctx.user.principal.id, ...input.counterpartPrincipalIds])];
  return inTransaction(ctx.db, async (tx) => {
    await assertCountyCategory(tx, ctx.user.county.code, input.category, 'dispute');
    await assertCasePrincipals(tx, ctx.user.county.code, partyIds, 'counterpartPrincipalIds');
    if (partyIds.length < 2)
      throw unprocessable('En tvist har minst två parter. Välj den eller de huvudmän ni är oeniga med.', [
        { path: 'counterpartPrincipalIds', message: 'Välj minst en annan huvudman.' },
      ]);
    if (interim && !partyIds.includes(interim.principalId))
      throw unprocessable('Den som tillgodoser behoven under tiden ska vara en av parterna.', [
        { path: 'interimResponsibility.principalId', message: 'Välj en av parterna.' },
      ]);
    const sipId =
      input.kind === 'individualCase' && input.sipId ? await visibleSip(tx, ctx.user, input.sipId) : null;
    const receivers = await resolveReceivers(tx, partyIds);
    const path = await planEscalationPath(tx, ctx.user.county.code, 'dispute', partyIds);
    const id = randomUUID();
    await tx.insert(disputes).values({
      id,
      countyCode: ctx.user.county.code,
      kind: input.kind,
      category: input.category,
      title: input.title.trim(),
      description: input.description.trim(),
      openedByUnitId: ctx.user.unit.id,
      openedByUserId: ctx.user.id,
      openedAt: ctx.now,
      status: 'open',
      level: 1,
      interimPrincipalId: interim?.principalId ?? null,
      interimResponsibility: interim?.description.trim() ?? null,
      sipId,
    });
    await tx
      .insert(disputeParties)
      .values(partyIds.map((p) => ({ disputeId: id, principalId: p, receivingUnitId: receivers.get(p)! })));
    await savePath(tx, 'dispute', id, path);
    await recordEvent(
      tx,
      ctx,
      'dispute.opened',
      { type: 'dispute', id },
      { disputeId: id, kind: input.kind, category: input.category, partyCount: partyIds.length },
    );
    return presentDispute(await loadDispute(tx, ctx.user, id));
  });
}

/** The SIP id if the caller sees that SIP (its own access rule); otherwise 422 that says nothing about it. */
async function visibleSip(tx: Db, user: CurrentUser, sipId: string): Promise<string> {
  const id = await visibleSipId(tx, user, sipId);
  if (!id)
    throw unprocessable('Du kan bara koppla en SIP som du själv har tillgång till.', [
      { path: 'sipId', message: 'Välj en SIP som du har tillgång till, eller lämna fältet tomt.' },
    ]);
  return id;
}

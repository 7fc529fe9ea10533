import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, forbidden, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { principals } from '../organisations/schema.ts';
import './events.ts';
import { permissions } from './policy.ts';
import { roundInCounty, roundUnitIds } from './rounds.ts';
import { needsInventoryComments } from './schema.ts';

// User and relative organisations take part in interpreting the results (Sörmland §10: without them the
// inventory loses legitimacy). Their comments are recorded with the round while it is interpreted: by the
// organisation's own users, or by a coordinator at the meeting on the organisation's behalf.

export async function recordComment(
  ctx: UserContext,
  roundId: string,
  input: { text: string; organisationId?: string | undefined },
) {
  assertDeIdentified({ text: input.text });
  return inTransaction(ctx.db, async (tx) => {
    const round = await roundInCounty(tx, ctx.user, roundId, true);
    const can = permissions(ctx.user, round, await roundUnitIds(tx, roundId));
    const own = ctx.user.principal.kind === 'userOrganisation';
    if (!own && !can.coordinates)
      throw forbidden(
        'Brukar- och anhörigorganisationerna lämnar synpunkter; samordnarna kan skriva in dem vid tolkningsmötet.',
      );
    if (round.status !== 'interpreting')
      throw conflict('Synpunkter lämnas medan resultatet tolkas, och inventeringen tolkas inte nu.');
    const organisationId = own ? ctx.user.principal.id : (input.organisationId ?? '');
    const [organisation] = await tx
      .select({ id: principals.id })
      .from(principals)
      .where(
        and(
          eq(principals.id, organisationId),
          eq(principals.countyCode, round.countyCode),
          eq(principals.kind, 'userOrganisation'),
        ),
      );
    if (!organisation)
      throw unprocessable('Synpunkten kunde inte sparas.', [
        {
          path: 'organisationId',
          message: 'Välj den brukar- eller anhörigorganisation som lämnar synpunkten.',
        },
      ]);
    const id = randomUUID();
    await tx.insert(needsInventoryComments).values({
      id,
      roundId,
      organisationId,
      text: input.text.trim(),
      recordedAt: ctx.now,
      recordedByUserId: ctx.user.id,
    });
    await recordEvent(
      tx,
      ctx,
      'needsInventory.commentRecorded',
      { type: 'needsInventoryRound', id: roundId },
      { roundId, commentId: id, organisationId },
    );
    return id;
  });
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.ts';
import { addDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
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
import { counties } from '../organisations/schema.ts';
import './events.ts';
import { loadDeviation } from './load.ts';
import { presentDeviation } from './present.ts';
import { deviationPrincipals, deviations } from './schema.ts';

export type ReportDeviationInput = {
  title: string;
  description: string;
  category: string;
  concernedPrincipalIds: string[];
  occurredOn: string;
  /** Set by the page when the report starts from a suggestion, so it is offered once. */
  suggestionKey?: string | undefined;
};

/**
 * Reports a deviation from the caller's unit. It goes to the managers of the concerned principals (level 1)
 * and takes the county's ladder as it stands today as its path. Nothing is stored when a text identifies a
 * person, a principal is not one of the county's, or the category is not the county's.
 */
export async function reportDeviation(ctx: UserContext, input: ReportDeviationInput) {
  assertDeIdentified({ title: input.title, description: input.description });
  const today = isoDate(ctx.now);
  if (input.occurredOn > today)
    throw unprocessable('Datumet kan inte ligga i framtiden.', [
      { path: 'occurredOn', message: 'Ange ett datum som har varit, i formatet ÅÅÅÅ-MM-DD.' },
    ]);
  const principalIds = [...new Set(input.concernedPrincipalIds)];
  return inTransaction(ctx.db, async (tx) => {
    await assertCountyCategory(tx, ctx.user.county.code, input.category, 'deviation');
    await assertCasePrincipals(tx, ctx.user.county.code, principalIds, 'concernedPrincipalIds');
    const receivers = await resolveReceivers(tx, principalIds);
    const path = await planEscalationPath(tx, ctx.user.county.code, 'deviation', [
      ctx.user.principal.id,
      ...principalIds,
    ]);
    const [county] = await tx.select().from(counties).where(eq(counties.code, ctx.user.county.code));
    const id = randomUUID();
    const inserted = await tx
      .insert(deviations)
      .values({
        id,
        countyCode: ctx.user.county.code,
        title: input.title.trim(),
        description: input.description.trim(),
        category: input.category,
        occurredOn: input.occurredOn,
        reportedByUnitId: ctx.user.unit.id,
        reportedByUserId: ctx.user.id,
        reportedAt: ctx.now,
        status: 'reported',
        level: 1,
        dueOn: addDays(today, county!.deviationAnswerDays),
        suggestionKey: input.suggestionKey ?? null,
      })
      .onConflictDoNothing({ target: deviations.suggestionKey })
      .returning({ id: deviations.id });
    if (inserted.length === 0)
      throw conflict('En avvikelse har redan rapporterats utifrån det här förslaget.');
    await tx
      .insert(deviationPrincipals)
      .values(
        principalIds.map((p) => ({ deviationId: id, principalId: p, receivingUnitId: receivers.get(p)! })),
      );
    await savePath(tx, 'deviation', id, path);
    await recordEvent(
      tx,
      ctx,
      'deviation.reported',
      { type: 'deviation', id },
      {
        deviationId: id,
        category: input.category,
        unitId: ctx.user.unit.id,
        principalCount: principalIds.length,
      },
    );
    return presentDeviation(await loadDeviation(tx, ctx.user, id), ctx.now);
  });
}

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate } from '../../platform/clock.ts';
import { type FieldError, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import './events.ts';
import { findCountyIndicator } from './read-plan.ts';
import { bumpFiguresVersion } from './refresh-figures.ts';
import { indicators, indicatorValues, type targetDirections } from './schema.ts';

export type ValueInput = { period: string; value: number; source: string; note?: string | undefined };

const periodShape = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

/**
 * Enters (or replaces) a manual indicator's figure for a period, with the national source it comes from (for
 * instance "Socialstyrelsen, Öppna jämförelser 2025"). Every rule is checked before anything is stored, and all
 * broken rules are named at once, each at its field.
 */
export async function enterIndicatorValue(ctx: UserContext, indicatorId: string, input: ValueInput) {
  return inTransaction(ctx.db, async (tx) => {
    const indicator = await findCountyIndicator(tx, ctx.user.county.code, indicatorId);
    if (indicator.source !== 'manual')
      throw unprocessable('Indikatorn beräknas av Sömlös ur arbetet; dess värden kan inte anges för hand.');
    const errors: FieldError[] = [];
    const period = input.period.trim();
    const match = period.match(periodShape);
    if (!match)
      errors.push({ path: 'period', message: 'Ange perioden som ett år (2025) eller en månad (2025-03).' });
    else if (period > isoDate(ctx.now).slice(0, period.length))
      errors.push({ path: 'period', message: 'Perioden har inte börjat än. Ange en period som har varit.' });
    if (!Number.isFinite(input.value)) errors.push({ path: 'value', message: 'Ange värdet som ett tal.' });
    else if (input.value < 0) errors.push({ path: 'value', message: 'Värdet kan inte vara negativt.' });
    else if (indicator.unit === 'percent' && input.value > 100)
      errors.push({ path: 'value', message: 'En andel anges i procent, från 0 till 100.' });
    else if (indicator.unit === 'count' && !Number.isInteger(input.value))
      errors.push({ path: 'value', message: 'Ett antal är ett heltal.' });
    const source = input.source.trim();
    if (!source)
      errors.push({
        path: 'source',
        message: 'Ange källan, till exempel ”Socialstyrelsen, Öppna jämförelser 2025”.',
      });
    else if (source.length > 300)
      errors.push({ path: 'source', message: 'Källan får vara högst 300 tecken.' });
    if (errors.length) throw unprocessable('Värdet kunde inte sparas. Rätta det som är markerat.', errors);

    const [existing] = await tx
      .select({ id: indicatorValues.id })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.period, period)));
    const row = {
      value: input.value,
      source,
      note: input.note?.trim() || null,
      enteredAt: ctx.now,
      enteredByUserId: ctx.user.id,
    };
    if (existing) await tx.update(indicatorValues).set(row).where(eq(indicatorValues.id, existing.id));
    else await tx.insert(indicatorValues).values({ id: randomUUID(), indicatorId, period, ...row });
    await bumpFiguresVersion(tx, ctx.user.county.code);
    await recordEvent(
      tx,
      ctx,
      'followUp.valueEntered',
      { type: 'indicator', id: indicatorId },
      { indicatorId, period, replaced: Boolean(existing) },
    );
    return { indicatorId, period, ...row, enteredAt: ctx.now.toISOString() };
  });
}

/** Sets or clears an indicator's target ("at least 90 %", "at most 14 days"). */
export async function changeIndicatorTarget(
  ctx: UserContext,
  indicatorId: string,
  input: { value: number | null; direction: (typeof targetDirections)[number] | null },
) {
  return inTransaction(ctx.db, async (tx) => {
    const indicator = await findCountyIndicator(tx, ctx.user.county.code, indicatorId);
    const cleared = input.value === null;
    if (!cleared && (!Number.isFinite(input.value) || input.value! < 0))
      throw unprocessable('Målet kunde inte sparas.', [
        { path: 'targetValue', message: 'Ange målet som ett tal, 0 eller mer.' },
      ]);
    if (!cleared && indicator.unit === 'percent' && input.value! > 100)
      throw unprocessable('Målet kunde inte sparas.', [
        { path: 'targetValue', message: 'En andel anges i procent, från 0 till 100.' },
      ]);
    if (!cleared && !input.direction)
      throw unprocessable('Målet kunde inte sparas.', [
        { path: 'targetDirection', message: 'Välj om målet är ett lägsta eller högsta värde.' },
      ]);
    const set = {
      targetValue: input.value,
      targetDirection: cleared ? null : input.direction,
      updatedAt: ctx.now,
    };
    await tx.update(indicators).set(set).where(eq(indicators.id, indicatorId));
    await bumpFiguresVersion(tx, ctx.user.county.code);
    await recordEvent(
      tx,
      ctx,
      'followUp.targetChanged',
      { type: 'indicator', id: indicatorId },
      { indicatorId, targetValue: set.targetValue, targetDirection: set.targetDirection },
    );
  });
}

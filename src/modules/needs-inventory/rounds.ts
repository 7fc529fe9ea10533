import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, type FieldError, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { careParty, notCarePartyMessage } from '../organisations/index.ts';
import { governanceBodies, principals, units } from '../organisations/schema.ts';
import './events.ts';
import { mayCoordinate, nextStatus } from './policy.ts';
import {
  needsInventoryForms,
  needsInventoryRecords,
  needsInventoryRounds,
  needsInventoryRoundUnits,
  type RoundStatus,
} from './schema.ts';

// Inventory rounds (Sörmland §10): the county steering group decides when, and the coordinating body (BGP)
// runs it. Who may do what:
// - create a round and move its status: the county's agreement administrators, and members of the body that
//   coordinates it (for a new round, the body they name);
// - enter records: staff and managers of a taking-part unit, while the round is collecting;
// - read the results: everyone in the county once the round is interpreted; the coordinators before that;
// Another county's rounds are 404. A round holds no person data (records are de-identified), so reads are not
// access-logged; every change is an event.

export type Round = typeof needsInventoryRounds.$inferSelect;
export type RoundInput = {
  title: string;
  periodStart: string;
  periodEnd: string;
  formId: string;
  coordinatorBodyId: string;
  unitIds: string[];
  instructions: string;
};

export async function createRound(ctx: UserContext, input: RoundInput) {
  assertDeIdentified({ title: input.title, instructions: input.instructions });
  return inTransaction(ctx.db, async (tx) => {
    if (!mayCoordinate(ctx.user, input))
      throw forbidden(
        'Bara länets administratörer för överenskommelser och ledamöter i det samordnande organet kan starta en inventering.',
      );
    const errors = await checkRoundInput(tx, ctx.user.county.code, input);
    if (errors.length) throw unprocessable('Inventeringen kunde inte sparas.', errors);
    const id = randomUUID();
    await tx.insert(needsInventoryRounds).values({
      id,
      countyCode: ctx.user.county.code,
      title: input.title.trim(),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      formId: input.formId,
      coordinatorBodyId: input.coordinatorBodyId,
      instructions: input.instructions.trim(),
      status: 'planned',
      createdAt: ctx.now,
      createdByUserId: ctx.user.id,
    });
    const unitIds = [...new Set(input.unitIds)];
    await tx.insert(needsInventoryRoundUnits).values(unitIds.map((unitId) => ({ roundId: id, unitId })));
    await recordEvent(
      tx,
      ctx,
      'needsInventory.roundCreated',
      { type: 'needsInventoryRound', id },
      { roundId: id, formId: input.formId, units: unitIds.length },
    );
    return id;
  });
}

async function checkRoundInput(tx: Db, countyCode: string, input: RoundInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.periodEnd < input.periodStart)
    errors.push({
      path: 'periodEnd',
      message: 'Perioden måste sluta samma dag som den börjar eller senare.',
    });
  const [form] = await tx
    .select({ id: needsInventoryForms.id })
    .from(needsInventoryForms)
    .where(eq(needsInventoryForms.id, input.formId));
  if (!form) errors.push({ path: 'formId', message: 'Välj ett av inventeringsformulären.' });
  const [body] = await tx
    .select({ id: governanceBodies.id })
    .from(governanceBodies)
    .where(
      and(eq(governanceBodies.id, input.coordinatorBodyId), eq(governanceBodies.countyCode, countyCode)),
    );
  if (!body)
    errors.push({ path: 'coordinatorBodyId', message: 'Välj det samverkansorgan i länet som samordnar.' });
  const found = input.unitIds.length
    ? await tx
        .select({ id: units.id })
        .from(units)
        .innerJoin(principals, eq(principals.id, units.principalId))
        .where(
          and(
            inArray(units.id, input.unitIds),
            careParty(),
            eq(principals.countyCode, countyCode),
            ne(principals.kind, 'userOrganisation'),
          ),
        )
    : [];
  const notCare = input.unitIds.length
    ? await tx
        .select({ id: units.id })
        .from(units)
        .where(and(inArray(units.id, input.unitIds), ne(units.kind, 'care')))
    : [];
  if (notCare.length) errors.push({ path: 'unitIds', message: notCarePartyMessage });
  else if (input.unitIds.length === 0 || found.length !== new Set(input.unitIds).size)
    errors.push({
      path: 'unitIds',
      message: 'Välj de enheter i regionen och kommunerna som ska registrera personer.',
    });
  return errors;
}

/** The round, if it is in the caller's county (locked for a change when asked); 404 otherwise. */
export async function roundInCounty(
  tx: Db,
  user: CurrentUser,
  id: string,
  forUpdate = false,
): Promise<Round> {
  const query = tx
    .select()
    .from(needsInventoryRounds)
    .where(and(eq(needsInventoryRounds.id, id), eq(needsInventoryRounds.countyCode, user.county.code)));
  const [round] = forUpdate ? await query.for('update') : await query;
  if (!round) throw notFound('Inventeringen finns inte.');
  return round;
}

export async function roundUnitIds(db: Db, roundId: string): Promise<string[]> {
  const rows = await db
    .select({ unitId: needsInventoryRoundUnits.unitId })
    .from(needsInventoryRoundUnits)
    .where(eq(needsInventoryRoundUnits.roundId, roundId));
  return rows.map((r) => r.unitId);
}

/** Moves a round one step on: planned → collecting → interpreting → reported. */
export async function advanceRound(ctx: UserContext, id: string, input: { status: RoundStatus }) {
  return inTransaction(ctx.db, async (tx) => {
    const round = await roundInCounty(tx, ctx.user, id, true);
    if (!mayCoordinate(ctx.user, round))
      throw forbidden(
        'Bara länets administratörer för överenskommelser och ledamöter i det samordnande organet kan ändra inventeringens status.',
      );
    const next = nextStatus[round.status];
    if (next !== input.status)
      throw conflict(
        next
          ? `Inventeringen är ${statusWord[round.status]}; nästa steg är att den ${stepWord[next]}.`
          : 'Inventeringen är redovisad och avslutad.',
      );
    if (next === 'interpreting') {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(needsInventoryRecords)
        .where(eq(needsInventoryRecords.roundId, id));
      if (n === 0) throw conflict('Inga personer är registrerade än, så det finns inget att tolka.');
    }
    await tx
      .update(needsInventoryRounds)
      .set({ status: next, reportedOn: next === 'reported' ? isoDate(ctx.now) : null })
      .where(eq(needsInventoryRounds.id, id));
    await recordEvent(
      tx,
      ctx,
      'needsInventory.statusChanged',
      { type: 'needsInventoryRound', id },
      { roundId: id, from: round.status, to: next },
    );
  });
}
const statusWord: Record<RoundStatus, string> = {
  planned: 'planerad',
  collecting: 'under registrering',
  interpreting: 'under tolkning',
  reported: 'redovisad',
};
const stepWord: Record<RoundStatus, string> = {
  planned: 'planeras',
  collecting: 'öppnas för registrering',
  interpreting: 'stängs för registrering och tolkas',
  reported: 'redovisas',
};

/** The county's rounds, newest first, with how many persons each holds. */
export async function listRounds(db: Db, countyCode: string) {
  return db
    .select({
      id: needsInventoryRounds.id,
      title: needsInventoryRounds.title,
      periodStart: needsInventoryRounds.periodStart,
      periodEnd: needsInventoryRounds.periodEnd,
      status: needsInventoryRounds.status,
      reportedOn: needsInventoryRounds.reportedOn,
      synthetic: needsInventoryRounds.synthetic,
      formName: needsInventoryForms.name,
      coordinator: governanceBodies.name,
    })
    .from(needsInventoryRounds)
    .innerJoin(needsInventoryForms, eq(needsInventoryForms.id, needsInventoryRounds.formId))
    .innerJoin(governanceBodies, eq(governanceBodies.id, needsInventoryRounds.coordinatorBodyId))
    .where(eq(needsInventoryRounds.countyCode, countyCode))
    .orderBy(desc(needsInventoryRounds.periodStart), asc(needsInventoryRounds.title));
}

/** The forms a round can use, each version. */
export function listForms(db: Db) {
  return db
    .select()
    .from(needsInventoryForms)
    .orderBy(asc(needsInventoryForms.key), desc(needsInventoryForms.version));
}

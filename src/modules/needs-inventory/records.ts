import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, type FieldError, forbidden, notFound, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDeIdentified } from '../../platform/people/identifying-text.ts';
import { principals } from '../organisations/schema.ts';
import './events.ts';
import { permissions } from './policy.ts';
import { type Round, roundInCounty, roundUnitIds } from './rounds.ts';
import {
  type FormQuestions,
  type NeedLevel,
  needLevels,
  needsInventoryForms,
  needsInventoryRecords,
} from './schema.ts';

// A record is one person a taking-part unit knows in the target group, entered while the round collects. It
// holds the form's answer keys only, and a note that is refused if it carries an identity number. A unit sees
// and removes only its own records: the round's instructions say which unit enters a person two units know.

export type RecordInput = {
  municipalityCode: string;
  ageBand: string;
  gender: string;
  housing: string;
  occupation: string;
  contacts: string[];
  needs: Record<string, string>;
  note?: string | undefined;
};

export async function formOf(db: Db, formId: string) {
  const [form] = await db.select().from(needsInventoryForms).where(eq(needsInventoryForms.id, formId));
  if (!form) throw notFound('Formuläret finns inte.');
  return form;
}

export async function countyMunicipalities(db: Db, countyCode: string) {
  const rows = await db
    .select({ code: principals.municipalityCode, name: principals.name })
    .from(principals)
    .where(and(eq(principals.countyCode, countyCode), eq(principals.kind, 'municipality')))
    .orderBy(asc(principals.name));
  return rows.map((r) => ({ code: r.code!, name: r.name }));
}

/** Checks the answers against the round's form; one message per field, in the form's words. */
function checkAnswers(q: FormQuestions, municipalityCodes: string[], input: RecordInput): FieldError[] {
  const errors: FieldError[] = [];
  const one = (path: string, value: string, choices: { key: string }[], message: string) => {
    if (!choices.some((c) => c.key === value)) errors.push({ path, message });
  };
  if (!municipalityCodes.includes(input.municipalityCode))
    errors.push({ path: 'municipalityCode', message: 'Välj den kommun i länet där personen bor.' });
  one('ageBand', input.ageBand, q.ageBands, 'Välj personens åldersgrupp.');
  one('gender', input.gender, q.genders, 'Välj personens kön, eller ”Annat eller vill inte ange”.');
  one('housing', input.housing, q.housing, 'Välj hur personen bor.');
  one('occupation', input.occupation, q.occupation, 'Välj personens sysselsättning.');
  if (input.contacts.some((c) => !q.contacts.some((x) => x.key === c)))
    errors.push({ path: 'contacts', message: 'Välj kontakter bland dem formuläret tar upp.' });
  for (const area of q.lifeAreas)
    if (!needLevels.includes(input.needs[area.key] as NeedLevel))
      errors.push({
        path: `needs.${area.key}`,
        message: `Ange om personen har behov inom ${area.label.toLowerCase()} och om det är tillgodosett.`,
      });
  if ((input.note ?? '').length > 1000)
    errors.push({ path: 'note', message: 'Anteckningen får vara högst 1 000 tecken.' });
  const unknown = Object.keys(input.needs).find((k) => !q.lifeAreas.some((a) => a.key === k));
  if (unknown) errors.push({ path: `needs.${unknown}`, message: 'Formuläret har inget sådant livsområde.' });
  return errors;
}

/** Runs a change to the caller's own unit's records in a round that is collecting. */
function changeRecords<T>(ctx: UserContext, roundId: string, change: (tx: Db, round: Round) => Promise<T>) {
  return inTransaction(ctx.db, async (tx) => {
    const round = await roundInCounty(tx, ctx.user, roundId);
    const can = permissions(ctx.user, round, await roundUnitIds(tx, roundId));
    if (!can.takesPart)
      throw forbidden('Bara personal på de enheter som deltar i inventeringen registrerar personer.');
    if (round.status !== 'collecting')
      throw conflict('Inventeringen tar inte emot registreringar nu: den är inte öppen för registrering.');
    return change(tx, round);
  });
}

export async function enterRecord(ctx: UserContext, roundId: string, input: RecordInput) {
  assertDeIdentified({ note: input.note });
  return changeRecords(ctx, roundId, async (tx, round) => {
    const form = await formOf(tx, round.formId);
    const municipalities = await countyMunicipalities(tx, round.countyCode);
    const errors = checkAnswers(
      form.questions,
      municipalities.map((m) => m.code),
      input,
    );
    if (errors.length) throw unprocessable('Registreringen kunde inte sparas.', errors);
    const id = randomUUID();
    await tx.insert(needsInventoryRecords).values({
      id,
      roundId,
      unitId: ctx.user.unit.id,
      municipalityCode: input.municipalityCode,
      ageBand: input.ageBand,
      gender: input.gender,
      housing: input.housing,
      occupation: input.occupation,
      contacts: [...new Set(input.contacts)],
      needs: input.needs as Record<string, NeedLevel>,
      note: input.note?.trim() || null,
      enteredAt: ctx.now,
      enteredByUserId: ctx.user.id,
    });
    await recordEvent(
      tx,
      ctx,
      'needsInventory.recordEntered',
      { type: 'needsInventoryRound', id: roundId },
      { roundId, recordId: id, unitId: ctx.user.unit.id },
    );
    return id;
  });
}

export async function removeRecord(ctx: UserContext, roundId: string, recordId: string) {
  return changeRecords(ctx, roundId, async (tx) => {
    const removed = await tx
      .delete(needsInventoryRecords)
      .where(
        and(
          eq(needsInventoryRecords.id, recordId),
          eq(needsInventoryRecords.roundId, roundId),
          eq(needsInventoryRecords.unitId, ctx.user.unit.id),
        ),
      )
      .returning({ id: needsInventoryRecords.id });
    if (removed.length === 0) throw notFound('Registreringen finns inte bland din enhets registreringar.');
    await recordEvent(
      tx,
      ctx,
      'needsInventory.recordRemoved',
      { type: 'needsInventoryRound', id: roundId },
      { roundId, recordId, unitId: ctx.user.unit.id },
    );
  });
}

/** The caller's unit's records in a round, oldest first; other units' records are never listed. */
export async function listOwnRecords(ctx: UserContext, roundId: string) {
  const round = await roundInCounty(ctx.db, ctx.user, roundId);
  if (!permissions(ctx.user, round, await roundUnitIds(ctx.db, roundId)).takesPart)
    throw forbidden('Bara personal på de enheter som deltar i inventeringen ser enhetens registreringar.');
  return ctx.db
    .select()
    .from(needsInventoryRecords)
    .where(
      and(eq(needsInventoryRecords.roundId, roundId), eq(needsInventoryRecords.unitId, ctx.user.unit.id)),
    )
    .orderBy(asc(needsInventoryRecords.enteredAt), asc(needsInventoryRecords.id));
}

import { randomUUID } from 'node:crypto';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { hsaIdPattern, normaliseHsaId } from '../../../platform/auth/hsa-id.ts';
import { endAllSessions } from '../../../platform/auth/sessions.ts';
import { conflict, type FieldError, unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { unitClosedReactions } from '../../../platform/modules/reactions.ts';
import { caseReceivers, principals, type UnitKind, unitChanges, units, userRoles, users } from '../schema.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin, assertOwnCounty } from './policy.ts';
import { describeWork, openWork, openWorkOf, tiedToPrincipal } from './read-units.ts';
import { recordRoleGrant, refuseSelfChange } from './role-grants.ts';
import { refusingTaken } from './unique-values.ts';

// A county's units, as its administrators change them: created, renamed, moved to another principal, closed
// (read-units.ts reads them).
// A unit is never deleted: SIPs, deviations and the access log refer to it, under the name it had then.

const nameRule = (name: string) => {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length < 2 || trimmed.length > 120)
    throw unprocessable('Enhetens namn ska ha 2–120 tecken.', [
      { path: 'name', message: 'Ange ett namn med 2–120 tecken' },
    ]);
  return trimmed;
};

/** A principal of the administrator's county (404 for another county's or an unknown one). */
export async function principalInCounty(tx: Db, ctx: UserContext, principalId: string) {
  const [p] = await tx.select().from(principals).where(eq(principals.id, principalId));
  assertOwnCounty(ctx, p?.countyCode);
  return p!;
}

/** A unit of the administrator's county with its principal, locked for the change. */
async function unitInCounty(tx: Db, ctx: UserContext, unitId: string) {
  const [row] = await tx
    .select({ unit: units, countyCode: principals.countyCode, principalName: principals.name })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(eq(units.id, unitId))
    .for('update', { of: units });
  assertOwnCounty(ctx, row?.countyCode);
  return row!;
}

async function assertNameFree(tx: Db, principalId: string, name: string, except?: string) {
  const [taken] = await tx
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        eq(units.principalId, principalId),
        sql`lower(${units.name}) = lower(${name})`,
        except ? ne(units.id, except) : undefined,
      ),
    );
  if (taken)
    throw unprocessable('Det finns redan en enhet med det namnet hos huvudmannen.', [
      { path: 'name', message: 'Välj ett namn som ingen annan enhet hos huvudmannen har' },
    ]);
}

/** Keeps what the unit was called, and whose it was, until now: records from before show it so. */
async function keepEarlierName(tx: Db, unit: typeof units.$inferSelect, now: Date) {
  await tx.insert(unitChanges).values({
    id: randomUUID(),
    unitId: unit.id,
    changedAt: now,
    previousName: unit.name,
    previousPrincipalId: unit.principalId,
  });
}

const assertOpen = (unit: { active: boolean }) => {
  if (!unit.active) throw conflict('Enheten är stängd och kan inte ändras.');
};

export async function createUnit(
  ctx: UserContext,
  input: { principalId: string; name: string; kind?: UnitKind | undefined },
) {
  assertCountyAdmin(ctx);
  const name = nameRule(input.name);
  const kind = input.kind ?? 'care';
  return inTransaction(ctx.db, async (tx) => {
    const principal = await principalInCounty(tx, ctx, input.principalId);
    await assertNameFree(tx, principal.id, name);
    const id = randomUUID();
    await tx.insert(units).values({ id, principalId: principal.id, name, kind });
    await recordAdminChange(tx, ctx, 'unitCreated', { type: 'unit', id }, null, {
      name,
      principal: principal.name,
      kind,
    });
    return { id, name, principalId: principal.id, kind };
  });
}

/**
 * The API's one change to a unit (PATCH): a new name, a new principal, an HSA-id or a kind, one at a time, each
 * its own event, so a refused one changes nothing.
 */
export async function changeUnit(
  ctx: UserContext,
  unitId: string,
  input: { name?: string; principalId?: string; hsaId?: string | null; kind?: UnitKind },
) {
  const { name, principalId, hsaId, kind } = input;
  const given = [name, principalId, hsaId, kind].filter((v) => v !== undefined).length;
  if (given === 1 && kind !== undefined) return setUnitKind(ctx, unitId, { kind });
  if (given === 1 && hsaId !== undefined) return setUnitHsaId(ctx, unitId, { hsaId });
  if (given !== 1)
    throw unprocessable('Ange antingen ett nytt namn eller en ny huvudman.', [
      { path: 'name', message: 'Ange antingen name eller principalId' },
    ]);
  return name !== undefined
    ? renameUnit(ctx, unitId, { name })
    : moveUnit(ctx, unitId, { principalId: principalId! });
}

/**
 * A unit's kind: a care or support unit, a governance body's unit, or an administrative unit. Only care units are
 * parties to SIPs and needs inventories (unit-kinds.ts); work already given to a unit stays where it is.
 */
export async function setUnitKind(ctx: UserContext, unitId: string, input: { kind: UnitKind }) {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { unit } = await unitInCounty(tx, ctx, unitId);
    assertOpen(unit);
    await tx.update(units).set({ kind: input.kind }).where(eq(units.id, unitId));
    await recordAdminChange(
      tx,
      ctx,
      'unitKindChanged',
      { type: 'unit', id: unitId },
      { kind: unit.kind },
      { kind: input.kind },
    );
    return { id: unitId, name: unit.name, principalId: unit.principalId, kind: input.kind };
  });
}

/** A new name; the old one is kept with the moment it stopped, so earlier records show the old name. */
export async function renameUnit(ctx: UserContext, unitId: string, input: { name: string }) {
  assertCountyAdmin(ctx);
  const name = nameRule(input.name);
  return inTransaction(ctx.db, async (tx) => {
    const { unit } = await unitInCounty(tx, ctx, unitId);
    assertOpen(unit);
    if (unit.name === name)
      throw unprocessable('Enheten heter redan så.', [{ path: 'name', message: 'Ange ett nytt namn' }]);
    await assertNameFree(tx, unit.principalId, name, unit.id);
    await keepEarlierName(tx, unit, ctx.now);
    await tx.update(units).set({ name }).where(eq(units.id, unitId));
    await recordAdminChange(
      tx,
      ctx,
      'unitRenamed',
      { type: 'unit', id: unitId },
      { name: unit.name },
      { name },
    );
    return { id: unitId, name, principalId: unit.principalId };
  });
}

/** Sets (or, with null or "", takes away) a unit's HSA-id: format-checked, and no other unit's. */
export async function setUnitHsaId(ctx: UserContext, unitId: string, input: { hsaId: string | null }) {
  assertCountyAdmin(ctx);
  const hsaId = normaliseHsaId(input.hsaId ?? '') || null;
  if (hsaId && !hsaIdPattern.test(hsaId))
    throw unprocessable('HSA-id:t har fel form.', [
      { path: 'hsaId', message: 'Ange ett HSA-id som SE2321000016-1234, eller lämna fältet tomt' },
    ]);
  const taken = { path: 'hsaId', message: 'HSA-id:t står redan på en annan enhet' };
  // A unit that took the HSA-id between the check and the write is refused by the constraint, as the same 422.
  return refusingTaken({ units_hsaId_unique: taken }, () => setUnitHsaIdIn(ctx, unitId, hsaId, taken));
}

async function setUnitHsaIdIn(ctx: UserContext, unitId: string, hsaId: string | null, taken: FieldError) {
  return inTransaction(ctx.db, async (tx) => {
    const { unit } = await unitInCounty(tx, ctx, unitId);
    assertOpen(unit);
    if (hsaId && hsaId !== unit.hsaId) {
      const [holder] = await tx.select({ id: units.id }).from(units).where(eq(units.hsaId, hsaId));
      if (holder) throw unprocessable(`${taken.message}.`, [taken]);
    }
    await tx.update(units).set({ hsaId }).where(eq(units.id, unitId));
    await recordAdminChange(
      tx,
      ctx,
      'unitHsaIdChanged',
      { type: 'unit', id: unitId },
      { hsaId: unit.hsaId },
      { hsaId },
    );
    return { id: unitId, name: unit.name, principalId: unit.principalId, hsaId };
  });
}

/**
 * Moves a unit, with its accounts, to another principal of the county. Records about persons belong to the
 * principal that made them, so a unit that has taken part in any SIP stays where it is (409): open a new unit
 * at the other principal and close this one instead. Open deviations or disputes it receives block it too.
 */
export async function moveUnit(ctx: UserContext, unitId: string, input: { principalId: string }) {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { unit, principalName } = await unitInCounty(tx, ctx, unitId);
    // Moving one's own unit moves oneself to another principal.
    if (unitId === ctx.user.unit.id) refuseSelfChange('flytta enheten där ditt eget konto finns');
    assertOpen(unit);
    const target = await principalInCounty(tx, ctx, input.principalId);
    if (target.id === unit.principalId)
      throw unprocessable('Enheten hör redan till den huvudmannen.', [
        { path: 'principalId', message: 'Välj en annan huvudman' },
      ]);
    if (await tiedToPrincipal(tx, unitId))
      throw conflict(
        `Enheten har uppgifter i SIP som hör till ${principalName} och kan därför inte flyttas. Skapa en ny enhet hos ${target.name} och stäng den här med den nya som efterträdare.`,
      );
    const cases = await openWorkOf(tx, unitId, 'cases');
    if (cases > 0)
      throw conflict(
        `Enheten tar emot ${cases} öppna avvikelser eller tvister för ${principalName}. Låt dem avslutas, eller stäng enheten med en efterträdare.`,
      );
    await assertNameFree(tx, target.id, unit.name);
    await keepEarlierName(tx, unit, ctx.now);
    await tx.update(units).set({ principalId: target.id }).where(eq(units.id, unitId));
    // It no longer receives cases for its former principal.
    await tx.delete(caseReceivers).where(eq(caseReceivers.unitId, unitId));
    await recordMovedReaders(tx, ctx, unitId, unit.principalId);
    await recordAdminChange(
      tx,
      ctx,
      'unitMoved',
      { type: 'unit', id: unitId },
      { principal: principalName },
      { principal: target.name },
    );
    return { id: unitId, name: unit.name, principalId: target.id };
  });
}

/** The unit's active accounts now read the new principal's person data: a grant each, for its log reviewers. */
async function recordMovedReaders(tx: Db, ctx: UserContext, unitId: string, fromPrincipalId: string) {
  const accounts = await tx
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      unitId: users.unitId,
      roles: sql<
        string[]
      >`coalesce(array_agg(${userRoles.role}) filter (where ${userRoles.role} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.unitId, unitId), eq(users.active, true)))
    .groupBy(users.id)
    .orderBy(asc(users.username));
  for (const a of accounts) await recordRoleGrant(tx, ctx, 'unitMoved', a, a.roles, fromPrincipalId);
}

export type CloseUnitInput = { successorUnitId?: string | undefined };

/**
 * Closes a unit. With a successor (an open unit of the same principal) the unit's open SIPs, the open
 * deviations and disputes it receives, its accounts and its role as receiver pass to the successor, and the
 * successor reads the closed unit's records. Without one, open work stops the closing (409) and its accounts
 * are deactivated. The unit keeps its row and name for its history.
 */
export async function closeUnit(ctx: UserContext, unitId: string, input: CloseUnitInput) {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { unit } = await unitInCounty(tx, ctx, unitId);
    // Closing one's own unit moves one's account to the successor, or deactivates it.
    if (unitId === ctx.user.unit.id) refuseSelfChange('stänga enheten där ditt eget konto finns');
    assertOpen(unit);
    const successor = input.successorUnitId ? await successorFor(tx, ctx, unit, input.successorUnitId) : null;
    const work = await openWork(tx, unitId);
    if (!successor && work.sips + work.cases > 0)
      throw conflict(
        `Enheten har ${describeWork(work)}. Välj en efterträdande enhet som tar över dem innan enheten stängs.`,
      );
    const handedOver = successor ? await handOver(tx, ctx, unitId, successor.id) : null;
    const deactivated = successor ? 0 : await deactivateAccountsOf(tx, ctx, unitId);
    await tx
      .update(units)
      .set({ active: false, closedAt: ctx.now, successorUnitId: successor?.id ?? null })
      .where(eq(units.id, unitId));
    if (successor) {
      // Units the closed one had succeeded now have the new successor as heir, so one step always finds it.
      await tx.update(units).set({ successorUnitId: successor.id }).where(eq(units.successorUnitId, unitId));
    }
    await recordAdminChange(
      tx,
      ctx,
      'unitClosed',
      { type: 'unit', id: unitId },
      { name: unit.name, status: 'öppen' },
      {
        name: unit.name,
        status: 'stängd',
        successor: successor?.name ?? null,
        ...(handedOver ?? {}),
        deactivatedAccounts: deactivated,
      },
    );
    return { id: unitId, successorUnitId: successor?.id ?? null, ...(handedOver ?? {}), deactivated };
  });
}

async function successorFor(tx: Db, ctx: UserContext, unit: typeof units.$inferSelect, successorId: string) {
  if (successorId === unit.id)
    throw unprocessable('En enhet kan inte efterträda sig själv.', [
      { path: 'successorUnitId', message: 'Välj en annan enhet' },
    ]);
  const [s] = await tx
    .select({ id: units.id, name: units.name, principalId: units.principalId, active: units.active })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(and(eq(units.id, successorId), eq(principals.countyCode, ctx.user.county.code)));
  if (!s?.active || s.principalId !== unit.principalId)
    throw unprocessable('Efterträdaren ska vara en öppen enhet hos samma huvudman.', [
      { path: 'successorUnitId', message: 'Välj en öppen enhet hos samma huvudman' },
    ]);
  return s;
}

/** Each module hands the unit's open work to the successor ({ sips, deviations, disputes }), then the accounts. */
async function handOver(tx: Db, ctx: UserContext, fromId: string, toId: string) {
  const handed: Record<string, number> = {};
  for (const r of unitClosedReactions()) handed[r.key] = await r.handOver(tx, ctx, fromId, toId);
  await tx.update(caseReceivers).set({ unitId: toId }).where(eq(caseReceivers.unitId, fromId));
  const moved = await tx
    .update(users)
    .set({ unitId: toId })
    .where(and(eq(users.unitId, fromId), eq(users.active, true)))
    .returning({ id: users.id });
  return { ...handed, movedAccounts: moved.length };
}

async function deactivateAccountsOf(tx: Db, ctx: UserContext, unitId: string) {
  const gone = await tx
    .update(users)
    .set({ active: false, deactivatedAt: ctx.now })
    .where(and(eq(users.unitId, unitId), eq(users.active, true)))
    .returning({ id: users.id });
  for (const u of gone) await endAllSessions(tx, u.id, ctx.now);
  await tx.delete(caseReceivers).where(eq(caseReceivers.unitId, unitId));
  return gone.length;
}

import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { conflict, unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import {
  governanceBodies,
  governanceBodyCoverage,
  governanceBodyKinds,
  governanceBodyMembers,
  principals,
  units,
  userRoles,
  users,
} from '../schema.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin, assertOwnCounty } from './policy.ts';

// A county's governance bodies (styrgrupper, arbetsgrupper, råd) and who sits in them.

export type BodyInput = {
  name: string;
  shortName?: string | undefined;
  kind: string;
  description: string;
  coversPrincipalIds?: string[] | undefined;
};

function bodyFindings(input: Partial<BodyInput>) {
  const found: { path: string; message: string }[] = [];
  if (input.name !== undefined && (input.name.trim().length < 2 || input.name.trim().length > 120))
    found.push({ path: 'name', message: 'Ange organets namn, 2–120 tecken' });
  if (input.shortName && input.shortName.trim().length > 60)
    found.push({ path: 'shortName', message: 'Kortnamnet får ha högst 60 tecken' });
  if (input.kind !== undefined && !(governanceBodyKinds as readonly string[]).includes(input.kind))
    found.push({ path: 'kind', message: 'Välj vilken sorts organ det är' });
  if (input.description !== undefined && input.description.trim().length > 2000)
    found.push({ path: 'description', message: 'Beskrivningen får ha högst 2 000 tecken' });
  if (found.length) throw unprocessable(found.map((f) => f.message).join(' '), found);
}

/** A body of the administrator's county (404 otherwise). */
export async function bodyInCounty(tx: Db, ctx: UserContext, bodyId: string) {
  const [b] = await tx.select().from(governanceBodies).where(eq(governanceBodies.id, bodyId));
  assertOwnCounty(ctx, b?.countyCode);
  return b!;
}

async function assertCoverage(tx: Db, ctx: UserContext, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: principals.id })
    .from(principals)
    .where(and(inArray(principals.id, ids), eq(principals.countyCode, ctx.user.county.code)));
  if (found.length !== new Set(ids).size)
    throw unprocessable('Organet kan bara omfatta länets egna huvudmän.', [
      { path: 'coversPrincipalIds', message: 'Välj huvudmän i länet' },
    ]);
}

async function assertBodyNameFree(tx: Db, ctx: UserContext, name: string, except?: string) {
  const [taken] = await tx
    .select({ id: governanceBodies.id })
    .from(governanceBodies)
    .where(
      and(
        eq(governanceBodies.countyCode, ctx.user.county.code),
        sql`lower(${governanceBodies.name}) = lower(${name})`,
        except ? ne(governanceBodies.id, except) : undefined,
      ),
    );
  if (taken)
    throw unprocessable('Länet har redan ett organ med det namnet.', [
      { path: 'name', message: 'Välj ett namn som inget annat organ i länet har' },
    ]);
}

const coveredNames = async (tx: Db, bodyId: string) =>
  (
    await tx
      .select({ name: principals.name })
      .from(governanceBodyCoverage)
      .innerJoin(principals, eq(principals.id, governanceBodyCoverage.principalId))
      .where(eq(governanceBodyCoverage.bodyId, bodyId))
      .orderBy(asc(principals.name))
  ).map((r) => r.name);

export async function createBody(ctx: UserContext, input: BodyInput) {
  assertCountyAdmin(ctx);
  bodyFindings({ ...input, name: input.name ?? '' });
  return inTransaction(ctx.db, async (tx) => {
    const name = input.name.trim();
    await assertBodyNameFree(tx, ctx, name);
    const covers = [...new Set(input.coversPrincipalIds ?? [])];
    await assertCoverage(tx, ctx, covers);
    const id = `body-${ctx.user.county.code}-${randomUUID()}`;
    const row = {
      id,
      countyCode: ctx.user.county.code,
      name,
      shortName: input.shortName?.trim() || null,
      kind: input.kind as (typeof governanceBodyKinds)[number],
      description: input.description.trim(),
      source: null,
    };
    await tx.insert(governanceBodies).values(row);
    if (covers.length)
      await tx
        .insert(governanceBodyCoverage)
        .values(covers.map((principalId) => ({ bodyId: id, principalId })));
    await recordAdminChange(tx, ctx, 'bodyCreated', { type: 'governanceBody', id }, null, {
      name,
      shortName: row.shortName,
      kind: row.kind,
      covers: await coveredNames(tx, id),
    });
    return row;
  });
}

export async function changeBody(ctx: UserContext, bodyId: string, input: Partial<BodyInput>) {
  assertCountyAdmin(ctx);
  bodyFindings(input);
  return inTransaction(ctx.db, async (tx) => {
    const body = await bodyInCounty(tx, ctx, bodyId);
    const beforeCovers = await coveredNames(tx, bodyId);
    if (input.name !== undefined) await assertBodyNameFree(tx, ctx, input.name.trim(), bodyId);
    const set = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.shortName !== undefined ? { shortName: input.shortName.trim() || null } : {}),
      ...(input.kind !== undefined ? { kind: input.kind as (typeof governanceBodyKinds)[number] } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
    };
    if (Object.keys(set).length)
      await tx.update(governanceBodies).set(set).where(eq(governanceBodies.id, bodyId));
    if (input.coversPrincipalIds !== undefined) {
      const covers = [...new Set(input.coversPrincipalIds)];
      await assertCoverage(tx, ctx, covers);
      await tx.delete(governanceBodyCoverage).where(eq(governanceBodyCoverage.bodyId, bodyId));
      if (covers.length)
        await tx
          .insert(governanceBodyCoverage)
          .values(covers.map((principalId) => ({ bodyId, principalId })));
    }
    const after = { ...body, ...set };
    const pick = (b: typeof body, covers: string[]) => ({
      name: b.name,
      shortName: b.shortName,
      kind: b.kind,
      description: b.description,
      covers,
    });
    await recordAdminChange(
      tx,
      ctx,
      'bodyChanged',
      { type: 'governanceBody', id: bodyId },
      pick(body, beforeCovers),
      pick(after, await coveredNames(tx, bodyId)),
    );
    return after;
  });
}

/** Adds an active account of the county to a body; a member needs the governance role, which it then gets. */
export async function addBodyMember(ctx: UserContext, bodyId: string, userId: string) {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const body = await bodyInCounty(tx, ctx, bodyId);
    const [member] = await tx
      .select({
        id: users.id,
        username: users.username,
        active: users.active,
        countyCode: principals.countyCode,
      })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .innerJoin(principals, eq(principals.id, units.principalId))
      .where(eq(users.id, userId));
    if (!member || member.countyCode !== ctx.user.county.code || !member.active)
      throw unprocessable('Välj ett aktivt konto i länet.', [
        { path: 'userId', message: 'Välj ett aktivt konto i länet' },
      ]);
    const added = await tx
      .insert(governanceBodyMembers)
      .values({ bodyId, userId })
      .onConflictDoNothing()
      .returning({ userId: governanceBodyMembers.userId });
    if (added.length === 0) throw conflict('Kontot är redan ledamot i organet.');
    await tx.insert(userRoles).values({ userId, role: 'governance' }).onConflictDoNothing();
    await recordAdminChange(tx, ctx, 'bodyMemberAdded', { type: 'governanceBody', id: bodyId }, null, {
      body: body.name,
      member: member.username,
    });
  });
}

export async function removeBodyMember(ctx: UserContext, bodyId: string, userId: string) {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const body = await bodyInCounty(tx, ctx, bodyId);
    const removed = await tx
      .delete(governanceBodyMembers)
      .where(and(eq(governanceBodyMembers.bodyId, bodyId), eq(governanceBodyMembers.userId, userId)))
      .returning({ userId: governanceBodyMembers.userId });
    if (removed.length === 0) throw conflict('Kontot är inte ledamot i organet.');
    const [member] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId));
    await recordAdminChange(
      tx,
      ctx,
      'bodyMemberRemoved',
      { type: 'governanceBody', id: bodyId },
      { body: body.name, member: member?.username ?? userId },
      null,
    );
  });
}

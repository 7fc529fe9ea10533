import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { unprocessable } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertCountyAdmin, assertOwnCounty, recordAdminChange } from '../organisations/index.ts';
import { principals, units, users } from '../organisations/schema.ts';
import { builtInDefault } from './kinds.ts';
import {
  type NotificationCategory,
  type NotificationMode,
  notificationCategories,
  notificationCountyDefaults,
  notificationOptOuts,
  notificationPreferences,
} from './schema.ts';
import type { UnsubscribeKey } from './unsubscribe-token.ts';

// Who wants which mail: a user's own choice (at once, a daily digest at an hour, none; and the categories), the
// county's default, a unit's functional mailbox and its categories, and what an unsubscribe link ends.

export type Choice = { mode: NotificationMode; digestHour: number };

async function countyDefault(db: Db, countyCode: string): Promise<Choice> {
  const [row] = await db
    .select()
    .from(notificationCountyDefaults)
    .where(eq(notificationCountyDefaults.countyCode, countyCode));
  return row ? { mode: row.mode, digestHour: row.digestHour } : builtInDefault;
}

async function optedOutCategories(db: Db, type: 'user' | 'unit', id: string) {
  const rows = await db
    .select({ category: notificationOptOuts.category })
    .from(notificationOptOuts)
    .where(and(eq(notificationOptOuts.recipientType, type), eq(notificationOptOuts.recipientId, id)));
  return rows.map((r) => r.category);
}

/** Keeps exactly `wanted` of the categories for the recipient: every other one is opted out. */
async function setCategories(
  tx: Db,
  type: 'user' | 'unit',
  id: string,
  wanted: NotificationCategory[],
  now: Date,
) {
  const off = notificationCategories.filter((c) => !wanted.includes(c));
  await tx
    .delete(notificationOptOuts)
    .where(and(eq(notificationOptOuts.recipientType, type), eq(notificationOptOuts.recipientId, id)));
  if (off.length > 0)
    await tx
      .insert(notificationOptOuts)
      .values(off.map((category) => ({ recipientType: type, recipientId: id, category, at: now })));
}

/** The caller's settings: their own choice if they made one, else the county's default; and their categories. */
export async function readOwnPreferences(ctx: UserContext) {
  const [own] = await ctx.db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, ctx.user.id));
  const county = await countyDefault(ctx.db, ctx.user.county.code);
  const [account] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, ctx.user.id));
  const off = await optedOutCategories(ctx.db, 'user', ctx.user.id);
  return {
    choice: own ? { mode: own.mode, digestHour: own.digestHour } : county,
    ownChoice: Boolean(own),
    countyDefault: county,
    email: account?.email ?? null,
    categories: notificationCategories.filter((c) => !off.includes(c)),
  };
}

export async function saveOwnPreferences(
  ctx: UserContext,
  input: Choice & { categories: NotificationCategory[] },
) {
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .insert(notificationPreferences)
      .values({ userId: ctx.user.id, mode: input.mode, digestHour: input.digestHour, updatedAt: ctx.now })
      .onConflictDoUpdate({
        target: notificationPreferences.userId,
        set: { mode: input.mode, digestHour: input.digestHour, updatedAt: ctx.now },
      });
    await setCategories(tx, 'user', ctx.user.id, input.categories, ctx.now);
  });
}

export const readCountyDefault = (ctx: UserContext) => countyDefault(ctx.db, ctx.user.county.code);

/** The county administrator's default for the accounts that have not chosen themselves. */
export async function saveCountyDefault(ctx: UserContext, input: Choice) {
  assertCountyAdmin(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const before = await countyDefault(tx, ctx.user.county.code);
    await tx
      .insert(notificationCountyDefaults)
      .values({ countyCode: ctx.user.county.code, ...input, updatedAt: ctx.now })
      .onConflictDoUpdate({
        target: notificationCountyDefaults.countyCode,
        set: { ...input, updatedAt: ctx.now },
      });
    await recordAdminChange(
      tx,
      ctx,
      'notificationDefaultChanged',
      { type: 'county', id: ctx.user.county.code },
      before,
      input,
    );
  });
}

/** A unit of the administrator's county with its functional mailbox and the categories it gets (404 otherwise). */
export async function readUnitMailbox(ctx: UserContext, unitId: string) {
  assertCountyAdmin(ctx);
  const [row] = await ctx.db
    .select({
      id: units.id,
      name: units.name,
      active: units.active,
      mailbox: units.functionalMailbox,
      principalName: principals.name,
      countyCode: principals.countyCode,
    })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(eq(units.id, unitId));
  assertOwnCounty(ctx, row?.countyCode);
  const off = await optedOutCategories(ctx.db, 'unit', unitId);
  return { ...row!, categories: notificationCategories.filter((c) => !off.includes(c)) };
}

const emailShape = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** Sets or removes (empty) a unit's functional mailbox and the categories mailed there. */
export async function saveUnitMailbox(
  ctx: UserContext,
  unitId: string,
  input: { mailbox: string; categories: NotificationCategory[] },
) {
  const unit = await readUnitMailbox(ctx, unitId);
  const mailbox = input.mailbox.trim().toLowerCase() || null;
  if (mailbox && (mailbox.length > 200 || !emailShape.test(mailbox)))
    throw unprocessable('E-postadressen har fel form.', [
      { path: 'mailbox', message: 'Ange en e-postadress som enhet@kommun.se, eller lämna fältet tomt' },
    ]);
  await inTransaction(ctx.db, async (tx) => {
    await tx.update(units).set({ functionalMailbox: mailbox }).where(eq(units.id, unitId));
    await setCategories(tx, 'unit', unitId, input.categories, ctx.now);
    await recordAdminChange(
      tx,
      ctx,
      'unitMailboxChanged',
      { type: 'unit', id: unitId },
      { name: unit.name, mailbox: unit.mailbox, categories: unit.categories },
      { name: unit.name, mailbox, categories: input.categories },
    );
  });
}

/** What an unsubscribe link names, for its page: whose mail, and the scope. Null if the recipient is gone. */
export async function describeUnsubscriber(db: Db, key: UnsubscribeKey) {
  if (key.type === 'unit') {
    const [unit] = await db
      .select({ name: units.name, mailbox: units.functionalMailbox })
      .from(units)
      .where(eq(units.id, key.id));
    return unit ? { who: `funktionsbrevlådan för ${unit.name}`, address: unit.mailbox } : null;
  }
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, key.id));
  return user ? { who: 'dig', address: user.email } : null;
}

/** Ends what the link names: a category for the user or the mailbox, or (a digest's "all") every mail. */
export async function unsubscribe(db: Db, key: UnsubscribeKey, now: Date) {
  await inTransaction(db, async (tx) => {
    if (key.scope === 'all') {
      const [own] = await tx
        .select({ digestHour: notificationPreferences.digestHour })
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, key.id));
      await tx
        .insert(notificationPreferences)
        .values({
          userId: key.id,
          mode: 'none',
          digestHour: own?.digestHour ?? builtInDefault.digestHour,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: notificationPreferences.userId,
          set: { mode: 'none', updatedAt: now },
        });
      return;
    }
    await tx
      .insert(notificationOptOuts)
      .values({ recipientType: key.type, recipientId: key.id, category: key.scope, at: now })
      .onConflictDoNothing();
  });
}

/** How many of the county's active accounts the default reaches (those with no choice of their own). */
export async function accountsOnDefault(ctx: UserContext) {
  const [row] = await ctx.db
    .select({ total: count(users.id), own: count(notificationPreferences.userId) })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(eq(principals.countyCode, ctx.user.county.code), eq(users.active, true)));
  return { total: row?.total ?? 0, onDefault: (row?.total ?? 0) - (row?.own ?? 0) };
}

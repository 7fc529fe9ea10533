import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { forbidden } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { type RoleGrantChange, readingRoles, roleGrants, units } from '../schema.ts';

// An administrator who can give roles could give themselves, or anyone, the right to read a principal's person
// data. Two guards (decision 0016): no administrator changes their own roles or unit, and every change that
// lets an account read a principal's person data is recorded, append-only, for that principal's log reviewers.

/** 403: an administrator's own roles and unit are changed only by another administrator. */
export function refuseSelfChange(what: string): never {
  throw forbidden(`Du kan inte ${what}. Be en annan administratör i länet.`);
}

/** Where an account reads from, and with which roles, before or after a change. */
export type Reach = { principalId: string; roles: readonly string[]; active: boolean };

const reading = (roles: readonly string[]) =>
  roles.filter((r) => (readingRoles as readonly string[]).includes(r)).sort();

/** The reading roles the account holds after a change that it did not hold, active, at the same principal before. */
export function newlyGranted(before: Reach | null, after: Reach): string[] {
  if (!after.active) return [];
  const had = before?.active && before.principalId === after.principalId ? before.roles : [];
  return reading(after.roles).filter((r) => !had.includes(r));
}

export type GrantedAccount = { id: string; username: string; name: string; unitId: string };

/**
 * Writes the grant for the principal of the account's unit, in the caller's transaction; nothing when no
 * reading role is concerned.
 */
export async function recordRoleGrant(
  tx: Db,
  ctx: UserContext,
  change: RoleGrantChange,
  account: GrantedAccount,
  roles: readonly string[],
  fromPrincipalId: string | null = null,
): Promise<void> {
  const granted = reading(roles);
  if (granted.length === 0) return;
  const [unit] = await tx
    .select({ name: units.name, principalId: units.principalId })
    .from(units)
    .where(eq(units.id, account.unitId));
  await tx.insert(roleGrants).values({
    at: ctx.now,
    countyCode: ctx.user.county.code,
    principalId: unit!.principalId,
    change,
    roles: granted,
    adminUserId: ctx.user.id,
    adminUsername: ctx.user.username,
    adminName: ctx.user.name,
    accountUserId: account.id,
    accountUsername: account.username,
    accountName: account.name,
    unitId: account.unitId,
    unitName: unit!.name,
    fromPrincipalId,
  });
}

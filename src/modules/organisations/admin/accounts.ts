import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { issuePasswordLink } from '../../../platform/auth/password-links.ts';
import { endAllSessions } from '../../../platform/auth/sessions.ts';
import { conflict, unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { principals, type Role, units, userRoles, users } from '../schema.ts';
import { changedEidIdentifiers, identityNumberShown, takenEidIdentifiers } from './account-eid.ts';
import {
  type AccountChange,
  type AccountInput,
  accountFieldFindings,
  type Finding,
  takenIdentifiers,
} from './account-fields.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin } from './policy.ts';
import { accountInCounty } from './read-accounts.ts';
import { newlyGranted, recordRoleGrant, refuseSelfChange } from './role-grants.ts';
import { refusingTaken } from './unique-values.ts';

// Staff accounts of a county, as its administrators keep them. An account is never deleted, only
// deactivated: the access log and the administration log refer to it. A new account gets no password; a link
// to choose one goes to its e-mail through the outbox.

const refuse = (findings: Finding[]) => {
  if (findings.length) throw unprocessable(findings.map((f) => f.message).join(' '), findings);
};

/** What a value another account holds is refused with, whether found by a check or by a constraint. */
const taken = {
  users_username_unique: { path: 'username', message: 'Användarnamnet är upptaget' },
  users_email_unique: { path: 'email', message: 'E-postadressen används redan av ett annat konto' },
  ...takenEidIdentifiers,
};

/** An open unit of the administrator's county; a closed or unknown unit is a finding at `unitId`. */
async function openUnitOfCounty(tx: Db, ctx: UserContext, unitId: string) {
  const [u] = await tx
    .select({
      id: units.id,
      name: units.name,
      active: units.active,
      principalId: units.principalId,
      countyCode: principals.countyCode,
    })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(eq(units.id, unitId));
  if (!u || u.countyCode !== ctx.user.county.code || !u.active) return null;
  return u;
}

/** Inserts accounts already checked, with roles and a password link each; the caller's transaction. */
export async function insertAccounts(
  tx: Db,
  ctx: UserContext,
  accounts: (AccountInput & { unitName: string; identityNumberHash?: string | null })[],
) {
  const created = accounts.map((a) => ({
    id: randomUUID(),
    username: a.username.trim().toLowerCase(),
    name: a.name.trim(),
    email: a.email.trim().toLowerCase(),
    unitId: a.unitId,
    hsaId: a.hsaId ?? null,
    identityNumberHash: a.identityNumberHash ?? null,
    // No password yet: the account's holder chooses one through the link. No scrypt hash ever matches this.
    passwordHash: '!',
    createdAt: ctx.now,
  }));
  if (created.length === 0) return [];
  await tx.insert(users).values(created);
  const roleRows = created.flatMap((u, i) =>
    [...new Set(accounts[i]!.roles)].map((role) => ({ userId: u.id, role: role as Role })),
  );
  await tx.insert(userRoles).values(roleRows);
  for (const [i, u] of created.entries())
    await recordRoleGrant(tx, ctx, 'accountCreated', u, accounts[i]!.roles);
  for (const u of created)
    await issuePasswordLink(
      tx,
      { now: ctx.now, publicUrl: ctx.publicUrl, issuedBy: ctx.user.id },
      { ...u, countyCode: ctx.user.county.code },
      'welcome',
    );
  return created.map(({ passwordHash: _none, identityNumberHash: _hash, ...u }, i) => ({
    ...u,
    unitName: accounts[i]!.unitName,
    roles: [...new Set(accounts[i]!.roles)],
  }));
}

export async function createAccount(ctx: UserContext, input: AccountInput) {
  assertCountyAdmin(ctx);
  refuse(accountFieldFindings(input));
  return refusingTaken(taken, () => createAccountIn(ctx, input));
}

function createAccountIn(ctx: UserContext, input: AccountInput) {
  return inTransaction(ctx.db, async (tx) => {
    const unit = await openUnitOfCounty(tx, ctx, input.unitId);
    if (!unit) refuse([{ path: 'unitId', message: 'Välj en öppen enhet i länet' }]);
    const username = input.username.trim().toLowerCase();
    const email = input.email.trim().toLowerCase();
    const held = await takenIdentifiers(tx, [username], [email]);
    refuse([
      ...(held.usernames.has(username) ? [taken.users_username_unique] : []),
      ...(held.emails.has(email) ? [taken.users_email_unique] : []),
    ]);
    const [account] = await insertAccounts(tx, ctx, [{ ...input, unitName: unit!.name }]);
    await recordAdminChange(
      tx,
      ctx,
      'accountCreated',
      { type: 'user', id: account!.id },
      null,
      accountValues({
        ...account!,
        roles: account!.roles,
      }),
    );
    return account!;
  });
}

const accountValues = (a: {
  username: string;
  name: string;
  email: string | null;
  unitName: string;
  roles: string[];
  active?: boolean;
  hsaId?: string | null;
  identityNumber?: string | null;
}) => ({
  username: a.username,
  name: a.name,
  email: a.email,
  unit: a.unitName,
  roles: [...a.roles].sort(),
  ...(a.active === undefined ? {} : { active: a.active }),
  ...(a.hsaId === undefined ? {} : { hsaId: a.hsaId }),
  ...(a.identityNumber === undefined ? {} : { identityNumber: a.identityNumber }),
});

/**
 * Changes an account's name, e-mail, unit, roles, HSA-id or identity number. An administrator's own roles,
 * unit, HSA-id and identity number are another administrator's to change (403): else one could make themselves
 * a reader of any principal's person data, leave the county without an administrator by a slip, or give their
 * own e-ID login to an account they cannot otherwise enter. A reading role given, a move to another principal
 * and a reader's new e-mail (where password links go), HSA-id or identity number are recorded for the
 * principal's log reviewers. A value another account holds is refused with a 422 naming its field, also when a
 * concurrent change took it a moment before.
 */
export async function changeAccount(ctx: UserContext, userId: string, input: AccountChange) {
  assertCountyAdmin(ctx);
  refuse(
    accountFieldFindings(
      input,
      Object.keys(input).filter(
        (k) => input[k as keyof AccountChange] !== undefined,
      ) as (keyof AccountInput)[],
    ),
  );
  const change = (tx: Db) => changeAccountIn(tx, ctx, userId, input);
  return refusingTaken(taken, () => inTransaction(ctx.db, change));
}

async function changeAccountIn(tx: Db, ctx: UserContext, userId: string, change: AccountChange) {
  const found = await accountInCounty(tx, ctx, userId);
  const before = accountValues({
    ...found.user,
    unitName: found.unitName,
    roles: found.roles,
    identityNumber: identityNumberShown(found.user.identityNumberHash),
  });
  if (!found.user.active) throw conflict('Kontot är inaktiverat. Aktivera det först.');
  if (userId === ctx.user.id && changesReach(change, found))
    refuseSelfChange('ändra dina egna roller eller din egen enhet');
  const { hsaId, identityNumberHash } = await changedEidIdentifiers(tx, ctx, found.user, change);
  let unitName = found.unitName;
  let principalId = found.principalId;
  if (change.unitId && change.unitId !== found.user.unitId) {
    const unit = await openUnitOfCounty(tx, ctx, change.unitId);
    if (!unit) refuse([{ path: 'unitId', message: 'Välj en öppen enhet i länet' }]);
    unitName = unit!.name;
    principalId = unit!.principalId;
  }
  const email = change.email?.trim().toLowerCase();
  if (email && email !== found.user.email) {
    if ((await takenIdentifiers(tx, [], [email])).emails.has(email)) refuse([taken.users_email_unique]);
  }
  const set = {
    ...(hsaId !== undefined ? { hsaId } : {}),
    ...(identityNumberHash !== undefined ? { identityNumberHash } : {}),
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(change.unitId !== undefined ? { unitId: change.unitId } : {}),
  };
  if (Object.keys(set).length) await tx.update(users).set(set).where(eq(users.id, userId));
  const newRoles = change.roles ? [...new Set(change.roles)] : found.roles;
  if (change.roles) {
    await tx.delete(userRoles).where(eq(userRoles.userId, userId));
    await tx.insert(userRoles).values(newRoles.map((role) => ({ userId, role: role as Role })));
  }
  await recordGrants(tx, ctx, found, {
    unitId: set.unitId ?? found.user.unitId,
    principalId,
    newRoles,
    email,
    hsaId,
    identityNumberHash,
  });
  const after = accountValues({
    username: found.user.username,
    name: change.name?.trim() ?? found.user.name,
    email: email ?? found.user.email,
    unitName,
    roles: newRoles,
    hsaId: hsaId === undefined ? found.user.hsaId : hsaId,
    identityNumber:
      identityNumberHash === undefined
        ? before.identityNumber
        : identityNumberShown(identityNumberHash, found.user.identityNumberHash),
  });
  await recordAdminChange(
    tx,
    ctx,
    'accountChanged',
    { type: 'user', id: userId },
    changedOnly(before, after),
    changedOnly(after, before),
  );
  return { id: userId, ...after, active: true };
}

/** Whether a change touches the account's roles (as a set) or unit. */
function changesReach(change: AccountChange, found: { user: { unitId: string }; roles: string[] }) {
  const roles = change.roles ? [...new Set(change.roles)].sort() : found.roles;
  return (
    (change.unitId !== undefined && change.unitId !== found.user.unitId) ||
    JSON.stringify(roles) !== JSON.stringify([...found.roles].sort())
  );
}

/** The grants a change of an account makes, for the log reviewers of the principal it reads from after. */
async function recordGrants(
  tx: Db,
  ctx: UserContext,
  found: Awaited<ReturnType<typeof accountInCounty>>,
  after: {
    unitId: string;
    principalId: string;
    newRoles: string[];
    email: string | undefined;
    hsaId: string | null | undefined;
    identityNumberHash: string | null | undefined;
  },
) {
  const account = { ...found.user, unitId: after.unitId };
  const moved = after.principalId !== found.principalId;
  const granted = newlyGranted(
    { principalId: found.principalId, roles: found.roles, active: true },
    { principalId: after.principalId, roles: after.newRoles, active: true },
  );
  await recordRoleGrant(
    tx,
    ctx,
    moved ? 'movedToPrincipal' : 'rolesGranted',
    account,
    granted,
    moved ? found.principalId : null,
  );
  if (after.email !== undefined && after.email !== found.user.email)
    await recordRoleGrant(tx, ctx, 'emailChanged', account, after.newRoles);
  // A new HSA-id is a new way into the account (e-ID logs in by it), like a new e-mail address.
  if (after.hsaId) await recordRoleGrant(tx, ctx, 'hsaIdChanged', account, after.newRoles);
  if (after.identityNumberHash)
    await recordRoleGrant(tx, ctx, 'identityNumberChanged', account, after.newRoles);
}

/** The fields of `a` that differ from `b`: the log shows what changed, not everything. */
function changedOnly<T extends Record<string, unknown>>(a: T, b: T) {
  return Object.fromEntries(
    Object.entries(a).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(b[k])),
  ) as Record<string, string | string[] | boolean | null>;
}

/** Deactivates an account: it cannot log in, and every session it has ends at once. Never one's own. */
export async function deactivateAccount(ctx: UserContext, userId: string) {
  assertCountyAdmin(ctx);
  if (userId === ctx.user.id) throw conflict('Du kan inte inaktivera ditt eget konto.');
  return inTransaction(ctx.db, async (tx) => {
    const found = await accountInCounty(tx, ctx, userId);
    if (!found.user.active) throw conflict('Kontot är redan inaktiverat.');
    await tx.update(users).set({ active: false, deactivatedAt: ctx.now }).where(eq(users.id, userId));
    const ended = await endAllSessions(tx, userId, ctx.now);
    await recordAdminChange(
      tx,
      ctx,
      'accountDeactivated',
      { type: 'user', id: userId },
      { active: true },
      { active: false, endedSessions: ended },
    );
    return { id: userId, active: false, endedSessions: ended };
  });
}

/** Lets a deactivated account in again, if its unit is still open. */
export async function reactivateAccount(ctx: UserContext, userId: string) {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const found = await accountInCounty(tx, ctx, userId);
    if (found.user.active) throw conflict('Kontot är redan aktivt.');
    if (!(await openUnitOfCounty(tx, ctx, found.user.unitId)))
      throw conflict('Kontots enhet är stängd. Flytta kontot till en öppen enhet först.');
    await tx.update(users).set({ active: true, deactivatedAt: null }).where(eq(users.id, userId));
    await recordRoleGrant(tx, ctx, 'reactivated', found.user, found.roles);
    await recordAdminChange(
      tx,
      ctx,
      'accountReactivated',
      { type: 'user', id: userId },
      { active: false },
      { active: true },
    );
    return { id: userId, active: true };
  });
}

/** Sends the account a one-time link (24 h) to choose a new password, through the outbox. */
export async function sendPasswordReset(ctx: UserContext, userId: string) {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const found = await accountInCounty(tx, ctx, userId);
    if (!found.user.active) throw conflict('Kontot är inaktiverat. Aktivera det innan du skickar en länk.');
    const link = await issuePasswordLink(
      tx,
      { now: ctx.now, publicUrl: ctx.publicUrl, issuedBy: ctx.user.id },
      { ...found.user, countyCode: ctx.user.county.code },
      'reset',
    );
    await recordAdminChange(tx, ctx, 'passwordLinkIssued', { type: 'user', id: userId }, null, {
      to: found.user.email,
      validUntil: link.expiresAt.toISOString(),
    });
    return { id: userId, sentTo: found.user.email, expiresAt: link.expiresAt };
  });
}

import { addDays } from 'date-fns';
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { principals, type RoleGrantChange, roleGrants } from '../../modules/organisations/schema.ts';
import type { UserContext } from '../http/context.ts';
import { startOfSwedishDay } from './search-access-log.ts';

// Beside the access log, a log reviewer sees what administrators did that lets an account read their
// principal's person data (organisations/admin/role-grants.ts): a reading role given, an account or its unit
// moved in, a reader let in again or given a new e-mail. It names staff accounts, never a person in care, so
// reading it writes no access-log row.

export const roleGrantLabels: Record<RoleGrantChange, string> = {
  accountCreated: 'Nytt konto',
  rolesGranted: 'Roll tillagd',
  movedToPrincipal: 'Kontot flyttat hit från annan huvudman',
  unitMoved: 'Kontots enhet flyttad hit från annan huvudman',
  reactivated: 'Kontot aktiverat igen',
  emailChanged: 'Ny e-postadress (dit länkar för lösenord går)',
  hsaIdChanged: 'Nytt HSA-id (som e-legitimation loggar in med)',
  identityNumberChanged: 'Nytt personnummer (som e-legitimation loggar in med)',
};

// At most this many, newest first; narrow the dates to see older ones.
const maxRows = 1000;

/** The role grants for the reviewer's own principal, optionally between two dates (Swedish time, both included). */
export async function searchRoleGrants(
  ctx: UserContext,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const conditions: (SQL | undefined)[] = [eq(roleGrants.principalId, ctx.user.principal.id)];
  if (query.from) conditions.push(gte(roleGrants.at, startOfSwedishDay(query.from)));
  if (query.to) conditions.push(lt(roleGrants.at, addDays(startOfSwedishDay(query.to), 1)));
  const rows = await ctx.db
    .select({ grant: roleGrants, fromPrincipalName: principals.name })
    .from(roleGrants)
    .leftJoin(principals, eq(principals.id, roleGrants.fromPrincipalId))
    .where(and(...conditions))
    .orderBy(desc(roleGrants.at), desc(roleGrants.seq))
    .limit(maxRows);
  return rows.map(({ grant: g, fromPrincipalName }) => ({
    at: g.at.toISOString(),
    change: g.change,
    label: roleGrantLabels[g.change],
    roles: g.roles,
    principalId: g.principalId,
    admin: { userId: g.adminUserId, username: g.adminUsername, name: g.adminName },
    account: { userId: g.accountUserId, username: g.accountUsername, name: g.accountName },
    unit: { id: g.unitId, name: g.unitName },
    fromPrincipal: g.fromPrincipalId ? { id: g.fromPrincipalId, name: fromPrincipalName ?? '' } : null,
  }));
}

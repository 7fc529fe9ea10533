import { addDays } from 'date-fns';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
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

// The page shows at most this many, newest first (it says so; narrow the dates to see older ones). The API pages
// through all of them.
const pageRows = 1000;

/**
 * The role grants for the reviewer's own principal, optionally between two dates (Swedish time, both included),
 * newest first: `page` (offset and limit) for the API, the newest 1 000 otherwise.
 */
export async function searchRoleGrants(
  ctx: UserContext,
  query: { from?: string | undefined; to?: string | undefined },
  page: { offset: number; limit: number } = { offset: 0, limit: pageRows },
) {
  const where = and(...grantConditions(ctx, query));
  const rows = await ctx.db
    .select({ grant: roleGrants, fromPrincipalName: principals.name })
    .from(roleGrants)
    .leftJoin(principals, eq(principals.id, roleGrants.fromPrincipalId))
    .where(where)
    .orderBy(desc(roleGrants.at), desc(roleGrants.seq))
    .limit(page.limit)
    .offset(page.offset);
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

/** How many role grants the search finds in all (the API's X-Total-Count). */
export async function countRoleGrants(
  ctx: UserContext,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(roleGrants)
    .where(and(...grantConditions(ctx, query)));
  return row?.n ?? 0;
}

function grantConditions(ctx: UserContext, query: { from?: string | undefined; to?: string | undefined }) {
  const conditions: (SQL | undefined)[] = [eq(roleGrants.principalId, ctx.user.principal.id)];
  if (query.from) conditions.push(gte(roleGrants.at, startOfSwedishDay(query.from)));
  if (query.to) conditions.push(lt(roleGrants.at, addDays(startOfSwedishDay(query.to), 1)));
  return conditions;
}

import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { principals, type Role, units, userRoles, users } from '../schema.ts';
import { assertCountyAdmin, assertOwnCounty } from './policy.ts';

// Reading a county's accounts for its administrators: the list, one account, and the account a change locks.

/** SQL: the user's roles, sorted. */
const rolesOfUser = sql<
  Role[]
>`coalesce((select array_agg(r.role order by r.role) from ${userRoles} r where r.user_id = ${users.id}), '{}')`;

/** An account of the administrator's county with unit name and roles, locked for a change. */
export async function accountInCounty(tx: Db, ctx: UserContext, userId: string, lock = true) {
  const query = tx
    .select({
      user: users,
      unitName: units.name,
      principalId: units.principalId,
      countyCode: principals.countyCode,
      roles: rolesOfUser,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(eq(users.id, userId));
  const [row] = lock ? await query.for('update', { of: users }) : await query;
  assertOwnCounty(ctx, row?.countyCode);
  return row!;
}

const pageSize = 50;

/** The county's accounts, searchable by name, username or e-mail, filtered by unit; a page of 50 at a time. */
export async function listAccounts(
  db: Db,
  countyCode: string,
  filter: { q?: string | undefined; unitId?: string | undefined; page: number },
) {
  const found = await pageAccounts(db, countyCode, filter, {
    offset: (filter.page - 1) * pageSize,
    limit: pageSize,
  });
  return { accounts: found.items, total: found.total, size: pageSize };
}

/** The same list, any page (the API's `page` and `pageSize`); the total counts every match. */
export async function pageAccounts(
  db: Db,
  countyCode: string,
  filter: { q?: string | undefined; unitId?: string | undefined },
  p: { offset: number; limit: number },
) {
  const q = filter.q?.trim();
  const where = and(
    eq(principals.countyCode, countyCode),
    filter.unitId ? eq(users.unitId, filter.unitId) : undefined,
    q
      ? or(ilike(users.name, `%${q}%`), ilike(users.username, `%${q}%`), ilike(users.email, `%${q}%`))
      : undefined,
  );
  const base = db
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      email: users.email,
      active: users.active,
      unitId: units.id,
      unitName: units.name,
      principalName: principals.name,
      roles: rolesOfUser,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(where)
    .orderBy(sql`${users.active} desc`, asc(users.name), asc(users.username))
    .limit(p.limit)
    .offset(p.offset);
  const [rows, [counted]] = await Promise.all([
    base,
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .innerJoin(principals, eq(principals.id, units.principalId))
      .where(where),
  ]);
  return { items: rows, total: counted?.n ?? 0 };
}

/**
 * One account for its administration page: whether an identity number is kept for e-ID logins, never its
 * keyed hash (which no page or answer shows).
 */
export async function loadAccountForAdmin(ctx: UserContext, userId: string) {
  assertCountyAdmin(ctx);
  const found = await accountInCounty(ctx.db, ctx, userId, false);
  const { identityNumberHash, ...user } = found.user;
  return {
    ...user,
    unitName: found.unitName,
    roles: found.roles,
    passwordSet: found.user.passwordHash !== '!',
    identityNumberSet: identityNumberHash !== null,
  };
}

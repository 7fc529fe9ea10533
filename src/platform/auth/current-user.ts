import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  counties,
  type PrincipalKind,
  principals,
  type Role,
  units,
  users,
} from '../../modules/organisations/schema.ts';

/** The logged-in user as every use case sees it: who, in which unit, principal and county, with which roles. */
export type CurrentUser = {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  unit: { id: string; name: string };
  principal: { id: string; name: string; kind: PrincipalKind };
  county: { code: string; name: string };
  /** The governance bodies the user is a member of. */
  bodyIds: string[];
};

export function hasRole(user: CurrentUser, role: Role): boolean {
  return user.roles.includes(role);
}

export const userColumns = {
  id: users.id,
  username: users.username,
  name: users.name,
  active: users.active,
  roles: sql<
    Role[]
  >`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = ${users.id}), '{}')`,
  bodyIds: sql<
    string[]
  >`coalesce((select array_agg(m.body_id order by m.body_id) from governance_body_members m where m.user_id = ${users.id}), '{}')`,
  unitId: units.id,
  unitName: units.name,
  principalId: principals.id,
  principalName: principals.name,
  principalKind: principals.kind,
  countyCode: counties.code,
  countyName: counties.name,
};

type UserRow = { [K in keyof typeof userColumns]: unknown } & Record<string, unknown>;

/** One query: the user with unit, principal, county and roles. Null for an unknown or deactivated user. */
export async function loadCurrentUser(db: Db, userId: string): Promise<CurrentUser | null> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .innerJoin(counties, eq(counties.code, principals.countyCode))
    .where(eq(users.id, userId));
  return row?.active ? toCurrentUser(row) : null;
}

export function toCurrentUser(row: UserRow): CurrentUser {
  return {
    id: row.id as string,
    username: row.username as string,
    name: row.name as string,
    roles: row.roles as Role[],
    unit: { id: row.unitId as string, name: row.unitName as string },
    principal: {
      id: row.principalId as string,
      name: row.principalName as string,
      kind: row.principalKind as PrincipalKind,
    },
    county: { code: row.countyCode as string, name: row.countyName as string },
    bodyIds: row.bodyIds as string[],
  };
}

import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  governanceBodyMembers,
  principals,
  units,
  userRoles,
  users,
} from '../../modules/organisations/schema.ts';
import { type CurrentUser, loadCurrentUser } from '../../platform/auth/current-user.ts';
import type { UserContext } from '../../platform/http/context.ts';
import type { Rng } from './random.ts';

// Who acts in the living demo, read from the demo accounts: each county's care units (a unit of the region or a
// municipality with a staff account: psychiatry, adult social services, housing support) with their staff and
// manager, and a member of each governance body. Every use case is called as one of them, at its own moment.

/** A care unit that takes part in the work, with the accounts that act for it. */
export type Party = {
  principalId: string;
  kind: 'region' | 'municipality';
  unitId: string;
  unitName: string;
  /** A staff account of the unit. */
  staff: string;
  /** A manager of the unit, where the demo has one. */
  manager: string | null;
  /** One of the units the demo accounts of the README use, so their lists fill first. */
  main: boolean;
};

export type CountyWorld = {
  /** The transaction the current part of the history is played in. */
  db: Db;
  code: string;
  now: Date;
  r: Rng;
  region: Party;
  /** Each municipality's adult social services. */
  municipalities: Party[];
  /** The adult social services of the municipality of the README's accounts (Karlstad in Värmland). */
  readmeMunicipality: Party;
  /** Other care units of a municipality (Eskilstuna's housing support). */
  otherUnits: Party[];
  /** A use case's context: the account, at the moment the event happens. */
  ctx(username: string, at: Date): Promise<UserContext>;
  /** A member of the body, to act for it. */
  memberOf(bodyId: string): string;
  /** The units of a principal that may be invited (its care units). */
  unitsOf(principalId: string): Party[];
};

type AccountRow = {
  id: string;
  username: string;
  unitId: string;
  unitName: string;
  principalId: string;
  kind: string;
  role: string;
};

/**
 * The county's actors, read from its demo accounts; `main` names the municipalities the README's accounts use.
 * `w.in(tx)` is the same world acting in a transaction: every use case's context then holds that handle.
 */
export async function countyWorld(
  db: Db,
  opts: { code: string; now: Date; r: Rng; main: string[]; publicUrl: string },
): Promise<CountyWorld & { in(tx: Db): CountyWorld }> {
  const rows: AccountRow[] = await db
    .select({
      id: users.id,
      username: users.username,
      unitId: units.id,
      unitName: units.name,
      principalId: principals.id,
      kind: principals.kind,
      role: userRoles.role,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(principals.countyCode, opts.code), eq(users.active, true)))
    .orderBy(users.username);
  const parties = partiesOf(rows, opts.main);
  // The region's outpatient psychiatry, whose manager answers cases (the inpatient unit of the discharge demo has
  // staff only, and comes first by name).
  const region =
    parties.find((p) => p.kind === 'region' && p.manager !== null) ??
    parties.find((p) => p.kind === 'region');
  if (!region) throw new Error(`the demo has no care unit of the region in county ${opts.code}`);
  const members = await bodyMembers(
    db,
    rows.map((r) => r.id),
  );
  const idOf = new Map(rows.map((r) => [r.username, r.id]));
  const usersByName = new Map<string, CurrentUser>();
  const ctxIn =
    (handle: Db) =>
    async (username: string, at: Date): Promise<UserContext> => {
      let user = usersByName.get(username);
      if (!user) {
        const found = await loadCurrentUser(handle, idOf.get(username) ?? '');
        if (!found) throw new Error(`no demo account ${username}`);
        user = found;
        usersByName.set(username, user);
      }
      return { db: handle, now: at, user, session: null, requestId: 'demo', publicUrl: opts.publicUrl };
    };
  const social = parties.filter((p) => p.kind === 'municipality' && p.unitName.startsWith('Socialtjänst'));
  const world: CountyWorld = {
    db,
    code: opts.code,
    now: opts.now,
    r: opts.r,
    region,
    municipalities: social,
    readmeMunicipality: social.find((p) => p.unitName.endsWith(`, ${opts.main[0]}`)) ?? social[0]!,
    otherUnits: parties.filter((p) => p.kind === 'municipality' && !social.includes(p)),
    ctx: ctxIn(db),
    memberOf: (bodyId) => {
      const username = members.get(bodyId);
      if (!username) throw new Error(`no demo member of ${bodyId}`);
      return username;
    },
    unitsOf: (principalId) => parties.filter((p) => p.principalId === principalId),
  };
  return { ...world, in: (handle) => ({ ...world, db: handle, ctx: ctxIn(handle) }) };
}

/** Care units: a region's or a municipality's unit with a staff account. */
function partiesOf(rows: AccountRow[], main: string[]): Party[] {
  const parties = new Map<string, Party>();
  for (const row of rows) {
    if (row.role !== 'staff' || (row.kind !== 'region' && row.kind !== 'municipality')) continue;
    if (parties.has(row.unitId)) continue;
    const manager = rows.find((m) => m.unitId === row.unitId && m.role === 'manager');
    parties.set(row.unitId, {
      principalId: row.principalId,
      kind: row.kind,
      unitId: row.unitId,
      unitName: row.unitName,
      staff: row.username,
      manager: manager?.username ?? null,
      main: row.kind === 'region' || main.some((place) => row.unitName.endsWith(`, ${place}`)),
    });
  }
  return [...parties.values()];
}

/** A member (the first by username) of each body with a demo member. */
async function bodyMembers(tx: Db, userIds: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ bodyId: governanceBodyMembers.bodyId, username: users.username })
    .from(governanceBodyMembers)
    .innerJoin(users, eq(users.id, governanceBodyMembers.userId))
    .where(inArray(users.id, userIds))
    .orderBy(users.username);
  const found = new Map<string, string>();
  for (const row of rows) if (!found.has(row.bodyId)) found.set(row.bodyId, row.username);
  return found;
}

import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { unitClosedReactions } from '../../../platform/modules/reactions.ts';
import { principals, unitChanges, units, users } from '../schema.ts';
import { assertCountyAdmin, assertOwnCounty } from './policy.ts';

// Reading a county's units for its administrators: the list, one unit, and the open work a unit holds.

/** The county's units by principal, open first, with their accounts counted; for the administration pages. */
export async function listCountyUnits(db: Db, countyCode: string, filter: { principalId?: string } = {}) {
  return (
    db
      .select({
        id: units.id,
        name: units.name,
        kind: units.kind,
        active: units.active,
        closedAt: units.closedAt,
        principalId: principals.id,
        principalName: principals.name,
        principalKind: principals.kind,
        accounts: sql<number>`(select count(*)::int from ${users} x where x.unit_id = ${units.id} and x.active)`,
      })
      .from(units)
      .innerJoin(principals, eq(principals.id, units.principalId))
      .where(
        and(
          eq(principals.countyCode, countyCode),
          filter.principalId ? eq(units.principalId, filter.principalId) : undefined,
        ),
      )
      // The region first, then the municipalities, then the others: the order of the county's pages.
      .orderBy(
        sql`case ${principals.kind} when 'region' then 0 when 'municipality' then 1 else 2 end`,
        asc(principals.name),
        sql`${units.active} desc`,
        asc(units.name),
      )
  );
}

/** One unit for its administration page: the unit, its successor, its accounts and its earlier names. */
export async function loadUnitForAdmin(ctx: UserContext, unitId: string) {
  assertCountyAdmin(ctx);
  const [row] = await ctx.db
    .select({ unit: units, countyCode: principals.countyCode, principalName: principals.name })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(eq(units.id, unitId));
  assertOwnCounty(ctx, row?.countyCode);
  const { unit, principalName } = row!;
  const [successor] = unit.successorUnitId
    ? await ctx.db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(eq(units.id, unit.successorUnitId))
    : [];
  const [accounts, history, work] = await Promise.all([
    ctx.db
      .select({ id: users.id, username: users.username, name: users.name, active: users.active })
      .from(users)
      .where(eq(users.unitId, unitId))
      .orderBy(asc(users.name)),
    ctx.db
      .select({
        changedAt: unitChanges.changedAt,
        previousName: unitChanges.previousName,
        previousPrincipalName: principals.name,
      })
      .from(unitChanges)
      .innerJoin(principals, eq(principals.id, unitChanges.previousPrincipalId))
      .where(eq(unitChanges.unitId, unitId))
      .orderBy(asc(unitChanges.changedAt)),
    unit.active ? openWork(ctx.db, unitId) : Promise.resolve({ sips: 0, cases: 0 }),
  ]);
  return { ...unit, principalName, successor: successor ?? null, accounts, history, work };
}

// The modules that keep work of units (SIPs, deviations, disputes) answer for it through their manifests'
// reactions to a unit's closure: this module never reads their tables.

export type OpenWork = { sips: number; cases: number };

/** Whether any module holds records, closed too, that belong to the unit's principal (the SIPs do). */
export async function tiedToPrincipal(tx: Db, unitId: string): Promise<boolean> {
  for (const r of unitClosedReactions()) if (await r.tiesUnitToPrincipal?.(tx, unitId)) return true;
  return false;
}

/** The unit's open work of one kind, summed over the modules that keep it. */
export async function openWorkOf(tx: Db, unitId: string, work: keyof OpenWork): Promise<number> {
  let n = 0;
  for (const r of unitClosedReactions()) if (r.work === work) n += await r.openWork(tx, unitId);
  return n;
}

export async function openWork(tx: Db, unitId: string): Promise<OpenWork> {
  const sips = await openWorkOf(tx, unitId, 'sips');
  const cases = await openWorkOf(tx, unitId, 'cases');
  return { sips, cases };
}

/** "2 pågående SIP och 1 öppet ärende (avvikelse eller tvist)". */
export function describeWork(work: OpenWork): string {
  const parts = [
    work.sips ? `${work.sips} pågående SIP` : '',
    work.cases
      ? `${work.cases} ${work.cases === 1 ? 'öppet ärende' : 'öppna ärenden'} (avvikelser eller tvister)`
      : '',
  ].filter(Boolean);
  return parts.join(' och ');
}

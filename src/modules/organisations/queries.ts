import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type CaseKind,
  counties,
  escalationLevelBodies,
  escalationLevels,
  governanceBodies,
  governanceBodyCoverage,
  governanceBodyMembers,
  principals,
  units,
  users,
} from './schema.ts';

// Region first, then municipalities by name, then the others: the order people expect in a county.
const kindOrder = { region: 0, municipality: 1, userOrganisation: 2, privateProvider: 3 } as const;
const byKindThenName = (a: { kind: keyof typeof kindOrder; name: string }, b: typeof a) =>
  kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name, 'sv');

export async function listCounties(db: Db) {
  const [countyRows, principalRows] = await Promise.all([
    db.select().from(counties).orderBy(asc(counties.name)),
    db.select().from(principals),
  ]);
  return countyRows
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((c) => ({
      ...c,
      principals: principalRows.filter((p) => p.countyCode === c.code).sort(byKindThenName),
    }));
}

/** One county with its principals in the order people expect (region, municipalities, the others), or null. */
export async function countyWithPrincipals(db: Db, code: string) {
  const [[county], principalRows] = await Promise.all([
    db.select().from(counties).where(eq(counties.code, code)),
    db.select().from(principals).where(eq(principals.countyCode, code)),
  ]);
  return county ? { ...county, principals: principalRows.sort(byKindThenName) } : null;
}

export async function findCounty(db: Db, code: string) {
  const [county] = await db.select().from(counties).where(eq(counties.code, code));
  return county ?? null;
}

export async function findPrincipal(db: Db, id: string) {
  const [principal] = await db.select().from(principals).where(eq(principals.id, id));
  return principal ?? null;
}

export async function listUnits(db: Db, filter: { principalId?: string }) {
  return db
    .select({ id: units.id, name: units.name, principalId: units.principalId })
    .from(units)
    .where(
      and(eq(units.active, true), filter.principalId ? eq(units.principalId, filter.principalId) : undefined),
    )
    .orderBy(asc(units.name));
}

/** A county's governance bodies with members and covered principals, and its ladders for deviations and disputes. */
export async function countyGovernance(db: Db, countyCode: string) {
  const bodies = await db
    .select()
    .from(governanceBodies)
    .where(eq(governanceBodies.countyCode, countyCode))
    .orderBy(asc(governanceBodies.name));
  const ids = bodies.map((b) => b.id);
  // One query after another: `db` may be a transaction (the ladder administration's snapshot), and a
  // transaction's one connection must not be sent the next query before the last has answered.
  const members = ids.length
    ? await db
        .select({
          bodyId: governanceBodyMembers.bodyId,
          userId: users.id,
          name: users.name,
          unitName: units.name,
        })
        .from(governanceBodyMembers)
        .innerJoin(users, eq(users.id, governanceBodyMembers.userId))
        .innerJoin(units, eq(units.id, users.unitId))
        .where(inArray(governanceBodyMembers.bodyId, ids))
    : [];
  const coverage = ids.length
    ? await db
        .select({ bodyId: governanceBodyCoverage.bodyId, name: principals.name })
        .from(governanceBodyCoverage)
        .innerJoin(principals, eq(principals.id, governanceBodyCoverage.principalId))
        .where(inArray(governanceBodyCoverage.bodyId, ids))
    : [];
  const levels = await db
    .select()
    .from(escalationLevels)
    .where(eq(escalationLevels.countyCode, countyCode))
    .orderBy(asc(escalationLevels.level));
  const levelBodies = await db
    .select()
    .from(escalationLevelBodies)
    .where(eq(escalationLevelBodies.countyCode, countyCode));
  const withDetail = bodies.map((b) => ({
    ...b,
    members: members.filter((m) => m.bodyId === b.id).sort((x, y) => x.name.localeCompare(y.name, 'sv')),
    covers: coverage
      .filter((c) => c.bodyId === b.id)
      .map((c) => c.name)
      .sort((x, y) => x.localeCompare(y, 'sv')),
  }));
  const ladderOf = (caseKind: CaseKind) =>
    levels
      .filter((l) => l.caseKind === caseKind)
      .map((l) => ({
        ...l,
        bodies: levelBodies
          .filter((lb) => lb.caseKind === caseKind && lb.level === l.level)
          .map((lb) => withDetail.find((b) => b.id === lb.bodyId)!),
      }));
  return { bodies: withDetail, ladders: { deviation: ladderOf('deviation'), dispute: ladderOf('dispute') } };
}

/** A principal with its open units, and for a private provider the principal that contracted it. */
export async function principalWithUnits(db: Db, principalId: string) {
  const principal = await findPrincipal(db, principalId);
  if (!principal) return null;
  const contractedBy = principal.contractedByPrincipalId
    ? await findPrincipal(db, principal.contractedByPrincipalId)
    : null;
  return { principal, contractedBy, units: await listUnits(db, { principalId }) };
}

/** Names for the unit and principal ids a page shows, in two queries. */
export async function organisationNames(db: Db, ids: { unitIds: string[]; principalIds: string[] }) {
  const [unitRows, principalRows] = await Promise.all([
    ids.unitIds.length
      ? db
          .select({ id: units.id, name: units.name, principalName: principals.name })
          .from(units)
          .innerJoin(principals, eq(principals.id, units.principalId))
          .where(inArray(units.id, ids.unitIds))
      : [],
    ids.principalIds.length
      ? db
          .select({ id: principals.id, name: principals.name })
          .from(principals)
          .where(inArray(principals.id, ids.principalIds))
      : [],
  ]);
  return {
    unit: (id: string) => unitRows.find((u) => u.id === id)?.name ?? 'Okänd enhet',
    unitWithPrincipal: (id: string) => {
      const u = unitRows.find((x) => x.id === id);
      return u ? `${u.name}, ${u.principalName}` : 'Okänd enhet';
    },
    principal: (id: string) => principalRows.find((p) => p.id === id)?.name ?? 'Okänd huvudman',
  };
}

/** Active units of the given principals, with the principal's name, for choosing whom to invite. */
export async function unitsOfPrincipals(db: Db, principalIds: string[]) {
  if (principalIds.length === 0) return [];
  return db
    .select({ id: units.id, name: units.name, principalId: principals.id, principalName: principals.name })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(and(eq(units.active, true), inArray(units.principalId, principalIds)))
    .orderBy(asc(principals.name), asc(units.name));
}

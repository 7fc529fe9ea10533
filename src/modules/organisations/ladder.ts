import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import {
  type CaseKind,
  caseCategories,
  caseReceivers,
  escalationLevelBodies,
  escalationLevels,
  escalationPathBodies,
  escalationPathLevels,
  governanceBodies,
  governanceBodyCoverage,
  governanceBodyMembers,
  principals,
  units,
  userRoles,
  users,
} from './schema.ts';

// Deviations and disputes climb the same kind of ladder (DOMAIN.md §1, §4, §5): level 1 is the managers of the
// principals involved, each level above names governance bodies. A county may start a ladder at a body instead
// (Värmland sends deviations straight to its Beredningsgrupp): a level without bodies is the managers', a level
// with bodies is theirs. This file turns the county's ladder into the path of one case, and finds who receives
// a case at the managers' level.

export type PathLevel = { level: number; label: string; bodies: { id: string; name: string }[] };

/** Whether the managers of the principals concerned hold a case at this level of its path (no bodies there). */
export const managersHold = (path: PathLevel[], level: number) =>
  (path.find((l) => l.level === level)?.bodies.length ?? 0) === 0;

/** SQL: the case's current level names no body on its own path, so the managers hold it. */
export const managersHoldSql = (caseKind: CaseKind, caseId: SQL, level: SQL): SQL =>
  sql`not exists (select 1 from ${escalationPathBodies} hold where hold.case_kind = ${caseKind}
    and hold.case_id = ${caseId} and hold.level = ${level})`;

/**
 * The county's ladder as it stands, with each level's bodies narrowed to those covering the principals
 * involved (Örebro's länsdelsgrupper, Sörmland's ANP/AVP/ASPF). A level whose bodies all cover other parts of
 * the county keeps every body, so a case is never left without a receiver.
 */
export async function planEscalationPath(
  tx: Db,
  countyCode: string,
  caseKind: CaseKind,
  principalIds: string[],
): Promise<PathLevel[]> {
  const levels = await tx
    .select()
    .from(escalationLevels)
    .where(and(eq(escalationLevels.countyCode, countyCode), eq(escalationLevels.caseKind, caseKind)))
    .orderBy(asc(escalationLevels.level));
  const levelBodies = await tx
    .select({ level: escalationLevelBodies.level, id: governanceBodies.id, name: governanceBodies.name })
    .from(escalationLevelBodies)
    .innerJoin(governanceBodies, eq(governanceBodies.id, escalationLevelBodies.bodyId))
    .where(
      and(eq(escalationLevelBodies.countyCode, countyCode), eq(escalationLevelBodies.caseKind, caseKind)),
    )
    .orderBy(asc(governanceBodies.name));
  const coverage = levelBodies.length
    ? await tx
        .select()
        .from(governanceBodyCoverage)
        .where(
          inArray(
            governanceBodyCoverage.bodyId,
            levelBodies.map((b) => b.id),
          ),
        )
    : [];
  const covers = (bodyId: string) => coverage.filter((c) => c.bodyId === bodyId).map((c) => c.principalId);
  return levels.map((l) => {
    const all = levelBodies.filter((b) => b.level === l.level).map(({ id, name }) => ({ id, name }));
    const concerned = all.filter((b) => {
      const covered = covers(b.id);
      return covered.length === 0 || covered.some((p) => principalIds.includes(p));
    });
    return { level: l.level, label: l.label, bodies: concerned.length ? concerned : all };
  });
}

export async function savePath(tx: Db, caseKind: CaseKind, caseId: string, path: PathLevel[]) {
  await tx
    .insert(escalationPathLevels)
    .values(path.map((l) => ({ caseKind, caseId, level: l.level, label: l.label })));
  const bodies = path.flatMap((l) =>
    l.bodies.map((b) => ({ caseKind, caseId, level: l.level, bodyId: b.id })),
  );
  if (bodies.length) await tx.insert(escalationPathBodies).values(bodies);
}

export async function readPath(tx: Db, caseKind: CaseKind, caseId: string): Promise<PathLevel[]> {
  const levels = await tx
    .select()
    .from(escalationPathLevels)
    .where(and(eq(escalationPathLevels.caseKind, caseKind), eq(escalationPathLevels.caseId, caseId)))
    .orderBy(asc(escalationPathLevels.level));
  const bodies = await tx
    .select({ level: escalationPathBodies.level, id: governanceBodies.id, name: governanceBodies.name })
    .from(escalationPathBodies)
    .innerJoin(governanceBodies, eq(governanceBodies.id, escalationPathBodies.bodyId))
    .where(and(eq(escalationPathBodies.caseKind, caseKind), eq(escalationPathBodies.caseId, caseId)))
    .orderBy(asc(governanceBodies.name));
  return levels.map((l) => ({
    level: l.level,
    label: l.label,
    bodies: bodies.filter((b) => b.level === l.level).map(({ id, name }) => ({ id, name })),
  }));
}

/** The next level of a path, or 409 when the case is at the top of its ladder. */
export function nextLevel(path: PathLevel[], current: number): PathLevel {
  const next = path.find((l) => l.level === current + 1);
  if (!next) throw conflict('Ärendet är redan på den högsta nivån i länets eskaleringsordning.');
  return next;
}

/**
 * The unit receiving a case for each principal: the principal's configured receiver, otherwise its first unit
 * (by name) with an active manager. A principal with neither cannot receive a case: 422.
 */
export async function resolveReceivers(tx: Db, principalIds: string[]): Promise<Map<string, string>> {
  const configured = await tx
    .select({ principalId: caseReceivers.principalId, unitId: caseReceivers.unitId })
    .from(caseReceivers)
    .innerJoin(units, eq(units.id, caseReceivers.unitId))
    .where(and(inArray(caseReceivers.principalId, principalIds), eq(units.active, true)));
  const receivers = new Map(configured.map((r) => [r.principalId, r.unitId]));
  const missing = principalIds.filter((p) => !receivers.has(p));
  if (missing.length) {
    const managed = await tx
      .selectDistinct({ principalId: units.principalId, unitId: units.id, name: units.name })
      .from(units)
      .innerJoin(users, and(eq(users.unitId, units.id), eq(users.active, true)))
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'manager')))
      .where(and(inArray(units.principalId, missing), eq(units.active, true)))
      .orderBy(asc(units.name));
    for (const m of managed) if (!receivers.has(m.principalId)) receivers.set(m.principalId, m.unitId);
  }
  const unreachable = principalIds.filter((p) => !receivers.has(p));
  if (unreachable.length) {
    const names = await tx
      .select({ name: principals.name })
      .from(principals)
      .where(inArray(principals.id, unreachable));
    throw unprocessable(
      `${names.map((n) => n.name).join(', ')} har ingen chef som tar emot ärenden i Sömlös. Kontakta länets administratör.`,
    );
  }
  return receivers;
}

/**
 * SQL: the user is a member of a body on the case's path at or below the level the case has reached. caseId
 * and level are the case table's columns, written out by the caller.
 */
export function reachedBodyOf(caseKind: CaseKind, userId: string, caseId: SQL, level: SQL): SQL {
  return sql`exists (select 1 from ${escalationPathBodies} pb
    join ${governanceBodyMembers} gm on gm.body_id = pb.body_id
    where pb.case_kind = ${caseKind} and pb.case_id = ${caseId} and pb.level <= ${level} and gm.user_id = ${userId})`;
}

/** SQL: the user is a member of one of the bodies at the case's current level. */
export function currentBodyOf(caseKind: CaseKind, userId: string, caseId: SQL, level: SQL): SQL {
  return sql`exists (select 1 from ${escalationPathBodies} pb
    join ${governanceBodyMembers} gm on gm.body_id = pb.body_id
    where pb.case_kind = ${caseKind} and pb.case_id = ${caseId} and pb.level = ${level} and gm.user_id = ${userId})`;
}

/** The county's active categories of one kind of case, in their order. */
export async function listCategories(db: Db, countyCode: string, caseKind: CaseKind) {
  return db
    .select({ key: caseCategories.key, label: caseCategories.label, active: caseCategories.active })
    .from(caseCategories)
    .where(and(eq(caseCategories.countyCode, countyCode), eq(caseCategories.caseKind, caseKind)))
    .orderBy(asc(caseCategories.position));
}

/** Labels of some of a county's categories of one kind, by key; a key without a row keeps its key as label. */
export async function categoryLabels(db: Db, countyCode: string, caseKind: CaseKind, keys: string[]) {
  const rows = keys.length
    ? await db
        .select({ key: caseCategories.key, label: caseCategories.label })
        .from(caseCategories)
        .where(
          and(
            eq(caseCategories.countyCode, countyCode),
            eq(caseCategories.caseKind, caseKind),
            inArray(caseCategories.key, keys),
          ),
        )
    : [];
  const labels = new Map(rows.map((r) => [r.key, r.label]));
  return (key: string) => labels.get(key) ?? key;
}

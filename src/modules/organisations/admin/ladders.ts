import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { isoDate } from '../../../platform/clock.ts';
import { conflict, notFound, unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { countyGovernance } from '../queries.ts';
import { type CaseKind, escalationLevelBodies, escalationLevels, governanceBodies } from '../schema.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin } from './policy.ts';

// A county's two escalation ladders, one for deviations and one for disputes, as its administrators keep
// them. Level 1 is the managers of the principals concerned, except that a deviation ladder may start at a body
// (Värmland's deviations go straight to its Beredningsgrupp); each level above names its bodies. A
// case copies the ladder when it is opened (organisations/ladder.ts), so a change here reaches new cases
// only: one on its way keeps the path it started with.

export type LevelInput = { label: string; bodyIds: string[]; source?: string | undefined };

const kindName: Record<CaseKind, string> = { deviation: 'avvikelser', dispute: 'tvister' };

async function ladderOf(tx: Db, countyCode: string, caseKind: CaseKind) {
  return tx
    .select()
    .from(escalationLevels)
    .where(and(eq(escalationLevels.countyCode, countyCode), eq(escalationLevels.caseKind, caseKind)))
    .orderBy(escalationLevels.level)
    .for('update');
}

function levelFindings(input: Partial<LevelInput>, needsBodies: boolean) {
  const found: { path: string; message: string }[] = [];
  if (input.label !== undefined && (input.label.trim().length < 2 || input.label.trim().length > 200))
    found.push({ path: 'label', message: 'Ange nivåns namn, 2–200 tecken' });
  if (needsBodies && input.bodyIds !== undefined && input.bodyIds.length === 0)
    found.push({ path: 'bodyIds', message: 'Välj minst ett samverkansorgan som tar emot ärenden på nivån' });
  if (input.source !== undefined && input.source.trim().length > 300)
    found.push({ path: 'source', message: 'Källan får ha högst 300 tecken' });
  if (found.length) throw unprocessable(found.map((f) => f.message).join(' '), found);
}

async function assertCountyBodies(tx: Db, ctx: UserContext, bodyIds: string[]) {
  const found = await tx
    .select({ id: governanceBodies.id })
    .from(governanceBodies)
    .where(and(inArray(governanceBodies.id, bodyIds), eq(governanceBodies.countyCode, ctx.user.county.code)));
  if (found.length !== new Set(bodyIds).size)
    throw unprocessable('Välj länets egna samverkansorgan.', [
      { path: 'bodyIds', message: 'Välj länets egna samverkansorgan' },
    ]);
}

/** Moves every level from `from` up (+1) or down (-1), bodies with them; in two steps, so no key collides. */
async function shiftLevels(tx: Db, countyCode: string, caseKind: CaseKind, from: number, by: 1 | -1) {
  for (const table of [escalationLevels, escalationLevelBodies] as const) {
    const where = and(eq(table.countyCode, countyCode), eq(table.caseKind, caseKind), gte(table.level, from));
    await tx
      .update(table)
      .set({ level: sql`${table.level} + 1000` })
      .where(where);
    await tx
      .update(table)
      .set({ level: sql`${table.level} - 1000 + ${by}` })
      .where(and(eq(table.countyCode, countyCode), eq(table.caseKind, caseKind), gte(table.level, 1000)));
  }
}

const snapshot = async (tx: Db, countyCode: string, caseKind: CaseKind) =>
  (await countyGovernance(tx, countyCode)).ladders[caseKind].map((l) => {
    // "2. Länsdelsgrupp (Norr, Söder, …)"; a level named after its one body is not named twice.
    const bodies = l.bodies.map((b) => b.shortName ?? b.name).join(', ');
    return `${l.level}. ${l.label}${bodies && bodies !== l.label ? ` (${bodies})` : ''}`;
  });

/**
 * Adds a level at `position` (2 up to one above the top); the levels from there move up one. With no position
 * it goes on top.
 */
export async function addLadderLevel(
  ctx: UserContext,
  caseKind: CaseKind,
  input: LevelInput & { position?: number | undefined },
) {
  assertCountyAdmin(ctx);
  levelFindings({ ...input, label: input.label ?? '' }, true);
  const county = ctx.user.county.code;
  return inTransaction(ctx.db, async (tx) => {
    const ladder = await ladderOf(tx, county, caseKind);
    const top = ladder.length;
    const position = input.position ?? top + 1;
    if (position < 2 || position > top + 1)
      throw unprocessable(`Välj en plats mellan nivå 2 och nivå ${top + 1}.`, [
        { path: 'position', message: `Välj en plats mellan nivå 2 och nivå ${top + 1}` },
      ]);
    await assertCountyBodies(tx, ctx, input.bodyIds);
    const before = await snapshot(tx, county, caseKind);
    if (position <= top) await shiftLevels(tx, county, caseKind, position, 1);
    await tx.insert(escalationLevels).values({
      countyCode: county,
      caseKind,
      level: position,
      label: input.label.trim(),
      source: input.source?.trim() || `Ändrad av länets administratör ${isoDate(ctx.now)}`,
    });
    await tx.insert(escalationLevelBodies).values(
      [...new Set(input.bodyIds)].map((bodyId) => ({
        countyCode: county,
        caseKind,
        level: position,
        bodyId,
      })),
    );
    await recordAdminChange(
      tx,
      ctx,
      'ladderLevelAdded',
      { type: 'ladder', id: `${county}:${caseKind}` },
      { ladder: kindName[caseKind], levels: before },
      { ladder: kindName[caseKind], levels: await snapshot(tx, county, caseKind) },
    );
    return { level: position };
  });
}

/**
 * Renames a level or changes its bodies. Level 1 of the dispute ladder is the managers: it has a name and never
 * bodies; level 1 of the deviation ladder is the managers while it has no bodies.
 */
export async function changeLadderLevel(
  ctx: UserContext,
  caseKind: CaseKind,
  level: number,
  input: Partial<LevelInput>,
) {
  assertCountyAdmin(ctx);
  levelFindings(input, level > 1);
  const bodiesAllowed = level > 1 || caseKind === 'deviation';
  const county = ctx.user.county.code;
  return inTransaction(ctx.db, async (tx) => {
    const ladder = await ladderOf(tx, county, caseKind);
    const current = ladder.find((l) => l.level === level);
    if (!current) throw notFound('Nivån finns inte i länets eskaleringsordning.');
    if (!bodiesAllowed && input.bodyIds?.length)
      throw unprocessable('Nivå 1 är cheferna hos de berörda huvudmännen och har inga samverkansorgan.', [
        { path: 'bodyIds', message: 'Nivå 1 har inga samverkansorgan' },
      ]);
    const before = await snapshot(tx, county, caseKind);
    if (input.label !== undefined || input.source !== undefined)
      await tx
        .update(escalationLevels)
        .set({
          ...(input.label !== undefined ? { label: input.label.trim() } : {}),
          ...(input.source !== undefined ? { source: input.source.trim() || current.source } : {}),
        })
        .where(
          and(
            eq(escalationLevels.countyCode, county),
            eq(escalationLevels.caseKind, caseKind),
            eq(escalationLevels.level, level),
          ),
        );
    if (input.bodyIds !== undefined && bodiesAllowed) {
      await assertCountyBodies(tx, ctx, input.bodyIds);
      const at = and(
        eq(escalationLevelBodies.countyCode, county),
        eq(escalationLevelBodies.caseKind, caseKind),
        eq(escalationLevelBodies.level, level),
      );
      await tx.delete(escalationLevelBodies).where(at);
      if (input.bodyIds.length)
        await tx
          .insert(escalationLevelBodies)
          .values(
            [...new Set(input.bodyIds)].map((bodyId) => ({ countyCode: county, caseKind, level, bodyId })),
          );
    }
    await recordAdminChange(
      tx,
      ctx,
      'ladderLevelChanged',
      { type: 'ladder', id: `${county}:${caseKind}` },
      { ladder: kindName[caseKind], levels: before },
      { ladder: kindName[caseKind], levels: await snapshot(tx, county, caseKind) },
    );
    return { level };
  });
}

/**
 * Removes a level; those above move down one. Level 1 stays (409), and so does the last level with bodies: a
 * case that the managers cannot solve must have somewhere to go.
 */
export async function removeLadderLevel(ctx: UserContext, caseKind: CaseKind, level: number) {
  assertCountyAdmin(ctx);
  const county = ctx.user.county.code;
  return inTransaction(ctx.db, async (tx) => {
    const ladder = await ladderOf(tx, county, caseKind);
    if (!ladder.some((l) => l.level === level))
      throw notFound('Nivån finns inte i länets eskaleringsordning.');
    if (level === 1) throw conflict('Nivå 1 är cheferna hos de berörda huvudmännen. Den kan inte tas bort.');
    const withBodies = await tx
      .selectDistinct({ level: escalationLevelBodies.level })
      .from(escalationLevelBodies)
      .where(and(eq(escalationLevelBodies.countyCode, county), eq(escalationLevelBodies.caseKind, caseKind)));
    if (!withBodies.some((l) => l.level !== level))
      throw conflict(
        `Det här är den sista nivån med samverkansorgan i eskaleringsordningen för ${kindName[caseKind]}. Lägg till en annan nivå innan du tar bort den.`,
      );
    const before = await snapshot(tx, county, caseKind);
    for (const table of [escalationLevelBodies, escalationLevels] as const)
      await tx
        .delete(table)
        .where(and(eq(table.countyCode, county), eq(table.caseKind, caseKind), eq(table.level, level)));
    await shiftLevels(tx, county, caseKind, level + 1, -1);
    await recordAdminChange(
      tx,
      ctx,
      'ladderLevelRemoved',
      { type: 'ladder', id: `${county}:${caseKind}` },
      { ladder: kindName[caseKind], levels: before },
      { ladder: kindName[caseKind], levels: await snapshot(tx, county, caseKind) },
    );
  });
}

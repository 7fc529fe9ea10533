import { and, asc, count, eq, max } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.ts';
import { notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { compareSections } from '../agreements/index.ts';
import { joinChangeRuns } from './directive.ts';
import { loadProject, projectNotFound } from './load.ts';
import { presentProject } from './present.ts';
import { revisionChangeRequests, revisionDirectiveVersions, revisionProjects } from './schema.ts';

// Reading is open to everyone logged in: a revision project is the county's shared work on its agreement.

export function readProject(ctx: UserContext, id: string) {
  return inTransaction(ctx.db, async (tx) => presentProject(await loadProject(tx, id)));
}

/** A county's revision projects, oldest first, with the current directive version and open proposals. */
export async function listProjects(ctx: UserContext, countyCode: string) {
  const versions = ctx.db
    .select({
      projectId: revisionDirectiveVersions.projectId,
      number: max(revisionDirectiveVersions.number).as('number'),
    })
    .from(revisionDirectiveVersions)
    .groupBy(revisionDirectiveVersions.projectId)
    .as('versions');
  const open = ctx.db
    .select({ projectId: revisionChangeRequests.projectId, n: count().as('n') })
    .from(revisionChangeRequests)
    .where(eq(revisionChangeRequests.status, 'proposed'))
    .groupBy(revisionChangeRequests.projectId)
    .as('open');
  const rows = await ctx.db
    .select({
      id: revisionProjects.id,
      countyCode: revisionProjects.countyCode,
      title: revisionProjects.title,
      startsOn: revisionProjects.startsOn,
      endsOn: revisionProjects.endsOn,
      currentVersion: versions.number,
      proposedChangeRequests: open.n,
    })
    .from(revisionProjects)
    .leftJoin(versions, eq(versions.projectId, revisionProjects.id))
    .leftJoin(open, eq(open.projectId, revisionProjects.id))
    .where(eq(revisionProjects.countyCode, countyCode))
    .orderBy(asc(revisionProjects.startsOn), asc(revisionProjects.id));
  return rows.map((r) => ({
    ...r,
    currentVersion: r.currentVersion ?? null,
    proposedChangeRequests: Number(r.proposedChangeRequests ?? 0),
  }));
}

/** One version of a project's directive; 404 when the project or the version does not exist. */
export async function readDirectiveVersion(ctx: UserContext, id: string, number: number) {
  const [project] = await ctx.db
    .select({ id: revisionProjects.id })
    .from(revisionProjects)
    .where(eq(revisionProjects.id, id));
  if (!project) throw projectNotFound();
  const [version] = await ctx.db
    .select()
    .from(revisionDirectiveVersions)
    .where(and(eq(revisionDirectiveVersions.projectId, id), eq(revisionDirectiveVersions.number, number)));
  if (!version) throw notFound(`Direktivet har ingen version ${number}.`);
  return {
    number: version.number,
    decidedOn: version.decidedOn,
    changeRequestId: version.changeRequestId,
    sections: version.sections,
  };
}

/** Two versions of a directive section by section, the words added and removed marked. */
export async function compareDirectiveVersions(ctx: UserContext, id: string, from: number, to: number) {
  const older = await readDirectiveVersion(ctx, id, from);
  const newer = await readDirectiveVersion(ctx, id, to);
  return {
    from: { number: older.number, decidedOn: older.decidedOn },
    to: { number: newer.number, decidedOn: newer.decidedOn },
    sections: compareSections(older.sections, newer.sections).map((s) => ({
      ...s,
      text: joinChangeRuns(s.text),
    })),
  };
}

import { asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { agreementTitleOf } from '../agreements/index.ts';
import { counties, governanceBodies, units, users } from '../organisations/schema.ts';
import {
  revisionChangeRequests,
  revisionDeliverables,
  revisionDirectiveVersions,
  revisionPhases,
  revisionProjects,
  revisionReports,
} from './schema.ts';

export type ProjectAggregate = Awaited<ReturnType<typeof loadProject>>;

const proposer = alias(users, 'proposer');
const proposerUnit = alias(units, 'proposer_unit');
const decider = alias(users, 'decider');
const deciderUnit = alias(units, 'decider_unit');

export const projectNotFound = () => notFound('Revideringsuppdraget finns inte.');

/**
 * One revision project with everything its page shows: the plan, the reports, the change log, the list of
 * directive versions and the current version's sections. With `forUpdate` the project row is locked, so the
 * changes to one project (a new version above all) happen one at a time.
 */
export async function loadProject(tx: Db, id: string, forUpdate = false) {
  const query = tx
    .select({
      project: revisionProjects,
      countyName: counties.name,
      steeringBodyName: governanceBodies.name,
      agreementTitle: agreementTitleOf(revisionProjects.agreementId),
    })
    .from(revisionProjects)
    .innerJoin(counties, eq(counties.code, revisionProjects.countyCode))
    .innerJoin(governanceBodies, eq(governanceBodies.id, revisionProjects.steeringBodyId))
    .where(eq(revisionProjects.id, id));
  const [found] = forUpdate ? await query.for('update', { of: revisionProjects }) : await query;
  if (!found) throw projectNotFound();
  const phases = await tx
    .select()
    .from(revisionPhases)
    .where(eq(revisionPhases.projectId, id))
    .orderBy(asc(revisionPhases.position));
  const deliverables = await tx
    .select()
    .from(revisionDeliverables)
    .where(eq(revisionDeliverables.projectId, id))
    .orderBy(asc(revisionDeliverables.position));
  const reports = await tx
    .select({ report: revisionReports, byName: users.name, unitName: units.name })
    .from(revisionReports)
    .innerJoin(users, eq(users.id, revisionReports.byUserId))
    .innerJoin(units, eq(units.id, revisionReports.byUnitId))
    .where(eq(revisionReports.projectId, id))
    .orderBy(asc(revisionReports.at), asc(revisionReports.id));
  const changeRequests = await tx
    .select({
      request: revisionChangeRequests,
      proposedByName: proposer.name,
      proposedByUnit: proposerUnit.name,
      decidedByName: decider.name,
      decidedByUnit: deciderUnit.name,
    })
    .from(revisionChangeRequests)
    .innerJoin(proposer, eq(proposer.id, revisionChangeRequests.proposedByUserId))
    .innerJoin(proposerUnit, eq(proposerUnit.id, proposer.unitId))
    .leftJoin(decider, eq(decider.id, revisionChangeRequests.decidedByUserId))
    .leftJoin(deciderUnit, eq(deciderUnit.id, decider.unitId))
    .where(eq(revisionChangeRequests.projectId, id))
    .orderBy(asc(revisionChangeRequests.proposedAt), asc(revisionChangeRequests.id));
  const versions = await tx
    .select({
      number: revisionDirectiveVersions.number,
      decidedOn: revisionDirectiveVersions.decidedOn,
      changeRequestId: revisionDirectiveVersions.changeRequestId,
    })
    .from(revisionDirectiveVersions)
    .where(eq(revisionDirectiveVersions.projectId, id))
    .orderBy(asc(revisionDirectiveVersions.number));
  return {
    ...found.project,
    countyName: found.countyName,
    steeringBodyName: found.steeringBodyName,
    agreementTitle: found.agreementTitle,
    phases,
    deliverables,
    reports: reports.map((r) => ({ ...r.report, byName: r.byName, unitName: r.unitName })),
    changeRequests: changeRequests.map((c) => ({
      ...c.request,
      proposedByName: c.proposedByName,
      proposedByUnit: c.proposedByUnit,
      decidedByName: c.decidedByName,
      decidedByUnit: c.decidedByUnit,
    })),
    versions,
    current: await currentVersion(tx, id),
  };
}

/** The directive's newest version: the one in force, as every decided change makes the next. */
export async function currentVersion(tx: Db, projectId: string) {
  const [row] = await tx
    .select()
    .from(revisionDirectiveVersions)
    .where(eq(revisionDirectiveVersions.projectId, projectId))
    .orderBy(desc(revisionDirectiveVersions.number))
    .limit(1);
  return row ?? null;
}

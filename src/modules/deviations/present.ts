import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import type { DeviationAggregate } from './load.ts';
import { deviationEntryKinds, deviationOutcomes, deviationStatuses } from './schema.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const assignee = z.object({ kind: z.enum(['manager', 'governanceBody']), id: z.string(), name: z.string() });

/** API.md's Deviation, with the fields a page needs besides. */
export const deviationSchema = z.object({
  id: z.string(),
  status: z.enum(deviationStatuses),
  level: z.number().int(),
  countyCode: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  occurredOn: date,
  reportedAt: z.string(),
  reportedBy: z.object({ unitId: z.string(), unitName: z.string(), principalId: z.string() }),
  concernedPrincipalIds: z.array(z.string()),
  concernedPrincipals: z.array(
    z.object({ id: z.string(), name: z.string(), receivingUnitId: z.string(), answered: z.boolean() }),
  ),
  assignedTo: assignee,
  assignees: z.array(assignee),
  answers: z.array(
    z.object({
      id: z.string(),
      level: z.number().int(),
      principalId: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      answeredAt: z.string(),
      investigation: z.string(),
      cause: z.string(),
      measures: z.string(),
    }),
  ),
  history: z.array(
    z.object({
      kind: z.enum(deviationEntryKinds),
      level: z.number().int(),
      at: z.string(),
      unitName: z.string(),
      bodyName: z.string().nullable(),
      text: z.string().nullable(),
      outcome: z.enum(deviationOutcomes).nullable(),
    }),
  ),
  path: z.array(
    z.object({
      level: z.number().int(),
      label: z.string(),
      bodies: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  dueOn: date,
  overdue: z.boolean(),
  outcome: z.enum(deviationOutcomes).nullable(),
  closedAt: z.string().nullable(),
});
export type DeviationView = z.infer<typeof deviationSchema>;

/** Who holds the deviation now: at the managers' level those that have not answered, else the current bodies. */
function assignees(d: DeviationAggregate): z.infer<typeof assignee>[] {
  if (d.atManagers) {
    const answered = answeredPrincipals(d);
    const waiting = d.principals.filter((p) => !answered.has(p.principalId));
    return (waiting.length ? waiting : d.principals).map((p) => ({
      kind: 'manager' as const,
      id: p.receivingUnitId,
      name: `Chef för ${p.receivingUnitName}, ${p.name}`,
    }));
  }
  const level = d.path.find((l) => l.level === d.level);
  return (level?.bodies ?? []).map((b) => ({ kind: 'governanceBody' as const, id: b.id, name: b.name }));
}

export function answeredPrincipals(d: DeviationAggregate): Set<string> {
  return new Set(d.entries.filter((e) => e.kind === 'answer').map((e) => e.principalId ?? ''));
}

export function presentDeviation(d: DeviationAggregate, now: Date): DeviationView {
  const answered = answeredPrincipals(d);
  const assigned = assignees(d);
  return {
    id: d.id,
    status: d.status,
    level: d.level,
    countyCode: d.countyCode,
    title: d.title,
    description: d.description,
    category: d.category,
    categoryLabel: d.categoryLabel,
    occurredOn: d.occurredOn,
    reportedAt: d.reportedAt.toISOString(),
    reportedBy: {
      unitId: d.reportedByUnitId,
      unitName: d.reportedByUnitName,
      principalId: d.reportedByPrincipalId,
    },
    concernedPrincipalIds: d.principals.map((p) => p.principalId),
    concernedPrincipals: d.principals.map((p) => ({
      id: p.principalId,
      name: p.name,
      receivingUnitId: p.receivingUnitId,
      answered: answered.has(p.principalId),
    })),
    assignedTo: assigned[0]!,
    assignees: assigned,
    answers: d.entries
      .filter((e) => e.kind === 'answer')
      .map((e) => ({
        id: e.id,
        level: e.level,
        principalId: e.principalId!,
        unitId: e.byUnitId,
        unitName: e.unitName,
        answeredAt: e.at.toISOString(),
        investigation: e.investigation ?? '',
        cause: e.cause ?? '',
        measures: e.measures ?? '',
      })),
    history: d.entries.map((e) => ({
      kind: e.kind,
      level: e.level,
      at: e.at.toISOString(),
      unitName: e.unitName,
      bodyName: e.bodyName,
      text: e.text,
      outcome: e.outcome,
    })),
    path: d.path,
    dueOn: d.dueOn,
    overdue: d.status !== 'closed' && d.status !== 'answered' && d.dueOn < isoDate(now),
    outcome: d.outcome,
    closedAt: d.closedAt?.toISOString() ?? null,
  };
}

import { z } from 'zod';
import type { DisputeAggregate } from './load.ts';
import { disputeEntryKinds, disputeKinds, disputeStatuses } from './schema.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const assignee = z.object({ kind: z.enum(['manager', 'governanceBody']), id: z.string(), name: z.string() });

export const disputeSchema = z.object({
  id: z.string(),
  kind: z.enum(disputeKinds),
  status: z.enum(disputeStatuses),
  level: z.number().int(),
  countyCode: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  title: z.string(),
  description: z.string(),
  openedAt: z.string(),
  openedBy: z.object({ unitId: z.string(), unitName: z.string(), principalId: z.string() }),
  partyPrincipalIds: z.array(z.string()),
  parties: z.array(z.object({ id: z.string(), name: z.string(), receivingUnitId: z.string() })),
  interimResponsibility: z
    .object({ principalId: z.string(), principalName: z.string(), description: z.string() })
    .nullable(),
  /** The linked SIP, only for those who already see it; null for everyone else, and when there is none. */
  sip: z.object({ id: z.string() }).nullable(),
  assignedTo: z.array(assignee),
  entries: z.array(
    z.object({
      kind: z.enum(disputeEntryKinds),
      level: z.number().int(),
      at: z.string(),
      unitName: z.string(),
      bodyName: z.string().nullable(),
      text: z.string(),
      reasoning: z.string().nullable(),
    }),
  ),
  path: z.array(
    z.object({
      level: z.number().int(),
      label: z.string(),
      bodies: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  decidedOn: date.nullable(),
});
export type DisputeView = z.infer<typeof disputeSchema>;

export function presentDispute(d: DisputeAggregate): DisputeView {
  const level = d.path.find((l) => l.level === d.level);
  const assignedTo =
    d.level === 1
      ? d.parties.map((p) => ({
          kind: 'manager' as const,
          id: p.receivingUnitId,
          name: `Chef för ${p.receivingUnitName}, ${p.name}`,
        }))
      : (level?.bodies ?? []).map((b) => ({ kind: 'governanceBody' as const, id: b.id, name: b.name }));
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    level: d.level,
    countyCode: d.countyCode,
    category: d.category,
    categoryLabel: d.categoryLabel,
    title: d.title,
    description: d.description,
    openedAt: d.openedAt.toISOString(),
    openedBy: { unitId: d.openedByUnitId, unitName: d.openedByUnitName, principalId: d.openedByPrincipalId },
    partyPrincipalIds: d.parties.map((p) => p.principalId),
    parties: d.parties.map((p) => ({ id: p.principalId, name: p.name, receivingUnitId: p.receivingUnitId })),
    interimResponsibility:
      d.interimPrincipalId && d.interimResponsibility
        ? {
            principalId: d.interimPrincipalId,
            principalName: d.interimPrincipalName ?? '',
            description: d.interimResponsibility,
          }
        : null,
    sip: d.sipId && d.viewer.seesSip ? { id: d.sipId } : null,
    assignedTo,
    entries: d.entries.map((e) => ({
      kind: e.kind,
      level: e.level,
      at: e.at.toISOString(),
      unitName: e.unitName,
      bodyName: e.bodyName,
      text: e.text,
      reasoning: e.reasoning,
    })),
    path: d.path,
    decidedOn: d.decidedOn,
  };
}

import { z } from 'zod';
import { changeRequestStatusLabels, deliverableStatusLabels } from './labels.ts';
import type { ProjectAggregate } from './load.ts';
import { changeRequestStatuses, type DirectiveSection, deliverableStatuses } from './schema.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const person = z.object({ name: z.string(), unitName: z.string() });

export const directiveSectionSchema = z.object({
  key: z.string(),
  parentKey: z.string().nullable(),
  heading: z.string(),
  text: z.string(),
});

export const phaseSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  description: z.string(),
  startsOn: date,
  endsOn: date,
});

export const deliverableSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  phaseId: z.string().nullable(),
  status: z.enum(deliverableStatuses),
  statusLabel: z.string(),
  dueOn: date.nullable(),
});

export const reportSchema = z.object({
  id: z.string(),
  phaseId: z.string().nullable(),
  at: z.string(),
  by: person,
  text: z.string(),
});

export const changeRequestSchema = z.object({
  id: z.string(),
  sectionKey: z.string(),
  /** The section's heading in the current directive. */
  sectionHeading: z.string().nullable(),
  title: z.string(),
  proposedText: z.string(),
  reason: z.string(),
  proposedAt: z.string(),
  proposedBy: person,
  status: z.enum(changeRequestStatuses),
  statusLabel: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: person.nullable(),
  decisionNote: z.string().nullable(),
  /** The directive version an approval produced. */
  resultingVersion: z.number().int().nullable(),
});

export const directiveVersionSchema = z.object({
  number: z.number().int(),
  decidedOn: date,
  /** The change request whose approval made this version; null for the directive as first decided. */
  changeRequestId: z.string().nullable(),
});

export const projectSchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  title: z.string(),
  agreement: z.object({ id: z.string(), title: z.string() }).nullable(),
  commissioner: z.string(),
  owner: z.string(),
  projectLeader: z.string(),
  /** The project's own steering group, in the directive's words. */
  projectSteeringGroup: z.string().nullable(),
  /** The body whose members decide changes to the directive. */
  steeringBody: z.object({ id: z.string(), name: z.string() }),
  workingGroup: z.string(),
  recipients: z.string(),
  startsOn: date,
  endsOn: date,
  phases: z.array(phaseSchema),
  deliverables: z.array(deliverableSchema),
  reports: z.array(reportSchema),
  changeRequests: z.array(changeRequestSchema),
  versions: z.array(directiveVersionSchema),
  directive: z
    .object({ number: z.number().int(), decidedOn: date, sections: z.array(directiveSectionSchema) })
    .nullable(),
});
export type ProjectView = z.infer<typeof projectSchema>;

export const projectSummarySchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  title: z.string(),
  startsOn: date,
  endsOn: date,
  currentVersion: z.number().int().nullable(),
  proposedChangeRequests: z.number().int(),
});

export function presentProject(p: ProjectAggregate): ProjectView {
  const sections: DirectiveSection[] = p.current?.sections ?? [];
  const headingOf = new Map(sections.map((s) => [s.key, s.heading]));
  return {
    id: p.id,
    countyCode: p.countyCode,
    countyName: p.countyName,
    title: p.title,
    agreement: p.agreementId ? { id: p.agreementId, title: p.agreementTitle ?? '' } : null,
    commissioner: p.commissioner,
    owner: p.owner,
    projectLeader: p.projectLeader,
    projectSteeringGroup: p.projectSteeringGroup,
    steeringBody: { id: p.steeringBodyId, name: p.steeringBodyName },
    workingGroup: p.workingGroup,
    recipients: p.recipients,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    phases: p.phases.map(({ projectId: _, ...phase }) => phase),
    deliverables: p.deliverables.map((d) => ({
      id: d.id,
      position: d.position,
      name: d.name,
      phaseId: d.phaseId,
      status: d.status,
      statusLabel: deliverableStatusLabels[d.status].text,
      dueOn: d.dueOn,
    })),
    reports: p.reports.map((r) => ({
      id: r.id,
      phaseId: r.phaseId,
      at: r.at.toISOString(),
      by: { name: r.byName, unitName: r.unitName },
      text: r.text,
    })),
    changeRequests: p.changeRequests.map((c) => ({
      id: c.id,
      sectionKey: c.sectionKey,
      sectionHeading: headingOf.get(c.sectionKey) ?? null,
      title: c.title,
      proposedText: c.proposedText,
      reason: c.reason,
      proposedAt: c.proposedAt.toISOString(),
      proposedBy: { name: c.proposedByName, unitName: c.proposedByUnit },
      status: c.status,
      statusLabel: changeRequestStatusLabels[c.status].text,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      decidedBy: c.decidedByName ? { name: c.decidedByName, unitName: c.decidedByUnit ?? '' } : null,
      decisionNote: c.decisionNote,
      resultingVersion: c.resultingVersion,
    })),
    versions: p.versions,
    directive: p.current
      ? { number: p.current.number, decidedOn: p.current.decidedOn, sections: p.current.sections }
      : null,
  };
}

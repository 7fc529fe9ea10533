import { z } from 'zod';
import {
  type AgreementAggregate,
  type loadConsultation,
  type SectionRow,
  type SectionTree,
  sectionTree,
  type VersionRow,
} from './load.ts';
import { agreementKinds } from './schema.ts';
import { agreementStatuses } from './status.ts';

const date = z.string().nullable();
const adoptionSchema = z.object({ decidedOn: z.string(), body: z.string(), reference: z.string() });
// A section holds sections. A recursive schema must be a named component of the API document (the `id`, which
// app.ts's transformObject lists under components.schemas): unnamed, it is referred to by a name that the
// document never defines (docs/decisions/0020-openapi-validation.md).
const sectionSchema: z.ZodType<SectionTree> = z
  .lazy(() =>
    z.object({
      id: z.string(),
      key: z.string(),
      heading: z.string(),
      text: z.string(),
      children: z.array(sectionSchema),
    }),
  )
  .meta({ id: 'AgreementSection' });
export const versionStateSchema = z.enum([
  'draft',
  'consultation',
  'decision',
  'adopted',
  'inForce',
  'superseded',
]);

/** API.md's Agreement, with a few added fields (kind-specific ones and the version on its way). */
export const agreementSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(agreementKinds),
  countyCode: z.string(),
  status: z.enum(agreementStatuses),
  parties: z.array(
    z.object({
      principalId: z.string(),
      name: z.string(),
      kind: z.string(),
      adoption: adoptionSchema.nullable(),
    }),
  ),
  validity: z.object({
    startsOn: date,
    endsOn: date,
    noticeMonths: z.number().int().nullable(),
    extensionMonths: z.number().int().nullable(),
    currentEndsOn: date,
    noticeDeadline: date,
    noticeGivenOn: date,
    noticeRecipient: z.string().nullable(),
  }),
  currentVersion: z.object({ number: z.number().int(), publishedOn: date }).nullable(),
  pendingVersion: z.object({ number: z.number().int(), state: versionStateSchema }).nullable(),
  parentAgreementId: z.string().nullable(),
  scope: z.string().nullable(),
  dateNote: z.string().nullable(),
  nextFollowUpOn: date,
});
export const agreementWithSectionsSchema = agreementSchema.extend({ sections: z.array(sectionSchema) });

export const versionSchema = z.object({
  number: z.number().int(),
  state: versionStateSchema,
  publishedOn: date,
  changeNote: z.string().nullable(),
  terms: z.object({
    startsOn: date,
    endsOn: date,
    noticeMonths: z.number().int().nullable(),
    extensionMonths: z.number().int().nullable(),
    noticeRecipient: z.string().nullable(),
  }),
  adoptions: z.array(adoptionSchema.extend({ principalId: z.string() })),
  sections: z.array(sectionSchema),
  consultation: z
    .object({
      closesOn: z.string(),
      invitees: z.array(z.object({ principalId: z.string(), name: z.string() })),
      comments: z.array(
        z.object({
          id: z.string(),
          sectionKey: z.string(),
          principalId: z.string(),
          principalName: z.string(),
          text: z.string(),
          at: z.date(),
          answer: z.string().nullable(),
          answeredAt: z.date().nullable(),
        }),
      ),
    })
    .nullable(),
});

/** The next follow-up of a local agreement: a period after the last one, or after it came into force. */
export function nextFollowUpOn(a: AgreementAggregate): string | null {
  if (!a.followUpMonths) return null;
  const from = a.lastFollowedUpOn ?? a.current?.startsOn ?? null;
  if (!from) return null;
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1 + a.followUpMonths, d));
  return next.toISOString().slice(0, 10);
}

export function presentAgreement(a: AgreementAggregate): z.infer<typeof agreementSchema> {
  const adoptionOf = (principalId: string) => {
    const found = a.current?.adoptions.find((x) => x.principalId === principalId);
    return found ? { decidedOn: found.decidedOn, body: found.body, reference: found.reference } : null;
  };
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    countyCode: a.countyCode,
    status: a.status,
    parties: a.parties.map((p) => ({ ...p, adoption: adoptionOf(p.principalId) })),
    validity: {
      startsOn: a.validity.startsOn,
      endsOn: a.validity.endsOn,
      noticeMonths: a.validity.noticeMonths,
      extensionMonths: a.validity.extensionMonths,
      currentEndsOn: a.validity.currentEndsOn,
      noticeDeadline: a.validity.noticeDeadline,
      noticeGivenOn: a.validity.noticeGivenOn,
      noticeRecipient: a.current?.noticeRecipient ?? null,
    },
    currentVersion: a.current ? { number: a.current.number, publishedOn: a.current.publishedOn } : null,
    pendingVersion: a.pending ? { number: a.pending.number, state: a.pending.state } : null,
    parentAgreementId: a.parentAgreementId,
    scope: a.scope,
    dateNote: a.dateNote,
    nextFollowUpOn: nextFollowUpOn(a),
  };
}

export function presentVersion(
  v: VersionRow,
  sections: SectionRow[],
  consultation: Awaited<ReturnType<typeof loadConsultation>>,
): z.infer<typeof versionSchema> {
  return {
    number: v.number,
    state: v.state,
    publishedOn: v.publishedOn,
    changeNote: v.changeNote,
    terms: {
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      noticeMonths: v.noticeMonths,
      extensionMonths: v.extensionMonths,
      noticeRecipient: v.noticeRecipient,
    },
    adoptions: v.adoptions.map((x) => ({
      principalId: x.principalId,
      decidedOn: x.decidedOn,
      body: x.body,
      reference: x.reference,
    })),
    sections: sectionTree(sections),
    consultation: consultation
      ? {
          closesOn: consultation.closesOn,
          invitees: consultation.invitees.map((i) => ({ principalId: i.principalId, name: i.name })),
          comments: consultation.comments.map((c) => ({
            id: c.id,
            sectionKey: c.sectionKey,
            principalId: c.principalId,
            principalName: c.principalName,
            text: c.text,
            at: c.at,
            answer: c.answer,
            answeredAt: c.answeredAt,
          })),
        }
      : null,
  };
}

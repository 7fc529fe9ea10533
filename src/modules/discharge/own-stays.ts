import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listOwnData, type OwnExportPart, type SelfRule } from '../../platform/access/person-self.ts';
import type { PersonContext } from '../../platform/http/context.ts';
import {
  dischargeDayDisputes,
  dischargeExpectedDates,
  dischargeReadiness,
  dischargeStays,
  dischargeStayUnits,
} from './schema.ts';

// The person's own stays in inpatient care (issue 26, decision 0022): a stay is data about the person, so they
// see it on their own pages and get it in their download (GDPR art. 15), through the person's path of the access
// layer (platform/access/person-self.ts), which logs each read and export with the person as the one who acted.
// The staff's access rule (access-rule.ts) is the units'; the self rule here is the person's, and the module's
// manifest registers it. What leaves here names units and principals, never a member of staff: not who
// recorded a step, and not the fasta vårdkontakt's name (only that the outpatient unit named one).

/** SQL: the stays about this person (the self rule, and the lists scoped like it). */
const ownStays = (personId: string) => eq(dischargeStays.personId, personId);

/** The person's self rule for a stay: it is about them. */
export const dischargeStaySelfAccessRule: SelfRule = async (tx, personId, stayId) => {
  const [row] = await tx
    .select({ countyCode: dischargeStays.countyCode, personName: dischargeStays.personName })
    .from(dischargeStays)
    .where(and(eq(dischargeStays.id, stayId), ownStays(personId)));
  return row ?? null;
};

/** A stay as the person's pages and download show it: dates, status, the units told; no user of staff. */
export type OwnStay = {
  id: string;
  countyCode: string;
  /** The name as the inpatient unit typed it. */
  personName: string;
  status: (typeof dischargeStays.$inferSelect)['status'];
  inpatientUnitId: string;
  inpatientPrincipalId: string;
  municipalityPrincipalId: string;
  admittedAt: Date;
  noticeSentAt: Date;
  expectedReadyOn: string;
  dischargedOn: string | null;
  informationTransferredOn: string | null;
  /** The stay's SIP (plan kind SPU), when one was started. */
  sipId: string | null;
  units: {
    unitId: string;
    kind: (typeof dischargeStayUnits.$inferSelect)['kind'];
    notifiedAt: Date;
    acknowledgedAt: Date | null;
    /** Whether the unit named a fasta vårdkontakt (the name is a member of staff's, and not given here). */
    fastVardkontaktNamed: boolean;
    preparation: string | null;
  }[];
  readiness: { judgedAt: Date; notifiedAt: Date; revokedAt: Date | null }[];
  expectedDates: { expectedReadyOn: string; setAt: Date }[];
  /** The summary the patient was given at discharge (patientlagen 3 kap. 2 b §), without the contact's name. */
  summary: { care: string; sipPlannedOn: string | null; existingPlans: string } | null;
  /** The days the municipality disputes paying for (a dispute between the principals). */
  disputedDays: string[];
};

/** The stays of these ids with their units, readiness, expected dates and disputed days, in the order given. */
async function loadOwnStays(tx: Db, ids: string[]): Promise<OwnStay[]> {
  if (ids.length === 0) return [];
  const stays = await tx.select().from(dischargeStays).where(inArray(dischargeStays.id, ids));
  const units = await tx
    .select()
    .from(dischargeStayUnits)
    .where(inArray(dischargeStayUnits.stayId, ids))
    .orderBy(
      asc(dischargeStayUnits.notifiedAt),
      asc(dischargeStayUnits.kind),
      asc(dischargeStayUnits.unitId),
    );
  const readiness = await tx
    .select()
    .from(dischargeReadiness)
    .where(inArray(dischargeReadiness.stayId, ids))
    .orderBy(asc(dischargeReadiness.notifiedAt));
  const expected = await tx
    .select()
    .from(dischargeExpectedDates)
    .where(inArray(dischargeExpectedDates.stayId, ids))
    .orderBy(asc(dischargeExpectedDates.seq));
  const disputed = await tx
    .select({ stayId: dischargeDayDisputes.stayId, day: dischargeDayDisputes.day })
    .from(dischargeDayDisputes)
    .where(inArray(dischargeDayDisputes.stayId, ids))
    .orderBy(asc(dischargeDayDisputes.day));
  const byId = new Map(stays.map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const s = byId.get(id);
    if (!s) return [];
    return [
      {
        id: s.id,
        countyCode: s.countyCode,
        personName: s.personName,
        status: s.status,
        inpatientUnitId: s.inpatientUnitId,
        inpatientPrincipalId: s.inpatientPrincipalId,
        municipalityPrincipalId: s.municipalityPrincipalId,
        admittedAt: s.admittedAt,
        noticeSentAt: s.noticeSentAt,
        expectedReadyOn: s.expectedReadyOn,
        dischargedOn: s.dischargedOn,
        informationTransferredOn: s.informationTransferredOn,
        sipId: s.sipId,
        units: units
          .filter((u) => u.stayId === id)
          .map((u) => ({
            unitId: u.unitId,
            kind: u.kind,
            notifiedAt: u.notifiedAt,
            acknowledgedAt: u.acknowledgedAt,
            fastVardkontaktNamed: Boolean(u.fastVardkontakt),
            preparation: u.preparation,
          })),
        readiness: readiness
          .filter((r) => r.stayId === id)
          .map((r) => ({ judgedAt: r.judgedAt, notifiedAt: r.notifiedAt, revokedAt: r.revokedAt })),
        expectedDates: expected
          .filter((e) => e.stayId === id)
          .map((e) => ({ expectedReadyOn: e.expectedReadyOn, setAt: e.setAt })),
        summary: s.dischargedOn
          ? {
              care: s.summaryCare ?? '',
              sipPlannedOn: s.summarySipPlannedOn,
              existingPlans: s.summaryExistingPlans ?? '',
            }
          : null,
        disputedDays: disputed.filter((d) => d.stayId === id).map((d) => d.day),
      },
    ];
  });
}

/** The person's stays, newest first, each logged as read by the person. */
export async function listOwnStays(ctx: PersonContext): Promise<OwnStay[]> {
  const { rows } = await listOwnData(ctx, 'dischargeStay', async (tx, personId) => {
    const found = await tx
      .select({ id: dischargeStays.id })
      .from(dischargeStays)
      .where(ownStays(personId))
      .orderBy(desc(dischargeStays.admittedAt), desc(dischargeStays.id));
    const stays = await loadOwnStays(
      tx,
      found.map((f) => f.id),
    );
    return stays.map((s) => ({ ...s, objectId: s.id }));
  });
  return rows;
}

/** The person's stays in their download, oldest first, each logged as exported (person-self.ts exportOwnData). */
export const ownStaysExport: OwnExportPart<OwnStay[]> = {
  objectType: 'dischargeStay',
  scopedQuery: (tx, personId) =>
    tx
      .select({ objectId: dischargeStays.id, countyCode: dischargeStays.countyCode })
      .from(dischargeStays)
      .where(ownStays(personId))
      .orderBy(asc(dischargeStays.admittedAt), asc(dischargeStays.id)),
  load: loadOwnStays,
};

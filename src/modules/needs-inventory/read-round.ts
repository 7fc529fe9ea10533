import { and, asc, count, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { governanceBodies, principals, units } from '../organisations/schema.ts';
import { permissions } from './policy.ts';
import { countyMunicipalities, formOf } from './records.ts';
import {
  type Municipality,
  type RecordFacts,
  type ScopeResults,
  scopeResults,
  solveRound,
} from './results.ts';
import { type Round, roundInCounty, roundUnitIds } from './rounds.ts';
import { needsInventoryComments, needsInventoryRecords, needsInventoryRounds } from './schema.ts';

/** A round as its page and the API show it: the form, the taking-part units, progress, and what the caller may do. */
export async function readRound(ctx: UserContext, id: string) {
  const round = await roundInCounty(ctx.db, ctx.user, id);
  const unitIds = await roundUnitIds(ctx.db, id);
  const can = permissions(ctx.user, round, unitIds);
  const [form, [body], taking, perUnit] = await Promise.all([
    formOf(ctx.db, round.formId),
    ctx.db
      .select({ name: governanceBodies.name, shortName: governanceBodies.shortName })
      .from(governanceBodies)
      .where(eq(governanceBodies.id, round.coordinatorBodyId)),
    ctx.db
      .select({ id: units.id, name: units.name, principalName: principals.name })
      .from(units)
      .innerJoin(principals, eq(principals.id, units.principalId))
      .where(inArray(units.id, unitIds))
      .orderBy(asc(principals.name), asc(units.name)),
    recordsPerUnit(ctx.db, id),
  ]);
  // Progress per unit is the coordinators' to follow; a taking-part unit sees its own count only.
  const units_ = taking.map((u) => ({
    ...u,
    records: can.coordinates || u.id === ctx.user.unit.id ? (perUnit.get(u.id) ?? 0) : null,
  }));
  return {
    ...present(round),
    form: {
      id: form.id,
      name: form.name,
      publisher: form.publisher,
      year: form.year,
      questions: form.questions,
    },
    coordinator: body?.name ?? '',
    coordinatorShort: body?.shortName ?? body?.name ?? '',
    units: units_,
    ownRecords: can.takesPart ? (perUnit.get(ctx.user.unit.id) ?? 0) : null,
    totalRecords: can.coordinates ? [...perUnit.values()].reduce((a, b) => a + b, 0) : null,
    comments: can.seeResults ? await listComments(ctx.db, id) : [],
    can,
  };
}
export type RoundView = Awaited<ReturnType<typeof readRound>>;

const present = (r: Round) => ({
  id: r.id,
  countyCode: r.countyCode,
  title: r.title,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  formId: r.formId,
  coordinatorBodyId: r.coordinatorBodyId,
  instructions: r.instructions,
  status: r.status,
  reportedOn: r.reportedOn,
  synthetic: r.synthetic,
});

async function recordsPerUnit(db: Db, roundId: string) {
  const rows = await db
    .select({ unitId: needsInventoryRecords.unitId, n: count() })
    .from(needsInventoryRecords)
    .where(eq(needsInventoryRecords.roundId, roundId))
    .groupBy(needsInventoryRecords.unitId);
  return new Map(rows.map((r) => [r.unitId, r.n]));
}

function listComments(db: Db, roundId: string) {
  return db
    .select({
      id: needsInventoryComments.id,
      organisationId: needsInventoryComments.organisationId,
      organisation: principals.name,
      text: needsInventoryComments.text,
      recordedAt: needsInventoryComments.recordedAt,
    })
    .from(needsInventoryComments)
    .innerJoin(principals, eq(principals.id, needsInventoryComments.organisationId))
    .where(eq(needsInventoryComments.roundId, roundId))
    .orderBy(asc(needsInventoryComments.recordedAt));
}

async function solvedRound(db: Db, round: Pick<Round, 'id' | 'formId'>, municipalities: Municipality[]) {
  const form = await formOf(db, round.formId);
  const records: RecordFacts[] = await db
    .select({
      municipalityCode: needsInventoryRecords.municipalityCode,
      ageBand: needsInventoryRecords.ageBand,
      gender: needsInventoryRecords.gender,
      housing: needsInventoryRecords.housing,
      occupation: needsInventoryRecords.occupation,
      contacts: needsInventoryRecords.contacts,
      needs: needsInventoryRecords.needs,
    })
    .from(needsInventoryRecords)
    .where(eq(needsInventoryRecords.roundId, round.id));
  return solveRound(form.questions, municipalities, records);
}

/** The county's latest round reported before this one began: what the results are compared with. */
async function previousRound(db: Db, round: Pick<Round, 'countyCode' | 'periodStart'>) {
  const [previous] = await db
    .select()
    .from(needsInventoryRounds)
    .where(
      and(
        eq(needsInventoryRounds.countyCode, round.countyCode),
        eq(needsInventoryRounds.status, 'reported'),
        lt(needsInventoryRounds.periodEnd, round.periodStart),
      ),
    )
    .orderBy(desc(needsInventoryRounds.periodEnd))
    .limit(1);
  return previous ?? null;
}

export type RoundResults = {
  round: RoundView;
  scope: { municipalityCode: string | null; name: string };
  municipalities: Municipality[];
  previous: { id: string; title: string; periodStart: string; periodEnd: string } | null;
  results: ScopeResults;
  preliminary: boolean;
};

/** A round's results for the county or one municipality, suppressed as for everyone (results.ts). */
export async function readResults(
  ctx: UserContext,
  id: string,
  municipalityCode: string | null,
): Promise<RoundResults> {
  const round = await readRound(ctx, id);
  if (!round.can.seeResults)
    throw forbidden('Resultaten visas när registreringen är avslutad och inventeringen tolkas.');
  const municipalities = await countyMunicipalities(ctx.db, ctx.user.county.code);
  const municipality = municipalityCode ? municipalities.find((m) => m.code === municipalityCode) : null;
  if (municipalityCode && !municipality) throw notFound('Kommunen finns inte i länet.');
  const before = await previousRound(ctx.db, round);
  const [solved, solvedBefore] = await Promise.all([
    solvedRound(ctx.db, round, municipalities),
    before ? solvedRound(ctx.db, before, municipalities) : null,
  ]);
  return {
    round,
    scope: { municipalityCode: municipality?.code ?? null, name: municipality?.name ?? ctx.user.county.name },
    municipalities,
    previous: before
      ? { id: before.id, title: before.title, periodStart: before.periodStart, periodEnd: before.periodEnd }
      : null,
    results: scopeResults(solved, solvedBefore, municipality?.code ?? null),
    preliminary: round.status === 'planned' || round.status === 'collecting',
  };
}

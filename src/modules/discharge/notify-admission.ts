import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createPersonData } from '../../platform/access/access-layer.ts';
import type { CurrentUser } from '../../platform/auth/current-user.ts';
import { forbidden, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/record-event.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { principals, units } from '../organisations/schema.ts';
import './events.ts';
import { loadStay } from './load.ts';
import { noticeUnits } from './notify.ts';
import { loadPaymentRules } from './payment-rules.ts';
import { presentStay } from './present.ts';
import { noticeLate } from './rules.ts';
import { type ConcernedKind, dischargeExpectedDates, dischargeStays, dischargeStayUnits } from './schema.ts';

export type AdmissionNoticeInput = {
  person: { personalIdentityNumber: string; name: string };
  admittedAt: string;
  expectedReadyOn: string;
  municipalityPrincipalId: string;
  units: { unitId: string; kind: ConcernedKind }[];
};

/**
 * The inpatient unit's admission notice (inskrivningsmeddelande): when the treating physician judges that the
 * patient may need the municipality's or the region's outpatient care after discharge, the inpatient unit tells
 * the concerned units within 24 hours of the admission, with the expected date of readiness (lag (2017:612),
 * enligt lagens 4 kap.: legalBasis.admissionNotice; the concerned units: 1 kap. 1 §, legalBasis.concernedUnits).
 * Sent later it is stored as sent, and shown as late. Only a region's unit sends one.
 */
export async function notifyAdmission(ctx: UserContext, input: AdmissionNoticeInput) {
  if (ctx.user.principal.kind !== 'region')
    throw forbidden('Inskrivningsmeddelanden skickas av regionens slutna vård.');
  const admittedAt = new Date(input.admittedAt);
  if (admittedAt > ctx.now)
    throw unprocessable('Inskrivningen kan inte ligga i framtiden.', [
      { path: 'admittedAt', message: 'Ange när patienten skrevs in.' },
    ]);
  return createPersonData(ctx, input.person, async (tx, person) => {
    await assertConcerned(tx, ctx.user, input);
    const id = randomUUID();
    const late = noticeLate(admittedAt, ctx.now);
    await tx.insert(dischargeStays).values({
      id,
      countyCode: ctx.user.county.code,
      personId: person.id,
      personName: person.name,
      inpatientUnitId: ctx.user.unit.id,
      inpatientPrincipalId: ctx.user.principal.id,
      municipalityPrincipalId: input.municipalityPrincipalId,
      admittedAt,
      noticeSentAt: ctx.now,
      expectedReadyOn: input.expectedReadyOn,
      status: 'inCare',
      createdAt: ctx.now,
      createdBy: ctx.user.id,
    });
    await tx
      .insert(dischargeStayUnits)
      .values(input.units.map((u) => ({ stayId: id, unitId: u.unitId, kind: u.kind, notifiedAt: ctx.now })));
    await tx
      .insert(dischargeExpectedDates)
      .values({ stayId: id, expectedReadyOn: input.expectedReadyOn, setAt: ctx.now });
    await noticeUnits(
      tx,
      ctx.now,
      id,
      'discharge.admissionNotice',
      input.units.map((u) => u.unitId),
    );
    await recordEvent(
      tx,
      ctx,
      'discharge.admissionNotified',
      { type: 'dischargeStay', id },
      {
        stayId: id,
        unitCount: input.units.length,
        municipalityPrincipalId: input.municipalityPrincipalId,
        noticeLate: late,
      },
    );
    const rules = await loadPaymentRules(tx, ctx.user.county.code);
    return {
      result: presentStay(await loadStay(tx, id), person, 'ownPage', rules, ctx.now),
      object: { type: 'dischargeStay', id },
    };
  });
}

const municipal = new Set<ConcernedKind>(['socialServices', 'municipalHealthCare']);

/**
 * 422 unless the payer is a municipality of the county, and each concerned unit is an open unit of the county
 * named once: social services and municipal health care of a municipality, the outpatient care of the region
 * (or a provider it contracted).
 */
async function assertConcerned(tx: Db, user: CurrentUser, input: AdmissionNoticeInput) {
  const [payer] = await tx
    .select({ id: principals.id })
    .from(principals)
    .where(
      and(
        eq(principals.id, input.municipalityPrincipalId),
        eq(principals.countyCode, user.county.code),
        eq(principals.kind, 'municipality'),
      ),
    );
  if (!payer)
    throw unprocessable('Välj den kommun i länet där patienten bor.', [
      { path: 'municipalityPrincipalId', message: 'Välj en kommun i länet.' },
    ]);
  const ids = input.units.map((u) => u.unitId);
  if (new Set(ids).size !== ids.length)
    throw unprocessable('Varje enhet underrättas en gång.', [
      { path: 'units', message: 'Ta bort dubbletterna.' },
    ]);
  const found = await tx
    .select({ id: units.id, kind: principals.kind, contractedBy: principals.contractedByPrincipalId })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(and(inArray(units.id, ids), eq(units.active, true), eq(principals.countyCode, user.county.code)));
  input.units.forEach((u, i) => {
    const unit = found.find((f) => f.id === u.unitId);
    const fits =
      unit &&
      (municipal.has(u.kind)
        ? unit.kind === 'municipality'
        : unit.kind === 'region' ||
          (unit.kind === 'privateProvider' && unit.contractedBy === user.principal.id));
    if (!fits)
      throw unprocessable('En enhet passar inte det den ska underrättas som.', [
        {
          path: `units.${i}.unitId`,
          message: municipal.has(u.kind)
            ? 'Välj en av kommunens enheter i länet.'
            : 'Välj en enhet inom regionens öppna vård.',
        },
      ]);
  });
}

import type { Db } from '../../db/client.ts';
import { changePersonData, readPersonData } from '../../platform/access/access-layer.ts';
import { conflict, forbidden } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { loadStay, type StayAggregate } from './load.ts';
import { loadPaymentRules } from './payment-rules.ts';
import { presentStay } from './present.ts';
import type { dischargeStayUnits } from './schema.ts';

/**
 * Changes a stay through the access layer (404 for anyone its rule refuses, an access-log row for the change)
 * and answers with the stay as the caller now sees it.
 */
export function changeStay(
  ctx: UserContext,
  id: string,
  change: (tx: Db, stay: StayAggregate, person: Parameters<typeof presentStay>[1]) => Promise<void>,
) {
  return changePersonData(ctx, { type: 'dischargeStay', id }, async (tx, grant) => {
    await change(tx, await loadStay(tx, id), grant.person);
    const rules = await loadPaymentRules(tx, ctx.user.county.code);
    return presentStay(await loadStay(tx, id), grant.person, 'ownPage', rules, ctx.now);
  });
}

/** One stay, for those its access rule lets through; logged as a read. */
export function readStay(ctx: UserContext, id: string) {
  return readPersonData(ctx, { type: 'dischargeStay', id }, async (tx, grant) => {
    const rules = await loadPaymentRules(tx, ctx.user.county.code);
    return presentStay(await loadStay(tx, id), grant.person, 'ownPage', rules, ctx.now);
  });
}

/** 403 unless the caller's unit is the stay's inpatient unit. */
export function assertInpatientUnit(ctx: UserContext, a: StayAggregate) {
  if (a.stay.inpatientUnitId !== ctx.user.unit.id)
    throw forbidden('Det här gör den slutna vårdens enhet som skickade inskrivningsmeddelandet.');
}

/** The caller's unit as a notified unit of the stay; 403 for the inpatient unit or another unit. */
export function ownConcernedUnit(ctx: UserContext, a: StayAggregate): typeof dischargeStayUnits.$inferSelect {
  const own = a.units.find((u) => u.unitId === ctx.user.unit.id);
  if (!own) throw forbidden('Det här gör de enheter som har fått inskrivningsmeddelandet.');
  return own;
}

/** 409 once the patient is discharged: the stay is closed. */
export function assertNotDischarged(a: StayAggregate) {
  if (a.stay.status === 'discharged') throw conflict('Patienten är redan utskriven. Inget har ändrats.');
}

/** The concerned units other than the caller's. */
export const otherUnits = (ctx: UserContext, a: StayAggregate) =>
  a.units.map((u) => u.unitId).filter((id) => id !== ctx.user.unit.id);

import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { isoDateTime } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { organisationNames } from '../organisations/index.ts';
import { mayDisputeDay } from './policy.ts';
import type { StayJson } from './present.ts';
import type { ConcernedKind } from './schema.ts';

// What the discharge pages share: who may use them, the stay's id in the path, the way back, Swedish labels.

export const access = ['staff', 'manager'] as const;
export const params = z.object({ id: z.string().min(1).max(100) });
export const stayPath = (id: string) => `/utskrivning/${encodeURIComponent(id)}`;
export const backToStay = (p: Record<string, string>) => ({
  href: stayPath(p.id!),
  text: 'Tillbaka till vårdtillfället',
});

export const kindLabels: Record<ConcernedKind, string> = {
  socialServices: 'Socialtjänsten',
  municipalHealthCare: 'Kommunal hälso- och sjukvård',
  regionalOutpatient: 'Regionens öppna vård',
};
export const statusLabels: Record<StayJson['status'], string> = {
  inCare: 'Inskriven',
  ready: 'Utskrivningsklar',
  discharged: 'Utskriven',
};
export const kronor = (sek: number) => `${sek.toLocaleString('sv-SE')} kr`;
export const banners: Record<string, string> = {
  skickat: 'Inskrivningsmeddelandet är skickat till de berörda enheterna.',
  kvitterat: 'Er enhet har kvitterat inskrivningsmeddelandet och startat planeringen.',
  forberedelse: 'Det ni förbereder är sparat.',
  datum: 'Det beräknade datumet är ändrat. De berörda enheterna har fått besked.',
  klar: 'Patienten är utskrivningsklar. De berörda enheterna har fått besked.',
  inteklar: 'Patienten är inte längre utskrivningsklar. De berörda enheterna har fått besked.',
  sip: 'SIP:en är startad. Registrera samtycket och kalla enheterna på SIP:ens sida.',
  utskriven: 'Patienten är utskriven.',
  bestridd: 'Dagen är bestridd. En tvist är öppnad mellan kommunen och regionen.',
};

/** What the viewer may do with the stay: as its inpatient unit, as a notified unit, as the paying municipality's manager. */
export function viewerOf(ctx: UserContext, stay: StayJson) {
  const own = stay.units.find((u) => u.unitId === ctx.user.unit.id) ?? null;
  const open = stay.status !== 'discharged';
  const inpatient = stay.inpatientUnitId === ctx.user.unit.id;
  return {
    inpatient,
    own,
    mayAcknowledge: open && own !== null && own.acknowledgedAt === null,
    mayPrepare: open && own !== null,
    mayCallSip: open && own?.kind === 'regionalOutpatient' && own.fastVardkontakt !== null && !stay.sip.sipId,
    mayDispute: mayDisputeDay(ctx.user, stay) && stay.payment.days.some((d) => !d.disputeId),
    open,
  };
}

/** The names of the units and principals the stays mention. */
export function namesFor(
  db: Db,
  stays: { inpatientUnitId: string; municipalityPrincipalId: string; units?: { unitId: string }[] }[],
) {
  return organisationNames(db, {
    unitIds: [...new Set(stays.flatMap((s) => [s.inpatientUnitId, ...(s.units ?? []).map((u) => u.unitId)]))],
    principalIds: [...new Set(stays.map((s) => s.municipalityPrincipalId))],
  });
}

export const when = (iso: string | null) => (iso ? isoDateTime(new Date(iso)) : null);

import type { PersonContext } from '../../platform/http/context.ts';
import { listOwnStays, type OwnStay } from '../discharge/index.ts';
import { organisationNames } from '../organisations/index.ts';
import { concernedText, dayText, stayText } from './present.ts';

// The person's stays in inpatient care (the discharge module, lag 2017:612), shown on their own pages when they
// have one, current or past: when they came in, how it stands, when they went home, and which units the hospital
// told. Read through the discharge module's index.ts and the person's path of the access layer, each stay logged
// as read by the person. Units and principals only, never a member of staff (decision 0022).

const unique = (ids: string[]) => [...new Set(ids)];

/** The names of the units and principals the stays mention. */
export function stayNames(ctx: PersonContext, stays: OwnStay[]) {
  return organisationNames(ctx.db, {
    unitIds: unique(stays.flatMap((s) => [s.inpatientUnitId, ...s.units.map((u) => u.unitId)])),
    principalIds: unique(stays.flatMap((s) => [s.inpatientPrincipalId, s.municipalityPrincipalId])),
  });
}

/** The person's stays, newest first, in plain Swedish; none for most people, and then nothing is shown. */
export async function listMyStays(ctx: PersonContext) {
  const stays = await listOwnStays(ctx);
  if (stays.length === 0) return [];
  const names = await stayNames(ctx, stays);
  return stays.map((s) => {
    const ready = s.readiness.find((r) => r.revokedAt === null);
    return {
      id: s.id,
      current: s.status !== 'discharged',
      where: names.unitWithPrincipal(s.inpatientUnitId),
      admitted: dayText(s.admittedAt),
      status: statusOf(s, ready?.judgedAt ?? null),
      told: s.units.map((u) => ({
        unit: names.unitWithPrincipal(u.unitId),
        kind: concernedText[u.kind] ?? '',
        on: dayText(u.notifiedAt),
      })),
    };
  });
}

/** How the stay stands, in a sentence or two with its date. */
function statusOf(s: OwnStay, readySince: Date | null): string {
  if (s.dischargedOn) return stayText.discharged(dayText(s.dischargedOn));
  if (s.status === 'ready' && readySince) return stayText.ready(dayText(readySince));
  return stayText.inCare(dayText(s.expectedReadyOn));
}
export type MyStay = Awaited<ReturnType<typeof listMyStays>>[number];

import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { organisationNames } from '../organisations/index.ts';
import { planUnitIds } from './plan-units.ts';
import type { SipJson } from './present.ts';

// What the SIP pages share: who may use them, the SIP's id in the path, the way back, and the organisations'
// names a page shows.

export const access = ['staff', 'manager'] as const;
export const params = z.object({ id: z.string().min(1).max(100) });
export const sipPath = (id: string) => `/sip/${encodeURIComponent(id)}`;
/** The way back from a SIP's forms (and from the page of a 409). */
export const backToSip = (p: Record<string, string>) => ({
  href: sipPath(p.id!),
  text: 'Tillbaka till SIP:en',
});

/** The names of the units and principals the SIPs mention. */
export async function namesFor(db: Db, sips: SipJson[]) {
  const unique = (ids: string[]) => [...new Set(ids)];
  return organisationNames(db, {
    unitIds: unique(
      sips.flatMap((s) => [
        s.convening.unitId,
        ...s.invitations.map((i) => i.unitId),
        ...(s.plan ? planUnitIds(s.plan) : []),
        ...(s.plan?.placement?.jointPlanning.unitIds ?? []),
      ]),
    ),
    principalIds: unique(
      sips.flatMap((s) => [
        ...(s.consent?.principalIds ?? []),
        ...(s.consent?.changes ?? []).flatMap((c) => (c.principalId ? [c.principalId] : [])),
      ]),
    ),
  });
}

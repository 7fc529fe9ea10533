import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loadCurrentUser } from '../../platform/auth/current-user.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { users } from '../organisations/schema.ts';
import { acknowledgeStay } from './acknowledge.ts';
import { dischargePatient } from './discharge-patient.ts';
import { notifyAdmission } from './notify-admission.ts';
import { markReady, revokeReady } from './readiness.ts';

// The demo's month of discharge planning (issue 25): in each county, October 2026's admissions to the region's
// psychiatric inpatient unit, made through the use cases as the units' demo accounts would, each step at its own
// instant. Every person is invented (names from a list, identity numbers generated with a valid check digit; the
// demo says on every page that all person data is made up). Some notices are late, some readiness is revoked,
// some stays run past the law's three days so that the municipality pays. The demo calls no SIP: a SIP is the
// SIP module's, with its own consent, and the demo's SIP figures stay those of the SIP work; so most stays notify
// the municipality's units only, and the two that also notify the outpatient psychiatry show a SIP not called.

export type DischargeDemoCounty = {
  inpatient: string;
  outpatient: string;
  /** The county's first municipalities: the social services' demo account and the municipality. */
  municipalities: { username: string; municipalityId: string }[];
};

const names = ['Alva Ek', 'Bo Lind', 'Cecilia Holm', 'David Sjö', 'Eva Berg', 'Filip Dahl', 'Greta Lund'];
const extra = ['Hugo Ström', 'Irma Falk'];

/** A generated identity number (19YYMMDD-98NC) with its check digit: invented, as the demo's every person. */
function demoIdentityNumber(county: number, i: number): string {
  const digits = `${60 + county}${String(1 + (i % 12)).padStart(2, '0')}${String(10 + i).padStart(2, '0')}98${county}`;
  const sum = [...digits].reduce((s, c, k) => {
    const d = Number(c) * (k % 2 === 0 ? 2 : 1);
    return s + Math.floor(d / 10) + (d % 10);
  }, 0);
  return `19${digits}${(10 - (sum % 10)) % 10}`;
}

/** One stay's script: days after 1 October, and what happens. */
type Script = {
  admitted: number;
  lateNotice?: boolean;
  outpatient?: boolean;
  ready?: number;
  revokedAfter?: number;
  readyAgain?: number;
  discharged?: number;
};
const scripts: Script[] = [
  { admitted: 0, ready: 4, discharged: 5 },
  { admitted: 2, lateNotice: true, ready: 6, discharged: 11 },
  { admitted: 5, ready: 9, revokedAfter: 1, readyAgain: 12, discharged: 17 },
  { admitted: 8, outpatient: true, ready: 12, discharged: 14 },
  { admitted: 12, ready: 15, discharged: 22 },
  { admitted: 16, lateNotice: true, ready: 19, discharged: 21 },
  { admitted: 20, outpatient: true, ready: 24, discharged: 29 },
  { admitted: 25, ready: 29 },
  { admitted: 28 },
];

const instant = (day: number, hour: number) => new Date(Date.UTC(2026, 9, 1 + day, hour));
const dateOf = (day: number) => instant(day, 10).toISOString().slice(0, 10);

export async function loadDischargeDemo(tx: Db, counties: DischargeDemoCounty[]): Promise<void> {
  const users = await demoUsers(
    tx,
    counties.flatMap((c) => [c.inpatient, c.outpatient, ...c.municipalities.map((m) => m.username)]),
  );
  for (const [c, county] of counties.entries()) {
    const as = async (username: string, at: Date): Promise<UserContext> => ({
      db: tx,
      now: at,
      user: users.get(username)!,
      session: null,
      requestId: 'demo',
      publicUrl: 'http://localhost',
    });
    const unitOf = (username: string) => users.get(username)!.unit.id;
    for (const [i, s] of scripts.entries()) {
      const m = county.municipalities[i % county.municipalities.length]!;
      const admittedAt = instant(s.admitted, 7);
      // On time two hours after admission; late 30 hours after.
      const sentHour = s.lateNotice ? 37 : 9;
      const stay = await notifyAdmission(await as(county.inpatient, instant(s.admitted, sentHour)), {
        person: {
          personalIdentityNumber: demoIdentityNumber(c, i),
          name: `${[...names, ...extra][(i + c * 2) % 9]} (påhittad)`,
        },
        admittedAt: admittedAt.toISOString(),
        expectedReadyOn: dateOf(s.ready ?? s.admitted + 10),
        municipalityPrincipalId: m.municipalityId,
        units: [
          { unitId: unitOf(m.username), kind: 'socialServices' as const },
          ...(s.outpatient
            ? [{ unitId: unitOf(county.outpatient), kind: 'regionalOutpatient' as const }]
            : []),
        ],
      });
      await acknowledgeStay(await as(m.username, instant(s.admitted, sentHour + 2)), stay.id, {});
      if (s.outpatient)
        await acknowledgeStay(await as(county.outpatient, instant(s.admitted, sentHour + 3)), stay.id, {
          fastVardkontakt: 'Sjuksköterska på öppenvårdsmottagningen (påhittad)',
        });
      if (s.ready === undefined) continue;
      const ready = async (day: number) =>
        markReady(await as(county.inpatient, instant(day, 8)), stay.id, {
          judgedAt: instant(day, 8).toISOString(),
        });
      await ready(s.ready);
      if (s.revokedAfter !== undefined && s.readyAgain !== undefined) {
        await revokeReady(await as(county.inpatient, instant(s.ready + s.revokedAfter, 10)), stay.id);
        await ready(s.readyAgain);
      }
      if (s.discharged === undefined) continue;
      await dischargePatient(await as(county.inpatient, instant(s.discharged, 12)), stay.id, {
        dischargedOn: dateOf(s.discharged),
        informationTransferredOn: dateOf(s.discharged),
        summary: { care: 'Psykiatrisk heldygnsvård (påhittad demo)', existingPlans: '' },
      });
    }
  }
}

/** The demo accounts the script acts as, by username. */
async function demoUsers(tx: Db, usernames: string[]) {
  const rows = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, [...new Set(usernames)]));
  const out = new Map<string, NonNullable<Awaited<ReturnType<typeof loadCurrentUser>>>>();
  for (const r of rows) {
    const user = await loadCurrentUser(tx, r.id);
    if (user) out.set(r.username, user);
  }
  return out;
}

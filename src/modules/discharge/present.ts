import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import { type Person, presentPerson } from '../../platform/people/present.ts';
import type { StayAggregate } from './load.ts';
import { type PaymentRule, paidDays, totalSek } from './payment.ts';
import { noticeDueAt, noticeLate, sipCallLate, sipDueOn } from './rules.ts';
import { concernedKinds, dayKinds, stayStatuses } from './schema.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const personSchema = z.object({ id: z.string(), name: z.string(), personalIdentityNumber: z.string() });

export const paymentSchema = z.object({
  days: z.array(
    z.object({
      day,
      amountSek: z.number().int(),
      ruleId: z.string(),
      demoAmount: z.boolean(),
      disputeId: z.string().nullable(),
    }),
  ),
  totalDays: z.number().int(),
  totalAmountSek: z.number().int(),
});

export const staySchema = z.object({
  id: z.string(),
  countyCode: z.string(),
  person: personSchema,
  inpatientUnitId: z.string(),
  municipalityPrincipalId: z.string(),
  status: z.enum(stayStatuses),
  admittedAt: z.string(),
  noticeSentAt: z.string(),
  noticeDueAt: z.string(),
  noticeLate: z.boolean(),
  expectedReadyOn: day,
  expectedDates: z.array(z.object({ expectedReadyOn: day, setAt: z.string() })),
  units: z.array(
    z.object({
      unitId: z.string(),
      kind: z.enum(concernedKinds),
      notifiedAt: z.string(),
      acknowledgedAt: z.string().nullable(),
      fastVardkontakt: z.string().nullable(),
      preparation: z.string().nullable(),
      preparationUpdatedAt: z.string().nullable(),
    }),
  ),
  readiness: z.array(
    z.object({
      id: z.string(),
      judgedAt: z.string(),
      notifiedAt: z.string(),
      revokedAt: z.string().nullable(),
    }),
  ),
  sip: z.object({
    dueOn: day.nullable(),
    sipId: z.string().nullable(),
    calledAt: z.string().nullable(),
    late: z.boolean(),
  }),
  discharge: z
    .object({
      dischargedOn: day,
      informationTransferredOn: day,
      summary: z.object({
        care: z.string(),
        fastVardkontakt: z.string().nullable(),
        sipPlannedOn: day.nullable(),
        existingPlans: z.string(),
      }),
    })
    .nullable(),
  payment: paymentSchema,
});
export type StayJson = z.infer<typeof staySchema>;

export const ruleSchema = z.object({
  id: z.string(),
  countyCode: z.string().nullable(),
  validFrom: day,
  daysAfterNotice: z.number().int(),
  dayKind: z.enum(dayKinds),
  dailyAmountSek: z.number().int(),
  demoAmount: z.boolean(),
  source: z.string(),
});

/** The municipality's paid days for the stay, each with its dispute if the municipality disputed it. */
export function stayPayment(a: StayAggregate, rules: readonly PaymentRule[], now: Date) {
  const days = paidDays({
    countyCode: a.stay.countyCode,
    periods: a.readiness,
    dischargedOn: a.stay.dischargedOn,
    today: isoDate(now),
    rules,
  });
  const disputes = new Map(a.disputedDays.map((d) => [d.day, d.disputeId]));
  return {
    days: days.map((d) => ({ ...d, disputeId: disputes.get(d.day) ?? null })),
    totalDays: days.length,
    totalAmountSek: totalSek(days),
  };
}

/** The SIP's deadline and whether it was (or is) late: three days from the first ready notice. */
export function staySip(a: StayAggregate, now: Date) {
  const first = a.readiness[0];
  const dueOn = first ? sipDueOn(first.notifiedAt) : null;
  const { sipCalledAt } = a.stay;
  // A SIP called before the first ready notice is on time; one not called yet is late once its day has passed.
  const late = first ? sipCallLate(first.notifiedAt, sipCalledAt ?? now) : false;
  return { dueOn, sipId: a.stay.sipId, calledAt: sipCalledAt?.toISOString() ?? null, late };
}

export function presentStay(
  a: StayAggregate,
  person: Person,
  where: 'ownPage' | 'elsewhere',
  rules: readonly PaymentRule[],
  now: Date,
): StayJson {
  const { stay } = a;
  const fastVardkontakt = a.units.find((u) => u.kind === 'regionalOutpatient' && u.fastVardkontakt);
  return {
    id: stay.id,
    countyCode: stay.countyCode,
    person: presentPerson(person, where),
    inpatientUnitId: stay.inpatientUnitId,
    municipalityPrincipalId: stay.municipalityPrincipalId,
    status: stay.status,
    admittedAt: stay.admittedAt.toISOString(),
    noticeSentAt: stay.noticeSentAt.toISOString(),
    noticeDueAt: noticeDueAt(stay.admittedAt).toISOString(),
    noticeLate: noticeLate(stay.admittedAt, stay.noticeSentAt),
    expectedReadyOn: stay.expectedReadyOn,
    expectedDates: a.expectedDates.map((e) => ({
      expectedReadyOn: e.expectedReadyOn,
      setAt: e.setAt.toISOString(),
    })),
    units: a.units.map((u) => ({
      unitId: u.unitId,
      kind: u.kind,
      notifiedAt: u.notifiedAt.toISOString(),
      acknowledgedAt: u.acknowledgedAt?.toISOString() ?? null,
      fastVardkontakt: u.fastVardkontakt,
      preparation: u.preparation,
      preparationUpdatedAt: u.preparationUpdatedAt?.toISOString() ?? null,
    })),
    readiness: a.readiness.map((r) => ({
      id: r.id,
      judgedAt: r.judgedAt.toISOString(),
      notifiedAt: r.notifiedAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
    })),
    sip: staySip(a, now),
    discharge:
      stay.dischargedOn && stay.informationTransferredOn
        ? {
            dischargedOn: stay.dischargedOn,
            informationTransferredOn: stay.informationTransferredOn,
            summary: {
              care: stay.summaryCare ?? '',
              fastVardkontakt: fastVardkontakt?.fastVardkontakt ?? null,
              sipPlannedOn: stay.summarySipPlannedOn,
              existingPlans: stay.summaryExistingPlans ?? '',
            },
          }
        : null,
    payment: stayPayment(a, rules, now),
  };
}

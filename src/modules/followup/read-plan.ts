import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { governanceBodies } from '../organisations/schema.ts';
import { followUpCalendarItems, followUpPlans, indicators, indicatorValues } from './schema.ts';

/**
 * The county's follow-up plan with its indicators in order, each manual indicator's entered values (newest
 * period first) and the plan's calendar items. Follow-up plans are governance documents with no person data:
 * every logged-in user of the county reads them. A county has one plan; null when it has none.
 */
export async function loadCountyPlan(db: Db, countyCode: string) {
  const [plan] = await db
    .select({ plan: followUpPlans, bodyName: governanceBodies.name })
    .from(followUpPlans)
    .leftJoin(governanceBodies, eq(governanceBodies.id, followUpPlans.responsibleBodyId))
    .where(eq(followUpPlans.countyCode, countyCode))
    .orderBy(asc(followUpPlans.createdAt))
    .limit(1);
  if (!plan) return null;
  const list = await db
    .select()
    .from(indicators)
    .where(eq(indicators.planId, plan.plan.id))
    .orderBy(asc(indicators.position));
  const values = list.length
    ? await db
        .select()
        .from(indicatorValues)
        .where(
          inArray(
            indicatorValues.indicatorId,
            list.map((i) => i.id),
          ),
        )
        .orderBy(desc(indicatorValues.period))
    : [];
  const calendar = await db
    .select()
    .from(followUpCalendarItems)
    .where(eq(followUpCalendarItems.planId, plan.plan.id))
    .orderBy(asc(followUpCalendarItems.on));
  return {
    ...plan.plan,
    responsible: plan.bodyName ?? plan.plan.responsibleText ?? 'Parterna i överenskommelsen',
    indicators: list.map((i) => ({ ...i, values: values.filter((v) => v.indicatorId === i.id) })),
    calendar,
  };
}
export type CountyPlan = NonNullable<Awaited<ReturnType<typeof loadCountyPlan>>>;
export type PlanIndicator = CountyPlan['indicators'][number];

/** One indicator of the caller's county; another county's (or none) is 404. */
export async function findCountyIndicator(db: Db, countyCode: string, indicatorId: string) {
  const [row] = await db
    .select({ indicator: indicators, countyCode: followUpPlans.countyCode })
    .from(indicators)
    .innerJoin(followUpPlans, eq(followUpPlans.id, indicators.planId))
    .where(and(eq(indicators.id, indicatorId), eq(followUpPlans.countyCode, countyCode)));
  if (!row) throw notFound('Indikatorn finns inte.');
  return row.indicator;
}

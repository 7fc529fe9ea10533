import { addMonths } from 'date-fns';
import { isoDate } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/http/context.ts';
import { inForceSince } from '../agreements/index.ts';
import type { CountyPlan } from './read-plan.ts';

export type CalendarEntry = { on: string; title: string; note: string | null; kind: string };

/**
 * The follow-up's calendar: the plan's dated items (the annual collaboration day, the annual follow-up) and,
 * where the plan says the agreement is evaluated some months after it came into force (Örebro: two years), that
 * evaluation, computed from the agreement's own dates so it moves when a new version comes into force.
 */
export async function calendarOf(
  ctx: RequestContext,
  plan: Omit<CountyPlan, 'indicators'>,
): Promise<CalendarEntry[]> {
  const entries: CalendarEntry[] = plan.calendar.map((c) => ({
    on: c.on,
    title: c.title,
    note: c.note,
    kind: c.kind,
  }));
  if (plan.evaluationAfterMonths && plan.agreementId) {
    const since = await inForceSince(ctx, plan.agreementId);
    if (since) {
      const on = isoDate(addMonths(new Date(`${since}T12:00:00Z`), plan.evaluationAfterMonths));
      entries.push({
        on,
        kind: 'evaluation',
        title: 'Utvärdering av samverkan',
        note: `${plan.evaluationAfterMonths / 12 === Math.floor(plan.evaluationAfterMonths / 12) ? `${plan.evaluationAfterMonths / 12} år` : `${plan.evaluationAfterMonths} månader`} efter att överenskommelsen trädde i kraft ${since}.`,
      });
    }
  }
  return entries.sort((a, b) => a.on.localeCompare(b.on));
}

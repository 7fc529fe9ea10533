import type { UserContext } from '../../platform/http/context.ts';
import { dashboardPage } from './present.ts';
import { readDashboard } from './read-dashboard.ts';

/**
 * One computed indicator's figures for a year, for its own page: the county's by month with the chart and the
 * table beside it, and each principal's figure for the year. Both come from the dashboards (read-dashboard.ts),
 * so the same small counts are hidden, the sibling rule included, and the cache serves them. A manual
 * indicator's figures are its entered values, which the page shows already: null.
 */
export async function readIndicatorFigures(ctx: UserContext, indicatorId: string, year: number) {
  const county = await readDashboard(ctx, { year });
  const figures = dashboardPage(county).find((i) => i.id === indicatorId);
  if (!figures || figures.manual) return null;
  const byPrincipal: { name: string; href: string; text: string }[] = [];
  for (const p of county.principals) {
    const own = dashboardPage(await readDashboard(ctx, { year, principalId: p.id }));
    byPrincipal.push({
      name: p.name,
      href: `/uppfoljning/indikatorer?ar=${year}&huvudman=${encodeURIComponent(p.id)}`,
      text: own.find((i) => i.id === indicatorId)?.summary ?? '–',
    });
  }
  return { year, scopeName: county.scopeName, figures, byPrincipal };
}

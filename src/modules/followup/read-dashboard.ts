import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { listCategories } from '../organisations/index.ts';
import { escalationLevels, principals, units } from '../organisations/schema.ts';
import { indicatorChart } from './charts.ts';
import { dashboardIndicators, type IndicatorView, type Labels } from './dashboard.ts';
import { loadYearFigures, refreshState, type Scope } from './figures.ts';
import { type CountyPlan, loadCountyPlan } from './read-plan.ts';

export type DashboardQuery = { year: number; principalId?: string | undefined; unitId?: string | undefined };
export type DashboardIndicator = IndicatorView & { chart: string | null; alternative: string };
export type Dashboard = {
  countyCode: string;
  year: number;
  scope: Scope;
  scopeName: string;
  /** Whether the viewer's principal owns the figures (and sees its small counts). */
  owned: boolean;
  refreshedAt: Date | null;
  plan: Omit<CountyPlan, 'indicators'> | null;
  indicators: DashboardIndicator[];
  principals: { id: string; name: string }[];
  units: { id: string; name: string }[];
};

// Built dashboards, per database (two apps in one process never share one), keyed by everything that changes
// what they show: the figures' version (a refresh, an entered value, a changed target), scope, year, and the
// viewer's principal (which small counts it may see). A refresh bumps the version, so nothing stale is served.
const cache = new WeakMap<Db, Map<string, Dashboard>>();
const cacheSize = 500;

/**
 * A dashboard: the county's, a principal's or a unit's indicators for a year, against their targets, as the
 * caller may see them (dashboard.ts). Any logged-in user of the county may look at any of its dashboards, since
 * the figures are aggregates with small counts hidden from those outside the owning principal; another county's
 * principal or unit is 404, like one that does not exist.
 */
export async function readDashboard(ctx: UserContext, query: DashboardQuery): Promise<Dashboard> {
  const countyCode = ctx.user.county.code;
  const { version, refreshedAt } = await refreshState(ctx.db, countyCode);
  // Keyed by the scope as asked: a scope outside the county throws below and is never cached.
  const key = [
    countyCode,
    query.principalId ?? '',
    query.unitId ?? '',
    query.year,
    ctx.user.principal.id,
    version,
  ].join('|');
  const byKey = cache.get(ctx.db) ?? new Map<string, Dashboard>();
  cache.set(ctx.db, byKey);
  const hit = byKey.get(key);
  if (hit) return hit;

  const orgs = await countyOrganisations(ctx.db, countyCode);
  const scope = resolveScope(orgs, query);
  const plan = await loadCountyPlan(ctx.db, countyCode);
  const rows = await loadYearFigures(ctx.db, countyCode, query.year);
  const labels = await labelsOf(ctx.db, countyCode, orgs);
  const views = dashboardIndicators(
    plan?.indicators ?? [],
    rows,
    scope,
    query.year,
    { principalId: ctx.user.principal.id },
    labels,
  );
  const scopeName =
    scope.kind === 'county'
      ? ctx.user.county.name
      : scope.kind === 'principal'
        ? labels.principal.get(scope.principalId)!
        : `${orgs.units.find((u) => u.id === scope.unitId)!.name}, ${labels.principal.get(scope.principalId)}`;
  const dashboard: Dashboard = {
    countyCode,
    year: query.year,
    scope,
    scopeName,
    owned: scope.kind !== 'county' && scope.principalId === ctx.user.principal.id,
    refreshedAt,
    plan: plan ? withoutIndicators(plan) : null,
    indicators: views.map((v) => {
      const alternative = textAlternative(v, scopeName, query.year);
      return { ...v, alternative, chart: indicatorChart(v, alternative) };
    }),
    principals: orgs.principals.filter((p) => p.kind !== 'userOrganisation'),
    units: scope.kind === 'county' ? [] : orgs.units.filter((u) => u.principalId === scope.principalId),
  };
  if (byKey.size >= cacheSize) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, dashboard);
  return dashboard;
}

type Organisations = Awaited<ReturnType<typeof countyOrganisations>>;

export async function countyOrganisations(db: Db, countyCode: string) {
  const principalRows = await db
    .select({ id: principals.id, name: principals.name, kind: principals.kind })
    .from(principals)
    .where(eq(principals.countyCode, countyCode));
  // Region first, then the municipalities and the others by name: the order people expect in a county.
  principalRows.sort(
    (a, b) => Number(b.kind === 'region') - Number(a.kind === 'region') || a.name.localeCompare(b.name, 'sv'),
  );
  const unitRows = await db
    .select({ id: units.id, name: units.name, principalId: units.principalId })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(and(eq(principals.countyCode, countyCode), eq(units.active, true)))
    .orderBy(asc(units.name));
  return { principals: principalRows, units: unitRows };
}

function resolveScope(orgs: Organisations, query: DashboardQuery): Scope {
  if (query.unitId) {
    const unit = orgs.units.find((u) => u.id === query.unitId);
    if (!unit || (query.principalId && unit.principalId !== query.principalId))
      throw notFound('Enheten finns inte i ditt län.');
    return { kind: 'unit', unitId: unit.id, principalId: unit.principalId };
  }
  if (query.principalId) {
    if (!orgs.principals.some((p) => p.id === query.principalId))
      throw notFound('Huvudmannen finns inte i ditt län.');
    return { kind: 'principal', principalId: query.principalId };
  }
  return { kind: 'county' };
}

export async function labelsOf(db: Db, countyCode: string, orgs: Organisations): Promise<Labels> {
  const categories = await listCategories(db, countyCode, 'deviation');
  const levels = await db
    .select({ level: escalationLevels.level, label: escalationLevels.label })
    .from(escalationLevels)
    .where(eq(escalationLevels.countyCode, countyCode))
    .orderBy(asc(escalationLevels.level));
  const unitsOf = new Map<string, string[]>();
  for (const u of orgs.units) unitsOf.set(u.principalId, [...(unitsOf.get(u.principalId) ?? []), u.id]);
  const caseParties = orgs.principals.filter((p) => p.kind !== 'userOrganisation');
  return {
    category: new Map(categories.map((c) => [c.key, c.label])),
    level: new Map(levels.map((l) => [String(l.level), `${l.level}. ${l.label}`])),
    principal: new Map(orgs.principals.map((p) => [p.id, p.name])),
    principals: caseParties.map((p) => p.id),
    unitsOf,
  };
}

/** What the chart shows, in words, for those who cannot see it; the table beside it has every figure. */
function textAlternative(v: IndicatorView, scopeName: string, year: number): string {
  const what = v.kind === 'breakdown' ? 'Liggande stapeldiagram' : 'Stapeldiagram per månad';
  const target = v.target
    ? ` Målet är ${v.target.direction === 'atLeast' ? 'minst' : 'högst'} ${v.target.value}${v.unit === 'percent' ? ' %' : v.unit === 'days' ? ' dagar' : ''}, streckad linje.`
    : '';
  return `${what}: ${v.name}, ${scopeName} ${year}.${target} Siffrorna finns i tabellen intill.`;
}

const withoutIndicators = ({ indicators: _, ...plan }: CountyPlan) => plan;

import { asc, type Column, eq, getTableColumns, inArray, sql, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { counties } from '../organisations/schema.ts';
import {
  sipAssessments,
  sipConsentChanges,
  sipConsentPrincipals,
  sipConsents,
  sipFollowUps,
  sipInvitations,
  sipMeetings,
  sipPlanVersions,
  sips,
} from './schema.ts';

type SipRow = typeof sips.$inferSelect;
type ConsentRow = typeof sipConsents.$inferSelect;
type PlanRow = typeof sipPlanVersions.$inferSelect;
type ConsentChangeRow = typeof sipConsentChanges.$inferSelect;
export type SipAggregate = SipRow & {
  // The county's target group (data per county): null means all ages.
  targetGroupMinAge: number | null;
  // The consent as it is now, and its changes after it was given, oldest first (each a new version of it).
  consent: (ConsentRow & { principalIds: string[]; changes: ConsentChangeRow[] }) | null;
  invitations: (typeof sipInvitations.$inferSelect)[];
  plan: PlanRow | null;
  followUps: (typeof sipFollowUps.$inferSelect)[];
  assessments: (typeof sipAssessments.$inferSelect)[];
  meetings: (typeof sipMeetings.$inferSelect)[];
};

/**
 * Loads SIPs with consent and its changes, invitations, current plan, follow-ups, needs assessments and meetings in one query
 * whatever their number: each child table as a JSON array beside its SIP, read back into the rows Drizzle would
 * give (fromJson). One round trip instead of nine (issue 27): a request holds its pooled connection for its whole
 * transaction, so each round trip saved shortens every request's wait. `json`, not `jsonb`: the text is only
 * read back, and building jsonb cost PostgreSQL a third more for a page of 100 SIPs (the bench's SIP list API
 * went from 46 to 105 req/s). Only for use inside the access layer's callbacks, which have already checked access
 * to these ids.
 */
export async function loadSips(tx: Db, ids: string[]): Promise<SipAggregate[]> {
  if (ids.length === 0) return [];
  const id = sql.raw('"sips"."id"');
  const rows = await tx
    .select({
      ...getTableColumns(sips),
      targetGroupMinAge: counties.targetGroupMinAge,
      consent: sql<Json>`(select to_json(x) from ${sipConsents} x where x.sip_id = ${id})`,
      principalIds: sql<string[]>`(select coalesce(json_agg(x.principal_id order by x.principal_id), '[]')
        from ${sipConsentPrincipals} x where x.sip_id = ${id})`,
      changes: sql<Json[]>`(select coalesce(json_agg(to_json(x) order by x.seq), '[]')
        from ${sipConsentChanges} x where x.sip_id = ${id})`,
      invitations: sql<Json[]>`(select coalesce(json_agg(to_json(x) order by x.created_at, x.seq), '[]')
        from ${sipInvitations} x where x.sip_id = ${id})`,
      plan: sql<Json>`(select to_json(x) from ${sipPlanVersions} x where x.sip_id = ${id}
        order by x.version desc limit 1)`,
      followUps: sql<Json[]>`(select coalesce(json_agg(to_json(x) order by x.held_on, x.recorded_at), '[]')
        from ${sipFollowUps} x where x.sip_id = ${id})`,
      assessments: sql<Json[]>`(select coalesce(json_agg(to_json(x) order by x.unit_id, x.area), '[]')
        from ${sipAssessments} x where x.sip_id = ${id})`,
      meetings: sql<Json[]>`(select coalesce(json_agg(to_json(x) order by x.held_on, x.recorded_at), '[]')
        from ${sipMeetings} x where x.sip_id = ${id})`,
    })
    .from(sips)
    .leftJoin(counties, eq(counties.code, sips.countyCode))
    .where(inArray(sips.id, ids));

  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { consent, principalIds, changes, invitations, plan, followUps, assessments, meetings, ...sip } =
      row;
    return [
      {
        ...sip,
        consent: consent
          ? {
              ...fromJson(sipConsents, consent),
              principalIds: [...parsed<string[]>(principalIds)].sort(),
              changes: parsed<Json[]>(changes).map((c) => fromJson(sipConsentChanges, c)),
            }
          : null,
        invitations: parsed<Json[]>(invitations).map((i) => fromJson(sipInvitations, i)),
        plan: plan ? fromJson(sipPlanVersions, plan) : null,
        followUps: parsed<Json[]>(followUps).map((f) => fromJson(sipFollowUps, f)),
        assessments: parsed<Json[]>(assessments).map((a) => fromJson(sipAssessments, a)),
        meetings: parsed<Json[]>(meetings).map((m) => fromJson(sipMeetings, m)),
      },
    ];
  });
}

type Json = Record<string, unknown>;

/** A JSON value as the driver hands it: parsed already, or as text on a driver that leaves it so. */
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * A row of `table` from its to_json form (snake_case keys, timestamps as text), as Drizzle maps the row of a
 * select: each column by its property name, through the column's own mapping (text to Date for timestamps, the
 * rest as they are).
 */
function fromJson<T extends Table>(table: T, value: unknown): T['$inferSelect'] {
  const json = parsed<Json>(value);
  const row: Json = {};
  for (const { key, name, column } of jsonColumns(table)) {
    const raw = json[name];
    row[key] = raw === null || raw === undefined ? null : column.mapFromDriverValue(raw);
  }
  return row as T['$inferSelect'];
}

type JsonColumn = { key: string; name: string; column: Column };
const columnsByTable = new Map<Table, JsonColumn[]>();

/** A table's columns with the names to_json gives them, worked out once per table. */
function jsonColumns(table: Table): JsonColumn[] {
  let columns = columnsByTable.get(table);
  if (!columns) {
    // Columns declared without a name take their key, made snake_case by the database's casing (client.ts).
    columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({
      key,
      name: column.keyAsName ? toSnakeCase(column.name) : column.name,
      column,
    }));
    columnsByTable.set(table, columns);
  }
  return columns;
}

export async function loadSip(tx: Db, id: string): Promise<SipAggregate> {
  const [sip] = await loadSips(tx, [id]);
  if (!sip) throw notFound();
  return sip;
}

export async function planVersions(tx: Db, sipId: string): Promise<PlanRow[]> {
  return tx
    .select()
    .from(sipPlanVersions)
    .where(eq(sipPlanVersions.sipId, sipId))
    .orderBy(asc(sipPlanVersions.version));
}

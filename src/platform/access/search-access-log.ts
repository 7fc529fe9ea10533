import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { and, count, desc, eq, gte, lt, lte, max, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { unitNameAt } from '../../modules/organisations/unit-names.ts';
import { timeZone } from '../clock.ts';
import { unprocessable } from '../errors.ts';
import type { UserContext } from '../http/context.ts';
import {
  formatIdentityNumber,
  identityNumberMessage,
  parseIdentityNumber,
} from '../people/identity-number.ts';
import { persons } from '../people/schema.ts';
import { logPersonReads, objectLabel } from './access-layer.ts';
import { accessLog } from './schema.ts';

export type AccessLogQuery = {
  personalIdentityNumber?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/**
 * Which page of the search: rows `offset` to `offset + limit`, newest first. `upTo` is the log's last row when
 * the first page was read: reading a page writes log rows, which would otherwise come first and push the later
 * pages' rows along.
 */
export type AccessLogPage = { offset: number; limit: number; upTo?: number | undefined };

export type AccessLogResult = {
  rows: Awaited<ReturnType<typeof presentRows>>;
  /** Every row the search finds, on all pages. */
  total: number;
  /** The bound the next pages keep to (the log's last row now, unless the page was given one). */
  upTo: number;
};

/**
 * A log reviewer's search (PDL 4 kap 3 §): the accesses made by users of the reviewer's own principal,
 * optionally for one person and between two dates (Swedish time, both days included), one page at a time with
 * the number of rows on all pages. The search is itself person data and is logged, one row per person the page
 * shows.
 */
export async function searchAccessLog(
  ctx: UserContext,
  query: AccessLogQuery,
  page: AccessLogPage,
): Promise<AccessLogResult> {
  // Its statements share one pooled connection (a transaction, though it only reads); the page's log rows then
  // join the next group insert (read-log.ts), committed before the page is returned.
  const found = await inTransaction(ctx.db, (tx) => findAccesses(tx, ctx, query, page));
  const shown = [...new Set(found.rows.map((r) => r.personId))];
  await logPersonReads(
    ctx,
    shown.map((personId) => ({ action: 'read', personId, object: { type: 'access-log', id: personId } })),
  );
  return found;
}

/** The search itself: the page of rows and the total, bounded by upTo (the log's last row when it began). */
async function findAccesses(
  tx: Db,
  ctx: UserContext,
  query: AccessLogQuery,
  page: AccessLogPage,
): Promise<AccessLogResult> {
  const [last] = await tx.select({ seq: max(accessLog.seq) }).from(accessLog);
  const upTo = page.upTo ?? last?.seq ?? 0;
  const none = { rows: [], total: 0, upTo };
  // The principal's users' accesses: never the rows of persons reading their own data, which have no principal.
  const conditions: (SQL | undefined)[] = [
    eq(accessLog.actor, 'staff'),
    eq(accessLog.principalId, ctx.user.principal.id),
  ];
  if (query.personalIdentityNumber !== undefined) {
    const pin = parseIdentityNumber(query.personalIdentityNumber);
    if (!pin)
      throw unprocessable(identityNumberMessage, [
        { path: 'personalIdentityNumber', message: identityNumberMessage },
      ]);
    const [person] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.personalIdentityNumber, pin.normalised));
    if (!person) return none;
    conditions.push(eq(accessLog.personId, person.id));
  }
  if (query.from) conditions.push(gte(accessLog.at, startOfSwedishDay(query.from)));
  if (query.to) conditions.push(lt(accessLog.at, addDays(startOfSwedishDay(query.to), 1)));
  conditions.push(lte(accessLog.seq, upTo));
  const [counted] = await tx
    .select({ n: count() })
    .from(accessLog)
    .where(and(...conditions));
  const total = counted?.n ?? 0;
  if (total === 0) return none;
  const found = await tx
    // The unit as it was called at the time of the access, even if it has been renamed or closed since.
    .select({
      row: accessLog,
      pin: persons.personalIdentityNumber,
      unitName: unitNameAt(accessLog.unitId, accessLog.at),
    })
    .from(accessLog)
    .leftJoin(persons, eq(persons.id, accessLog.personId))
    .where(and(...conditions))
    .orderBy(desc(accessLog.at), desc(accessLog.seq))
    .limit(page.limit)
    .offset(page.offset);
  const rows = found.map((f) => ({ ...f.row, pin: f.pin, unitName: f.unitName }));
  return { rows: presentRows(rows), total, upTo };
}

type FoundRow = typeof accessLog.$inferSelect & { pin: string | null; unitName: string | null };

function presentRows(rows: FoundRow[]) {
  return rows.map((r) => ({
    at: r.at.toISOString(),
    // A staff row names all four (the check staff_row_names_user).
    userId: r.userId!,
    username: r.username!,
    unitId: r.unitId!,
    principalId: r.principalId!,
    action: r.action,
    personId: r.personId,
    object: { type: r.objectType, id: r.objectId },
    // For the reviewer's page; the API's response schema leaves these out, as API.md lists the fields.
    objectLabel: objectLabel(r.objectType),
    personalIdentityNumber: r.pin ? formatIdentityNumber(r.pin) : null,
    unitName: r.unitName,
  }));
}

export function startOfSwedishDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, timeZone).getTime());
}

import { TZDate } from '@date-fns/tz';
import { and, count, desc, eq, lte, max, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { unitNameAt } from '../../modules/organisations/unit-names.ts';
import { timeZone } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { PersonContext } from '../http/context.ts';
import { parseIdentityNumber } from '../people/identity-number.ts';
import type { Person } from '../people/present.ts';
import { persons } from '../people/schema.ts';
import type { PersonObject } from './access-layer.ts';
import { type AccessAction, accessLog } from './schema.ts';

/**
 * The person's own path to their data (issue 26): the person, signed in with e-ID, reads and changes what Sömlös
 * holds about them. Like the staff path (access-layer.ts) every function checks access and writes the access
 * log in the same transaction as the read or change; the log row names the person as the one who acted (actor
 * 'person') and no user. A module's manifest gives a self rule per kind of object it keeps (`selfAccessRules`,
 * registered by registerModules as the staff rules are): given the person and the object, whether it is theirs
 * (then the object's county and the name the object holds), or null (404, as if it did not exist). The rules
 * apply only to adults: a child's plan is shown to no one but staff (decision 0022), so for a person under 18
 * every self rule answers 404 and signing in opens no session.
 */
export type SelfRule = (
  tx: Db,
  personId: string,
  objectId: string,
) => Promise<{ countyCode: string; personName: string } | null>;

/** The person as their own pages show them: their number, the name the object holds, protected or not. */
export type SelfGrant = { person: Person; countyCode: string };

const selfRules = new Map<string, SelfRule>();

/** Registers a module's self rule (platform/modules/manifest.ts registerModules alone calls it). */
export function registerSelfAccessRule(objectType: string, rule: SelfRule): void {
  if (selfRules.has(objectType)) throw new Error(`self access rule for ${objectType} registered twice`);
  selfRules.set(objectType, rule);
}

export const selfAccessRuleTypes = () => [...selfRules.keys()];

/** The age at which a person's own pages open (a child's plan: decision 0022). */
export const adultAge = 18;

/**
 * Whether the person with this identity number (twelve digits) is under 18 on `now`'s day in Swedish time. A
 * samordningsnummer carries the day of birth plus 60.
 */
export function isChild(personalIdentityNumber: string, now: Date): boolean {
  const year = Number(personalIdentityNumber.slice(0, 4));
  const month = Number(personalIdentityNumber.slice(4, 6));
  const rawDay = Number(personalIdentityNumber.slice(6, 8));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  const today = new TZDate(now, timeZone);
  const [y, m, d] = [today.getFullYear(), today.getMonth() + 1, today.getDate()];
  const age = y - year - (m < month || (m === month && d < day) ? 1 : 0);
  return age < adultAge;
}

export type SelfLookup = { personId: string } | { child: true } | null;

/**
 * The person an e-ID's identity number names, for signing in: null when the number is not valid or Sömlös holds
 * no person with it; `child` when the person is under 18. Nothing is read but the id, and nothing is logged: the
 * caller stores nothing either unless the person has data to show.
 */
export async function findSelf(db: Db, identityNumber: string, now: Date): Promise<SelfLookup> {
  const pin = parseIdentityNumber(identityNumber);
  if (!pin) return null;
  if (isChild(pin.normalised, now)) return { child: true };
  const [person] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.personalIdentityNumber, pin.normalised));
  return person ? { personId: person.id } : null;
}

/** Reads, prints or exports the person's own data about one object. */
export function readOwnData<T>(
  ctx: PersonContext,
  object: PersonObject,
  load: (tx: Db, grant: SelfGrant) => Promise<T>,
  opts: { action?: Extract<AccessAction, 'read' | 'print' | 'export'> } = {},
): Promise<T> {
  return withSelfGrant(ctx, object, opts.action ?? 'read', load);
}

/** Changes the person's own data about one object (their consent). */
export function changeOwnData<T>(
  ctx: PersonContext,
  object: PersonObject,
  change: (tx: Db, grant: SelfGrant) => Promise<T>,
): Promise<T> {
  return withSelfGrant(ctx, object, 'update', change);
}

async function withSelfGrant<T>(
  ctx: PersonContext,
  object: PersonObject,
  action: AccessAction,
  fn: (tx: Db, grant: SelfGrant) => Promise<T>,
): Promise<T> {
  const rule = selfRules.get(object.type);
  if (!rule) throw new Error(`no self access rule for ${object.type}`);
  return inTransaction(ctx.db, async (tx) => {
    const self = await loadSelf(tx, ctx);
    const allowed = await rule(tx, self.id, object.id);
    if (!allowed) throw notFound();
    const result = await fn(tx, {
      person: { ...self, name: allowed.personName },
      countyCode: allowed.countyCode,
    });
    await writeOwnAccessLog(tx, ctx, [{ action, object, countyCode: allowed.countyCode }]);
    return result;
  });
}

/**
 * Lists the person's own objects of one kind. The query must be scoped in SQL to the person (it is given their
 * id); each row returned is logged as a read, or as `action` (a download exports every object it holds).
 */
export async function listOwnData<T extends { objectId: string; countyCode: string; personName: string }>(
  ctx: PersonContext,
  objectType: string,
  scopedQuery: (tx: Db, personId: string) => Promise<T[]>,
  opts: { action?: Extract<AccessAction, 'read' | 'export'> } = {},
): Promise<{ person: Omit<Person, 'name'>; rows: T[] }> {
  return inTransaction(ctx.db, async (tx) => {
    const self = await loadSelf(tx, ctx);
    const rows = await scopedQuery(tx, self.id);
    await writeOwnAccessLog(
      tx,
      ctx,
      rows.map((r) => ({
        action: opts.action ?? 'read',
        object: { type: objectType, id: r.objectId },
        countyCode: r.countyCode,
      })),
    );
    return { person: self, rows };
  });
}

/** The signed-in person (not their name: each object holds its own), or 404 when they are a child. */
async function loadSelf(tx: Db, ctx: PersonContext): Promise<Omit<Person, 'name'>> {
  const [person] = await tx
    .select({
      id: persons.id,
      personalIdentityNumber: persons.personalIdentityNumber,
      protectedIdentity: persons.protectedIdentity,
    })
    .from(persons)
    .where(eq(persons.id, ctx.person.personId));
  // A session of a person who has since turned out to be a child (a corrected number) reaches nothing.
  if (!person || isChild(person.personalIdentityNumber, ctx.now)) throw notFound();
  return person;
}

type OwnLogEntry = { action: AccessAction; object: PersonObject; countyCode: string };

async function writeOwnAccessLog(tx: Db, ctx: PersonContext, entries: OwnLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(accessLog).values(
    entries.map((e) => ({
      at: ctx.now,
      actor: 'person' as const,
      userId: null,
      username: null,
      unitId: null,
      principalId: null,
      countyCode: e.countyCode,
      action: e.action,
      personId: ctx.person.personId,
      objectType: e.object.type,
      objectId: e.object.id,
      reason: null,
    })),
  );
}

/**
 * Which page of the extract: rows `offset` to `offset + limit`, newest first, up to the log's row `upTo` (the
 * last when the first page was read, so the rows the person's own reading adds do not push the pages along).
 */
export type ExtractPage = { offset: number; limit: number; upTo?: number | undefined };

/**
 * The person's own extract of the access log (decision 0022): every row about them, newest first — when, the
 * unit as it was called then, the principal, what kind of access, and whether it was they themself. Never the
 * user who read: no user id, username or name leaves this function. Reading the extract is not itself logged:
 * it shows the log, not the person's data, and a row per look would fill the extract with the person's own looks.
 */
export async function readOwnAccessLog(ctx: PersonContext, page: ExtractPage) {
  return inTransaction(ctx.db, async (tx) => {
    const self = await loadSelf(tx, ctx);
    const [last] = await tx.select({ seq: max(accessLog.seq) }).from(accessLog);
    const upTo = page.upTo ?? last?.seq ?? 0;
    const where = and(ownExtract(self.id), lte(accessLog.seq, upTo));
    const [counted] = await tx.select({ n: count() }).from(accessLog).where(where);
    const rows = await extractRows(tx, where, page);
    return { rows, total: counted?.n ?? 0, upTo };
  });
}

/**
 * The rows of the person's extract: every access to their data by staff, and their own changes, prints and
 * exports. Their own reads are left out (decision 0022): they know of them, and a row for each look at their own
 * pages would bury the staff's reads the extract is for. They stay in the access log.
 */
const ownExtract = (personId: string) =>
  and(eq(accessLog.personId, personId), or(ne(accessLog.actor, 'person'), ne(accessLog.action, 'read')));

/** The extract's columns: never the user (id, username, name) of a row, only their unit and principal. */
function extractRows(tx: Db, where: SQL | undefined, page?: { offset: number; limit: number }) {
  const query = tx
    .select({
      seq: accessLog.seq,
      at: accessLog.at,
      actor: accessLog.actor,
      action: accessLog.action,
      objectType: accessLog.objectType,
      objectId: accessLog.objectId,
      countyCode: accessLog.countyCode,
      unitId: accessLog.unitId,
      principalId: accessLog.principalId,
      unitName: unitNameAt(accessLog.unitId, accessLog.at),
    })
    .from(accessLog)
    .where(where)
    .orderBy(desc(accessLog.at), desc(accessLog.seq))
    .$dynamic();
  return page ? query.limit(page.limit).offset(page.offset) : query;
}
export type ExtractRow = Awaited<ReturnType<typeof extractRows>>[number];

/** The person's record as Sömlös keeps it: for their own download only. */
export type OwnRecord = {
  personalIdentityNumber: string;
  /** The name the first SIP registered them with (each SIP keeps its own as well). */
  name: string;
  protectedIdentity: boolean;
  registeredAt: Date;
};

/**
 * One kind of the person's objects in their download (GDPR art. 15), given by the module that keeps them: the
 * objects, scoped in SQL to the person like a list, and what the module loads of them.
 */
export type OwnExportPart<T> = {
  objectType: string;
  scopedQuery: (tx: Db, personId: string) => Promise<{ objectId: string; countyCode: string }[]>;
  load: (tx: Db, ids: string[]) => Promise<T>;
};

type Loaded<P> = { [K in keyof P]: P[K] extends OwnExportPart<infer T> ? T : never };

/**
 * Everything Sömlös holds about the person, for their download (GDPR art. 15): their record, their objects of
 * each kind the parts name (each module's own, scoped in SQL to them), and their whole extract of the access log.
 * Every object is logged as exported before the extract is read, in the same transaction, so the download shows
 * its own rows.
 */
export async function exportOwnData<P extends Record<string, OwnExportPart<unknown>>, R>(
  ctx: PersonContext,
  parts: P,
  collect: (tx: Db, record: OwnRecord, loaded: Loaded<P>, extract: ExtractRow[]) => Promise<R>,
): Promise<R> {
  return inTransaction(ctx.db, async (tx) => {
    const self = await loadSelf(tx, ctx);
    const found: [string, OwnExportPart<unknown>, string[]][] = [];
    for (const [name, part] of Object.entries(parts)) {
      const rows = await part.scopedQuery(tx, self.id);
      await writeOwnAccessLog(
        tx,
        ctx,
        rows.map((r) => ({
          action: 'export',
          object: { type: part.objectType, id: r.objectId },
          countyCode: r.countyCode,
        })),
      );
      found.push([name, part, rows.map((r) => r.objectId)]);
    }
    const [record] = await tx
      .select({
        personalIdentityNumber: persons.personalIdentityNumber,
        name: persons.name,
        protectedIdentity: persons.protectedIdentity,
        registeredAt: persons.createdAt,
      })
      .from(persons)
      .where(eq(persons.id, self.id));
    const extract = await extractRows(tx, ownExtract(self.id));
    const loaded: Record<string, unknown> = {};
    for (const [name, part, ids] of found) loaded[name] = await part.load(tx, ids);
    return collect(tx, record!, loaded as Loaded<P>, extract);
  });
}

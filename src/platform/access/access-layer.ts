import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { notFound, unprocessable } from '../errors.ts';
import type { UserContext } from '../http/context.ts';
import { identityNumberMessage, parseIdentityNumber } from '../people/identity-number.ts';
import type { Person } from '../people/present.ts';
import { persons } from '../people/schema.ts';
import { logReads } from './read-log.ts';
import { type AccessAction, accessLog } from './schema.ts';

/**
 * The one path to a person's data. Every function here checks access and writes the access log, so a route cannot
 * reach person data without both: a change logs in the change's own transaction, all or nothing; a read logs
 * through the group insert of read-log.ts and returns its data only once its rows are committed. Modules register an
 * access rule per kind of object (a SIP, say): given the object, the rule answers which person it concerns,
 * or null when the user may not see it (then the caller gets 404, exactly as if it did not exist).
 *
 * A person is one row per identity number, but each object keeps the person's name as its own author entered
 * it (personName), and that is the name every answer about the object shows. A name registered with another
 * object, perhaps by another principal, never reaches this object's users: it would tell them that the person
 * has a record elsewhere.
 */
export type PersonObject = { type: string; id: string };
export type AccessRule = (
  tx: Db,
  user: CurrentUser,
  objectId: string,
) => Promise<{ personId: string; personName: string } | null>;
export type Grant = { personId: string; person: Person };

const rules = new Map<string, AccessRule>();

/** Called by registerModules (platform/modules/manifest.ts) with each manifest's rules, never on import. */
export function registerAccessRule(objectType: string, rule: AccessRule): void {
  if (rules.has(objectType)) throw new Error(`access rule for ${objectType} registered twice`);
  rules.set(objectType, rule);
}

// The access log's own reads (a reviewer's search) are the platform's; every other kind is a module's.
const objectLabels = new Map<string, string>([['access-log', 'Åtkomstloggen']]);

/** Called by registerModules with each access rule's label from its manifest. */
export function registerObjectLabel(objectType: string, label: string): void {
  objectLabels.set(objectType, label);
}

/** The Swedish name of a kind of object in the access log; an unknown kind is named as such, never by its code. */
export const objectLabel = (objectType: string) => objectLabels.get(objectType) ?? 'Annan uppgift';

/** The kinds of object with a registered rule (the architecture test checks that importing registers none). */
export const accessRuleTypes = () => [...rules.keys()];

/** Reads, prints or exports person data about one object. */
export function readPersonData<T>(
  ctx: UserContext,
  object: PersonObject,
  load: (tx: Db, grant: Grant) => Promise<T>,
  opts: { action?: Extract<AccessAction, 'read' | 'print' | 'export'>; reason?: string } = {},
): Promise<T> {
  return withGrant(ctx, object, opts.action ?? 'read', opts.reason, load);
}

/** Changes or discloses person data about one object. */
export function changePersonData<T>(
  ctx: UserContext,
  object: PersonObject,
  change: (tx: Db, grant: Grant) => Promise<T>,
  opts: { action?: Extract<AccessAction, 'update' | 'disclose'>; reason?: string } = {},
): Promise<T> {
  return withGrant(ctx, object, opts.action ?? 'update', opts.reason, change);
}

/**
 * Marks the person an object concerns as having protected identity (skyddade personuppgifter): from then on
 * presentPerson names them only on the object's own page. The object's access rule decides as for any change
 * (404 otherwise); `check` may refuse (the module's own rule: who may mark) before anything is written, and
 * `after` runs in the same transaction (the module's event). Logged as an 'update' with the reason. The only
 * code that writes the flag: the persons table is the access layer's alone.
 */
export function markIdentityProtected<T>(
  ctx: UserContext,
  object: PersonObject,
  check: (tx: Db, grant: Grant) => Promise<void>,
  after: (tx: Db, grant: Grant) => Promise<T>,
): Promise<T> {
  return withGrant(ctx, object, 'update', protectedIdentityReason, async (tx, grant) => {
    await check(tx, grant);
    await tx.update(persons).set({ protectedIdentity: true }).where(eq(persons.id, grant.personId));
    return after(tx, { ...grant, person: { ...grant.person, protectedIdentity: true } });
  });
}

export const protectedIdentityReason = 'Personen markerades med skyddade personuppgifter';

async function withGrant<T>(
  ctx: UserContext,
  object: PersonObject,
  action: AccessAction,
  reason: string | undefined,
  fn: (tx: Db, grant: Grant) => Promise<T>,
): Promise<T> {
  const rule = rules.get(object.type);
  if (!rule) throw new Error(`no access rule for ${object.type}`);
  const granted = async (tx: Db) => {
    const allowed = await rule(tx, ctx.user, object.id);
    if (!allowed) throw notFound();
    const person = await loadPerson(tx, allowed.personId, allowed.personName);
    if (!person) throw notFound();
    return { personId: person.id, person };
  };
  // A read, print or export changes nothing: no transaction, and its log row joins the next group insert
  // (read-log.ts), awaited before the data is returned. A change logs in its own transaction, all or nothing.
  if (isRead(action)) {
    const grant = await granted(ctx.db);
    const result = await fn(ctx.db, grant);
    await logPersonReads(ctx, [{ action, personId: grant.personId, object, reason }]);
    return result;
  }
  return inTransaction(ctx.db, async (tx) => {
    const grant = await granted(tx);
    const result = await fn(tx, grant);
    await writeAccessLog(tx, ctx, [{ action, personId: grant.personId, object, reason }]);
    return result;
  });
}

const isRead = (action: AccessAction) => action === 'read' || action === 'print' || action === 'export';

/**
 * Creates person data: finds the person by identity number, or registers them, then runs create in the same
 * transaction. Invalid identity numbers are refused with 422 before anything is stored. Found or registered,
 * create gets the person with the name the caller typed (the object stores it as its personName), and takes
 * the same path: nothing in the answer tells whether the identity number was known.
 */
export async function createPersonData<T>(
  ctx: UserContext,
  input: { personalIdentityNumber: string; name: string },
  create: (tx: Db, person: Person) => Promise<{ result: T; object: PersonObject }>,
): Promise<T> {
  const pin = parseIdentityNumber(input.personalIdentityNumber);
  if (!pin) {
    throw unprocessable(identityNumberMessage, [
      { path: 'person.personalIdentityNumber', message: identityNumberMessage },
    ]);
  }
  return inTransaction(ctx.db, async (tx) => {
    await tx
      .insert(persons)
      .values({
        id: randomUUID(),
        personalIdentityNumber: pin.normalised,
        identityNumberKind: pin.kind,
        name: input.name.trim(),
        createdAt: ctx.now,
      })
      .onConflictDoNothing({ target: persons.personalIdentityNumber });
    const [person] = await tx
      .select(personColumns)
      .from(persons)
      .where(eq(persons.personalIdentityNumber, pin.normalised));
    const { result, object } = await create(tx, { ...person!, name: input.name.trim() });
    await writeAccessLog(tx, ctx, [{ action: 'create', personId: person!.id, object }]);
    return result;
  });
}

/**
 * Lists person data. The query must be scoped in SQL by the caller's access (never filtered after loading);
 * each row returned is logged as a read before the rows are returned.
 */
export async function listPersonData<T extends { personId: string; personName: string; objectId: string }>(
  ctx: UserContext,
  objectType: string,
  scopedQuery: (tx: Db, user: CurrentUser) => Promise<T[]>,
): Promise<(T & { person: Person })[]> {
  // Reads only: no transaction; the rows' log entries join the next group insert (read-log.ts), awaited first.
  const rows = await scopedQuery(ctx.db, ctx.user);
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.personId))];
  const people = new Map(
    (await ctx.db.select(personColumns).from(persons).where(inArray(persons.id, ids))).map((p) => [p.id, p]),
  );
  await logPersonReads(
    ctx,
    rows.map((r) => ({
      action: 'read' as const,
      personId: r.personId,
      object: { type: objectType, id: r.objectId },
    })),
  );
  return rows.map((r) => ({ ...r, person: { ...people.get(r.personId)!, name: r.personName } }));
}

// What the person row says about everyone who knows the identity number. Its name column is not among them:
// it is the name the first object registered, and the name shown is always the object's own.
const personColumns = {
  id: persons.id,
  personalIdentityNumber: persons.personalIdentityNumber,
  protectedIdentity: persons.protectedIdentity,
};

async function loadPerson(tx: Db, personId: string, name: string): Promise<Person | null> {
  const [person] = await tx.select(personColumns).from(persons).where(eq(persons.id, personId));
  return person ? { ...person, name } : null;
}

type LogEntry = { action: AccessAction; personId: string; object: PersonObject; reason?: string | undefined };

/**
 * Logs reads (no transaction needed): the rows join the next group insert (read-log.ts); the promise settles when
 * they are committed, so await it before returning the data read.
 */
export function logPersonReads(ctx: UserContext, entries: LogEntry[]): Promise<void> {
  return logReads(ctx.db, logRows(ctx, entries));
}

/** Writes log rows in the caller's transaction, for changes and creations (all or nothing with the change). */
export async function writeAccessLog(tx: Db, ctx: UserContext, entries: LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(accessLog).values(logRows(ctx, entries));
}

function logRows(ctx: UserContext, entries: LogEntry[]) {
  const { user } = ctx;
  return entries.map((e) => ({
    at: ctx.now,
    userId: user.id,
    username: user.username,
    unitId: user.unit.id,
    principalId: user.principal.id,
    countyCode: user.county.code,
    action: e.action,
    personId: e.personId,
    objectType: e.object.type,
    objectId: e.object.id,
    reason: e.reason ?? null,
  }));
}

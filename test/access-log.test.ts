import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../src/db/client.ts';
import { loadDemoData } from '../src/demo/load-demo.ts';
import { users } from '../src/modules/organisations/schema.ts';
import {
  changePersonData,
  createPersonData,
  listPersonData,
  readPersonData,
  registerAccessRule,
} from '../src/platform/access/access-layer.ts';
import { accessLog } from '../src/platform/access/schema.ts';
import { loadCurrentUser } from '../src/platform/auth/current-user.ts';
import { Problem } from '../src/platform/errors.ts';
import type { UserContext } from '../src/platform/http/context.ts';
import { persons } from '../src/platform/people/schema.ts';
import { freshDatabase, testTarget } from './helpers/database.ts';

// A stand-in capability for these tests: "notes" about a person, visible only to the unit that wrote them.
// Real capabilities (SIP) register their own rule the same way.
// Each note keeps the person's name as its writer typed it, as every object does.
const notes = new Map<string, { personId: string; personName: string; unitId: string; text: string }>();
registerAccessRule('test-note', async (_tx, user, id) => {
  const note = notes.get(id);
  return note && note.unitId === user.unit.id
    ? { personId: note.personId, personName: note.personName }
    : null;
});

describe(`access layer and access log (${testTarget})`, () => {
  let database: Database;
  let karlstad: UserContext;
  let arvika: UserContext;
  const now = new Date('2026-11-23T09:00:00Z');

  const contextFor = async (username: string): Promise<UserContext> => {
    const [row] = await database.db.select().from(users).where(eq(users.username, username));
    const user = (await loadCurrentUser(database.db, row!.id))!;
    return { db: database.db, now, user, session: null, requestId: 'test', publicUrl: 'http://test' };
  };
  const logRows = () => database.db.select().from(accessLog).orderBy(accessLog.seq);
  /** A note of Karlstad's own about Person Ett, with this text (its creation logged as "create"): its id. */
  const noteAboutPersonEtt = (text: string) =>
    createPersonData(
      karlstad,
      { personalIdentityNumber: '198112189876', name: 'Person Ett' },
      async (_tx, person) => {
        const noteId = randomUUID();
        notes.set(noteId, {
          personId: person.id,
          personName: person.name,
          unitId: karlstad.user.unit.id,
          text,
        });
        return { result: noteId, object: { type: 'test-note', id: noteId } };
      },
    );

  before(async () => {
    database = await freshDatabase();
    await database.migrate();
    await loadDemoData(database.db);
    karlstad = await contextFor('soc.karlstad');
    arvika = await contextFor('soc.arvika');
  });
  after(() => database.close());

  test('UPDATE, DELETE and TRUNCATE on the access log are refused by the database', async () => {
    const note = await createPersonData(
      karlstad,
      { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
      async (_tx, person) => {
        const id = randomUUID();
        notes.set(id, {
          personId: person.id,
          personName: person.name,
          unitId: karlstad.user.unit.id,
          text: 'x',
        });
        return { result: id, object: { type: 'test-note', id } };
      },
    );
    assert.ok(note);
    const before = await logRows();
    assert.ok(before.length >= 1);
    // Drizzle wraps the database's error; the trigger's message is on its cause.
    const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message));
    await assert.rejects(database.db.execute(sql`update access_log set username = 'someone'`), refused);
    await assert.rejects(database.db.execute(sql`delete from access_log`), refused);
    await assert.rejects(database.db.execute(sql`truncate access_log`), refused);
    assert.deepEqual(await logRows(), before);
  });

  test('creating person data writes a "create" row naming the user, unit, principal, person and object', async () => {
    const start = (await logRows()).length;
    const id = await createPersonData(
      karlstad,
      { personalIdentityNumber: '198112189876', name: 'Person Ett' },
      async (_tx, person) => {
        const noteId = randomUUID();
        notes.set(noteId, {
          personId: person.id,
          personName: person.name,
          unitId: karlstad.user.unit.id,
          text: 'första',
        });
        return { result: noteId, object: { type: 'test-note', id: noteId } };
      },
    );
    const rows = (await logRows()).slice(start);
    assert.equal(rows.length, 1);
    const [row] = rows;
    const [person] = await database.db
      .select()
      .from(persons)
      .where(eq(persons.personalIdentityNumber, '198112189876'));
    assert.deepEqual(
      { ...row, seq: undefined },
      {
        seq: undefined,
        at: now,
        // A user's access; the person's own have actor 'person' (issue 26, person-self.ts).
        actor: 'staff',
        userId: karlstad.user.id,
        username: 'soc.karlstad',
        unitId: karlstad.user.unit.id,
        principalId: 'municipality-1780',
        countyCode: '17',
        action: 'create',
        personId: person!.id,
        objectType: 'test-note',
        objectId: id,
        reason: null,
      },
    );
  });

  test('the same person in two forms of the identity number is one person', async () => {
    await createPersonData(
      karlstad,
      { personalIdentityNumber: '811218-9876', name: 'Person Ett' },
      async () => ({
        result: null,
        object: { type: 'test-note', id: randomUUID() },
      }),
    );
    const rows = await database.db
      .select()
      .from(persons)
      .where(eq(persons.personalIdentityNumber, '198112189876'));
    assert.equal(rows.length, 1);
  });

  test('an invalid identity number is 422 and nothing is stored, not even a log row', async () => {
    const [personsBefore, logBefore] = [await database.db.$count(persons), (await logRows()).length];
    await assert.rejects(
      createPersonData(karlstad, { personalIdentityNumber: '19121212-1213', name: 'Fel' }, async () => {
        throw new Error('must not be called');
      }),
      (e: unknown) =>
        e instanceof Problem && e.status === 422 && e.errors?.[0]?.path === 'person.personalIdentityNumber',
    );
    assert.equal(await database.db.$count(persons), personsBefore);
    assert.equal((await logRows()).length, logBefore);
  });

  test('a read the rule allows returns the data and logs it; one it refuses is 404 and logs nothing', async () => {
    const noteId = await noteAboutPersonEtt('första');
    const start = (await logRows()).length;
    const text = await readPersonData(karlstad, { type: 'test-note', id: noteId }, async (_tx, grant) => {
      assert.equal(grant.person.personalIdentityNumber, '198112189876');
      return notes.get(noteId)!.text;
    });
    assert.equal(text, 'första');
    await assert.rejects(
      readPersonData(arvika, { type: 'test-note', id: noteId }, async () => 'leaked'),
      (e: unknown) => e instanceof Problem && e.status === 404,
    );
    const rows = (await logRows()).slice(start);
    assert.deepEqual(
      rows.map((r) => [r.username, r.action, r.objectId]),
      [['soc.karlstad', 'read', noteId]],
    );
  });

  test('a failure inside a change leaves no change and no log row', async () => {
    const noteId = await noteAboutPersonEtt('första');
    const start = (await logRows()).length;
    const namesBefore = await database.db.select({ name: persons.name }).from(persons);
    await assert.rejects(
      changePersonData(karlstad, { type: 'test-note', id: noteId }, async (tx, grant) => {
        await tx.update(persons).set({ name: 'Ändrad' }).where(eq(persons.id, grant.personId));
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(await database.db.select({ name: persons.name }).from(persons), namesBefore);
    assert.equal((await logRows()).length, start);
  });

  test('a change with a reason is logged as "update" with the reason', async () => {
    const noteId = await noteAboutPersonEtt('första');
    const start = (await logRows()).length;
    await changePersonData(karlstad, { type: 'test-note', id: noteId }, async () => null, {
      reason: 'rättelse',
    });
    const [row] = (await logRows()).slice(start);
    assert.equal(row!.action, 'update');
    assert.equal(row!.reason, 'rättelse');
  });

  test('a list logs one read per row it returns', async () => {
    await noteAboutPersonEtt('listad'); // at least one of Karlstad's notes to list, whatever ran before
    const start = (await logRows()).length;
    const mine = [...notes.entries()].filter(([, n]) => n.unitId === karlstad.user.unit.id);
    const rows = await listPersonData(karlstad, 'test-note', async (_tx, user) =>
      mine
        .filter(([, n]) => n.unitId === user.unit.id)
        .map(([id, n]) => ({ objectId: id, personId: n.personId, personName: n.personName })),
    );
    assert.equal(rows.length, mine.length);
    assert.ok(rows.every((r) => r.person.name.length > 0));
    assert.equal((await logRows()).length - start, mine.length);
  });

  test('reads that finish together share one insert of their log rows, and each has its row before its data', async () => {
    const reads = 20;
    const noteIds: string[] = [];
    for (let i = 0; i < reads; i++) noteIds.push(await noteAboutPersonEtt(`samtidig ${i}`));
    const start = (await logRows()).length;
    // Each read, once its data is back, looks for its own log row (its note's id): it must be there already.
    const loggedFirst = await Promise.all(
      noteIds.map((id) =>
        readPersonData(karlstad, { type: 'test-note', id }, async () => notes.get(id)!.text).then(
          async (text) => {
            assert.equal(text, notes.get(id)!.text);
            const own = await database.db.select().from(accessLog).where(eq(accessLog.objectId, id));
            return own.some((r) => r.action === 'read');
          },
        ),
      ),
    );
    assert.deepEqual(loggedFirst, Array(reads).fill(true));
    assert.equal((await logRows()).length - start, reads);
    // Rows written by one statement share its transaction id (xmin): far fewer inserts than reads.
    const [inserts] = await queryRows<{ n: string | number }>(
      database.db,
      sql`select count(distinct xmin::text) as n from access_log where seq > (select max(seq) - ${reads} from access_log)`,
    );
    const n = Number(inserts!.n);
    assert.ok(n >= 1 && n <= reads / 2, `${reads} reads took ${n} inserts`);
  });

  test('a read whose log row cannot be written fails, and so do the reads in the same insert', async () => {
    const noteId = await noteAboutPersonEtt('utan logg');
    const start = (await logRows()).length;
    await database.db.execute(sql`create or replace function test_refuse_read() returns trigger language plpgsql
      as $$ begin raise exception 'test: the log refuses reads'; end $$`);
    await database.db.execute(sql`create trigger test_refuse_read before insert on access_log
      for each row when (new.action = 'read') execute function test_refuse_read()`);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          readPersonData(karlstad, { type: 'test-note', id: noteId }, async () => 'leaked'),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'rejected', 'rejected', 'rejected', 'rejected'],
      );
    } finally {
      await database.db.execute(sql`drop trigger test_refuse_read on access_log`);
      await database.db.execute(sql`drop function test_refuse_read()`);
    }
    assert.equal((await logRows()).length, start);
    // The writer is not stuck after a failed insert: the next read is logged and answered.
    assert.equal(await readPersonData(karlstad, { type: 'test-note', id: noteId }, async () => 'ok'), 'ok');
    assert.equal((await logRows()).length, start + 1);
  });

  test('an object type without a registered rule cannot be read at all', async () => {
    await assert.rejects(
      readPersonData(karlstad, { type: 'unknown', id: 'x' }, async () => 1),
      /no access rule/,
    );
  });
});

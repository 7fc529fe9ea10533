import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../src/db/client.ts';
import { queryRows } from '../src/db/client.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { units } from '../src/modules/organisations/schema.ts';
import { createNewNotices, type NewNotice } from '../src/platform/notices/create-notices.ts';
import { onNoticesCreated } from '../src/platform/notices/listeners.ts';
import { TEST_NOW } from './helpers/clock.ts';
import { freshDemoDatabase, type TestDatabase, testTarget } from './helpers/database.ts';

// createNewNotices returns the keys its own transaction created, and only for those do the listeners run (a
// notice's mail). A second transaction that creates the same key while the first is open waits for it, and then
// gets none: the order is set by holding the first transaction open until the second is seen waiting on its lock
// (PostgreSQL, two connection pools), or, on PGlite, which runs one transaction at a time, by running them one
// after the other. No step waits a set time.

const now = new Date(TEST_NOW);

/** A promise with its resolve, to hold a transaction open until the test lets it go. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createNewNotices: each key created once, by one transaction', () => {
  let database: TestDatabase;
  let other: Database;
  let unitId: string;
  const listened: string[] = [];
  let stopListening: () => void;
  before(async () => {
    database = await freshDemoDatabase();
    other = await database.secondInstance();
    unitId = (await database.db.select({ id: units.id }).from(units).limit(1))[0]!.id;
    stopListening = onNoticesCreated(async (_tx, _now, created) => {
      listened.push(...created.filter((c) => c.kind === 'test.once').map((c) => c.key));
    });
  });
  after(async () => {
    stopListening();
    await database.close(); // closes the second pool too
  });

  const notice = (key: string): NewNotice => ({
    key,
    kind: 'test.once',
    recipientUnitId: unitId,
    subject: { type: 'test', id: key },
  });
  const create = (db: Db, keys: string[]) =>
    inTransaction(db, (tx) => createNewNotices(tx, now, keys.map(notice)));
  const stored = async (prefix: string) =>
    (
      await queryRows<{ key: string }>(
        database.db,
        sql`select key from notices where key like ${`${prefix}%`} order by key`,
      )
    ).map((r) => r.key);

  /** Waits until a backend of this database waits on a lock: the second transaction's insert (PostgreSQL). */
  async function untilWaitingOnLock() {
    const deadline = performance.now() + 20_000; // elapsed time, a guard against a hang, not a date
    for (;;) {
      const [row] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as "n" from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (row!.n > 0) return;
      if (performance.now() > deadline) throw new Error('the second transaction never waited on the lock');
      await new Promise((r) => setImmediate(r));
    }
  }

  /**
   * The first transaction creates `first` and is held open (its result, then `end` to commit or roll back); the
   * second creates `second`. On PostgreSQL the second starts while the first is open and is seen waiting before
   * the first ends; on PGlite it starts after.
   */
  async function race(first: string[], second: string[], end: 'commit' | 'rollback') {
    const inserted = deferred<Set<string>>();
    const release = deferred();
    const firstDone = inTransaction(database.db, async (tx) => {
      const keys = await createNewNotices(tx, now, first.map(notice));
      inserted.resolve(keys);
      await release.promise;
      if (end === 'rollback') throw new Error('rolled back on purpose');
      return keys;
    }).catch((err: Error) => (err.message === 'rolled back on purpose' ? null : Promise.reject(err)));
    const firstKeys = await inserted.promise;
    if (testTarget === 'pglite') {
      release.resolve();
      await firstDone;
      return { firstKeys, secondKeys: await create(other.db, second), waited: false };
    }
    let secondEnded = false;
    const secondDone = create(other.db, second).finally(() => {
      secondEnded = true;
    });
    await untilWaitingOnLock();
    const waited = !secondEnded;
    release.resolve();
    await firstDone;
    return { firstKeys, secondKeys: await secondDone, waited };
  }

  test('it returns the keys its transaction created, not those that existed, and tells the listeners of those only', async () => {
    listened.length = 0;
    assert.deepEqual([...(await create(database.db, ['own-a']))], ['own-a']);
    assert.deepEqual([...(await create(database.db, ['own-a', 'own-b']))], ['own-b']);
    assert.deepEqual([...(await create(database.db, ['own-a', 'own-b']))], []);
    assert.deepEqual([...(await create(database.db, []))], []);
    assert.deepEqual(listened, ['own-a', 'own-b']);
    assert.deepEqual(await stored('own-'), ['own-a', 'own-b']);
  });

  test('a concurrent transaction creating the same key waits for the first, then gets none', async () => {
    listened.length = 0;
    const { firstKeys, secondKeys, waited } = await race(['race-a'], ['race-a', 'race-b'], 'commit');
    if (testTarget === 'postgres') assert.equal(waited, true, 'the second waited for the first to end');
    assert.deepEqual([...firstKeys], ['race-a']);
    assert.deepEqual([...secondKeys], ['race-b'], 'the second created only the key the first had not');
    assert.deepEqual(listened, ['race-a', 'race-b'], 'each key told to the listeners once');
    assert.deepEqual(await stored('race-'), ['race-a', 'race-b']);
  });

  test('when the first transaction rolls back, the waiting one creates the key', async () => {
    listened.length = 0;
    const { firstKeys, secondKeys, waited } = await race(['undo-a'], ['undo-a'], 'rollback');
    if (testTarget === 'postgres') assert.equal(waited, true, 'the second waited for the first to end');
    assert.deepEqual([...firstKeys], ['undo-a'], 'the first had created it, then rolled back');
    assert.deepEqual([...secondKeys], ['undo-a']);
    assert.deepEqual(await stored('undo-'), ['undo-a']);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../src/db/client.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { recordEvent } from '../src/platform/events/record-event.ts';
import { events } from '../src/platform/events/schema.ts';
import { freshDatabase } from './helpers/database.ts';

declare module '../src/platform/events/record-event.ts' {
  interface EventCatalogue {
    'test.happened': { thingId: string; count: number };
  }
}

let database: Database;
// One describe holds the file: its hooks then apply to its own tests only (the suite runs every file in one process).
describe('domain events', () => {
  before(async () => {
    database = await freshDatabase();
    await database.migrate();
  });
  after(() => database.close());

  const ctx = { now: new Date('2026-11-23T12:00:00Z'), user: null };

  test('an event is stored with its change and vanishes when the change rolls back', async () => {
    await inTransaction(database.db, (tx) =>
      recordEvent(tx, ctx, 'test.happened', { type: 'thing', id: 't1' }, { thingId: 't1', count: 1 }),
    );
    await assert.rejects(
      inTransaction(database.db, async (tx) => {
        await recordEvent(tx, ctx, 'test.happened', { type: 'thing', id: 't2' }, { thingId: 't2', count: 2 });
        throw new Error('the change failed');
      }),
    );
    const rows = await database.db.select().from(events);
    assert.deepEqual(
      rows.map((r) => [r.type, r.subjectId, r.data, r.at.toISOString()]),
      [['test.happened', 't1', { thingId: 't1', count: 1 }, '2026-11-23T12:00:00.000Z']],
    );
  });
});

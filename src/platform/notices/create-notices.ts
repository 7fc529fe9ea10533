import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { noticesCreated } from './listeners.ts';
import { notices } from './schema.ts';

export type NewNotice = {
  key: string;
  kind: string;
  recipientUnitId: string;
  subject: { type: string; id: string };
};

/** Creates notices that do not exist yet (by key); returns how many were new. */
export async function createNotices(tx: Db, now: Date, list: NewNotice[]): Promise<number> {
  return (await createNewNotices(tx, now, list)).size;
}

/**
 * Creates notices that do not exist yet and returns the keys of those this transaction created; the listeners
 * (listeners.ts: their mail) run for those, in the same transaction. The insert
 * waits on a concurrent transaction holding the same key, so a job that records an event only for a created
 * key records it once even when two instances chose the same row from snapshots taken before either committed.
 */
export async function createNewNotices(tx: Db, now: Date, list: NewNotice[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const created = await tx
    .insert(notices)
    .values(
      list.map((n) => ({
        id: randomUUID(),
        key: n.key,
        kind: n.kind,
        recipientUnitId: n.recipientUnitId,
        subjectType: n.subject.type,
        subjectId: n.subject.id,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: notices.key })
    .returning({
      id: notices.id,
      key: notices.key,
      kind: notices.kind,
      recipientUnitId: notices.recipientUnitId,
      subjectType: notices.subjectType,
      subjectId: notices.subjectId,
    });
  // What follows a notice (its mail, notifications/) in the same transaction, for the created ones only.
  await noticesCreated(tx, now, created);
  return new Set(created.map((c) => c.key));
}

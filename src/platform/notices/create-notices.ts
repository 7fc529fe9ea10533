import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { notices } from './schema.ts';

export type NewNotice = {
  key: string;
  kind: string;
  recipientUnitId: string;
  subject: { type: string; id: string };
};

/** Creates notices that do not exist yet (by key); returns how many were new. */
export async function createNotices(tx: Db, now: Date, list: NewNotice[]): Promise<number> {
  if (list.length === 0) return 0;
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
    .returning({ id: notices.id });
  return created.length;
}

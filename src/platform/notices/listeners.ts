import type { Db } from '../../db/client.ts';

/** A notice as it was created, for what must follow it in the same transaction (its mail). */
export type CreatedNotice = {
  id: string;
  key: string;
  kind: string;
  recipientUnitId: string;
  subjectType: string;
  subjectId: string;
};
export type NoticeListener = (tx: Db, now: Date, created: CreatedNotice[]) => Promise<void>;

const listeners: NoticeListener[] = [];

/**
 * Runs `listener` with the notices each createNotices call created, in its transaction: what it writes exists
 * exactly when the notices do, once however many instances run the job. Returns the function that takes it
 * out again (for tests).
 */
export function onNoticesCreated(listener: NoticeListener): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

export async function noticesCreated(tx: Db, now: Date, created: CreatedNotice[]): Promise<void> {
  if (created.length === 0) return;
  for (const listener of listeners) await listener(tx, now, created);
}

import type { Db } from '../../db/client.ts';
import type { EventValue } from './schema.ts';

/** An event as recordEvent wrote it, for what must follow it in the same transaction (a mail about new work). */
export type RecordedEvent = {
  at: Date;
  type: string;
  countyCode: string | null;
  actorUserId: string | null;
  subject: { type: string; id: string };
  data: Record<string, EventValue>;
};
export type EventListener = (tx: Db, event: RecordedEvent) => Promise<void>;

const listeners = new Map<string, EventListener[]>();

/**
 * Runs `listener` for every event of these types, in the transaction that records it: what it writes exists
 * exactly when the change does. Returns the function that takes it out again (for tests).
 */
export function onEvent(types: readonly string[], listener: EventListener): () => void {
  for (const type of types) listeners.set(type, [...(listeners.get(type) ?? []), listener]);
  return () => {
    for (const type of types)
      listeners.set(
        type,
        (listeners.get(type) ?? []).filter((l) => l !== listener),
      );
  };
}

export async function eventRecorded(tx: Db, event: RecordedEvent): Promise<void> {
  for (const listener of listeners.get(event.type) ?? []) await listener(tx, event);
}

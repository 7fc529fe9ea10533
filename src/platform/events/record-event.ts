import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../http/context.ts';
import { eventRecorded } from './listeners.ts';
import { type EventValue, events } from './schema.ts';

/**
 * The catalogue of domain events: each module adds its own with declaration merging, in its events.ts, e.g.
 *   export type SipEvents = { 'sip.started': { sipId: string; unitId: string } };
 *   declare module '../../platform/events/record-event.ts' {
 *     interface EventCatalogue extends SipEvents {}
 *   }
 *   export const sipEventTypes = eventTypes<SipEvents>({ 'sip.started': true });
 * and names the list in its manifest. Payloads are ids and codes only, never names or text about a person.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by each module through declaration merging
export interface EventCatalogue {}

type Payload = Record<string, EventValue>;
export type EventType = keyof EventCatalogue & string;

/** A module's event types as a list, for its manifest: every key of its payloads named once, and no other. */
export const eventTypes = <P>(names: { [K in keyof P & string]: true }): (keyof P & string)[] =>
  Object.keys(names) as (keyof P & string)[];

/**
 * Writes an event in the caller's transaction, so it exists exactly when the change it records does. A
 * scheduled job has no user and names the county itself. Listeners (listeners.ts) run in the same transaction.
 */
export async function recordEvent<T extends EventType>(
  tx: Db,
  ctx: Pick<RequestContext, 'now' | 'user'> | { now: Date; user: null; countyCode: string },
  type: T,
  subject: { type: string; id: string },
  data: EventCatalogue[T] & Payload,
): Promise<void> {
  const countyCode = ctx.user?.county.code ?? ('countyCode' in ctx ? ctx.countyCode : null);
  const actorUserId = ctx.user?.id ?? null;
  await tx.insert(events).values({
    at: ctx.now,
    type,
    countyCode,
    actorUserId,
    subjectType: subject.type,
    subjectId: subject.id,
    data,
  });
  // What must follow the event in its transaction (notifications/: a mail about work it gives someone).
  await eventRecorded(tx, { at: ctx.now, type, countyCode, actorUserId, subject, data });
}

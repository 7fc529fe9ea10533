import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { EventListener, RecordedEvent } from '../../platform/events/listeners.ts';
import type { NoticeListener } from '../../platform/notices/listeners.ts';
import { unscopedDeviationReceivingUnits } from '../deviations/index.ts';
import { unscopedDisputeReceivingUnits } from '../disputes/index.ts';
import { escalationPathBodies } from '../organisations/schema.ts';
import { unscopedConveningUnit } from '../sip/index.ts';
import { isNotificationKind } from './kinds.ts';
import { type NotificationInput, notify } from './notify.ts';

// Where the mails come from, each in the transaction of its cause: every notice a job creates (the kinds "Mitt
// arbete" shows), and the events that give a unit or a body work. The module's manifest (index.ts) hands these
// listeners to registerModules; nothing here registers itself.

/** Every notice a job creates, of a kind that is mailed. */
export const noticeListener: NoticeListener = (tx, now, created) =>
  notify(
    tx,
    now,
    created.flatMap((c) =>
      isNotificationKind(c.kind)
        ? [
            {
              key: c.key,
              kind: c.kind,
              noticeId: c.id,
              recipient: { unitId: c.recipientUnitId },
              subject: { type: c.subjectType, id: c.subjectId },
            },
          ]
        : [],
    ),
  ).then(() => undefined);

const str = (v: unknown) => String(v);

/** Sends the event's notifications, made by `inputs` from the event. */
const fromEvent =
  (inputs: (tx: Db, e: RecordedEvent) => Promise<Omit<NotificationInput, 'actorUserId'>[]>) =>
  async (tx: Db, e: RecordedEvent) => {
    const list = await inputs(tx, e);
    await notify(
      tx,
      e.at,
      list.map((i) => ({ ...i, actorUserId: e.actorUserId })),
    );
  };

/** The events that give a unit or a body work, each with the listener that mails it. */
export const eventListeners: { types: readonly string[]; listener: EventListener }[] = [];
const onEvent = (types: readonly string[], listener: EventListener) =>
  eventListeners.push({ types, listener });

// A unit invited to a SIP meeting: the invitation, with its calendar file.
onEvent(
  ['sip.invitationSent'],
  fromEvent(async (_tx, e) => [
    {
      key: `sip.invitationSent:${str(e.data.invitationId)}`,
      kind: 'sip.invitationSent',
      recipient: { unitId: str(e.data.unitId) },
      subject: { type: 'sipInvitation', id: str(e.data.invitationId) },
    },
  ]),
);

// The convening unit hears each answer.
onEvent(
  ['sip.invitationAnswered'],
  fromEvent(async (tx, e) => {
    const conveningUnitId = await unscopedConveningUnit(tx, str(e.data.sipId));
    if (!conveningUnitId) return [];
    return [
      {
        key: `sip.invitationAnswered:${str(e.data.invitationId)}`,
        kind: 'sip.invitationAnswered',
        recipient: { unitId: conveningUnitId },
        subject: { type: 'sipInvitation', id: str(e.data.invitationId) },
      },
    ];
  }),
);

// A deviation reported: the receiving units of the principals it concerns (their managers answer), not the
// reporter's own; where the county's ladder starts at a body (Värmland's Beredningsgrupp), that body instead.
onEvent(
  ['deviation.reported'],
  fromEvent(async (tx, e) => {
    const id = str(e.data.deviationId);
    const bodies = await pathBodiesAt(tx, 'deviation', id, 1);
    if (bodies.length)
      return bodies.map((bodyId) => ({
        key: `deviation.reported:${id}:${bodyId}`,
        kind: 'deviation.reported' as const,
        recipient: { bodyId },
        subject: { type: 'deviation', id },
      }));
    const receivers = await unscopedDeviationReceivingUnits(tx, id);
    return receivers.map((unitId) => ({
      key: `deviation.reported:${id}:${unitId}`,
      kind: 'deviation.reported' as const,
      recipient: { unitId },
      subject: { type: 'deviation', id },
    }));
  }),
);

// A dispute opened: the other parties' receiving units (their managers).
onEvent(
  ['dispute.opened'],
  fromEvent(async (tx, e) => {
    const id = str(e.data.disputeId);
    const parties = await unscopedDisputeReceivingUnits(tx, id);
    return parties.map((unitId) => ({
      key: `dispute.opened:${id}:${unitId}`,
      kind: 'dispute.opened' as const,
      recipient: { unitId },
      subject: { type: 'dispute', id },
    }));
  }),
);

// A deviation or dispute escalated: the bodies of the level it reached, on its own path.
for (const caseKind of ['deviation', 'dispute'] as const) {
  onEvent(
    [`${caseKind}.escalated`],
    fromEvent(async (tx, e) => {
      const id = str(e.data[`${caseKind}Id`]);
      const level = Number(e.data.toLevel);
      const bodies = await pathBodiesAt(tx, caseKind, id, level);
      return bodies.map((bodyId) => ({
        key: `${caseKind}.escalated:${id}:${level}:${bodyId}`,
        kind: `${caseKind}.escalated` as const,
        recipient: { bodyId },
        subject: { type: caseKind, id },
      }));
    }),
  );
}

/** The bodies at one level of a case's own path (none at the managers' level). */
async function pathBodiesAt(tx: Db, caseKind: 'deviation' | 'dispute', id: string, level: number) {
  const rows = await tx
    .select({ bodyId: escalationPathBodies.bodyId })
    .from(escalationPathBodies)
    .where(
      and(
        eq(escalationPathBodies.caseKind, caseKind),
        eq(escalationPathBodies.caseId, id),
        eq(escalationPathBodies.level, level),
      ),
    );
  return rows.map((r) => r.bodyId);
}

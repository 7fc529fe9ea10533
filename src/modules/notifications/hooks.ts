import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { onEvent, type RecordedEvent } from '../../platform/events/listeners.ts';
import { onNoticesCreated } from '../../platform/notices/listeners.ts';
import { deviationPrincipals, deviations } from '../deviations/schema.ts';
import { disputeParties, disputes } from '../disputes/schema.ts';
import { escalationPathBodies } from '../organisations/schema.ts';
import { sips } from '../sip/schema.ts';
import { isNotificationKind } from './kinds.ts';
import { type NotificationInput, notify } from './notify.ts';

// Where the mails come from, each in the transaction of its cause: every notice a job creates (the kinds "Mitt
// arbete" shows), and the events that give a unit or a body work. Imported by app.ts and jobs.ts.

onNoticesCreated((tx, now, created) =>
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
  ).then(() => undefined),
);

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
    const [sip] = await tx
      .select({ conveningUnitId: sips.conveningUnitId })
      .from(sips)
      .where(eq(sips.id, str(e.data.sipId)));
    if (!sip) return [];
    return [
      {
        key: `sip.invitationAnswered:${str(e.data.invitationId)}`,
        kind: 'sip.invitationAnswered',
        recipient: { unitId: sip.conveningUnitId },
        subject: { type: 'sipInvitation', id: str(e.data.invitationId) },
      },
    ];
  }),
);

// A deviation reported: the receiving units of the principals it concerns (their managers answer), not the
// reporter's own.
onEvent(
  ['deviation.reported'],
  fromEvent(async (tx, e) => {
    const id = str(e.data.deviationId);
    const receivers = await tx
      .selectDistinct({ unitId: deviationPrincipals.receivingUnitId })
      .from(deviationPrincipals)
      .innerJoin(deviations, eq(deviations.id, deviationPrincipals.deviationId))
      .where(
        and(
          eq(deviationPrincipals.deviationId, id),
          ne(deviationPrincipals.receivingUnitId, deviations.reportedByUnitId),
        ),
      );
    return receivers.map((r) => ({
      key: `deviation.reported:${id}:${r.unitId}`,
      kind: 'deviation.reported' as const,
      recipient: { unitId: r.unitId },
      subject: { type: 'deviation', id },
    }));
  }),
);

// A dispute opened: the other parties' receiving units (their managers).
onEvent(
  ['dispute.opened'],
  fromEvent(async (tx, e) => {
    const id = str(e.data.disputeId);
    const parties = await tx
      .selectDistinct({ unitId: disputeParties.receivingUnitId })
      .from(disputeParties)
      .innerJoin(disputes, eq(disputes.id, disputeParties.disputeId))
      .where(
        and(eq(disputeParties.disputeId, id), ne(disputeParties.receivingUnitId, disputes.openedByUnitId)),
      );
    return parties.map((p) => ({
      key: `dispute.opened:${id}:${p.unitId}`,
      kind: 'dispute.opened' as const,
      recipient: { unitId: p.unitId },
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
      const bodies = await tx
        .select({ bodyId: escalationPathBodies.bodyId })
        .from(escalationPathBodies)
        .where(
          and(
            eq(escalationPathBodies.caseKind, caseKind),
            eq(escalationPathBodies.caseId, id),
            eq(escalationPathBodies.level, level),
          ),
        );
      return bodies.map((b) => ({
        key: `${caseKind}.escalated:${id}:${level}:${b.bodyId}`,
        kind: `${caseKind}.escalated` as const,
        recipient: { bodyId: b.bodyId },
        subject: { type: caseKind, id },
      }));
    }),
  );
}

import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { organisationNames } from '../organisations/index.ts';
import { governanceBodies, principals, units } from '../organisations/schema.ts';
import { type Described, describe } from './describe.ts';
import { kinds, type NotificationKind } from './kinds.ts';
import { recipientsOf } from './recipients.ts';
import { renderMail, unsubscribeHeaders } from './render-mail.ts';
import { notificationDigestItems, notifications } from './schema.ts';
import { unsubscribeSecret, unsubscribeToken } from './unsubscribe-token.ts';

// The step from a piece of work to its mail, in the transaction that makes the work (a notice, an event): the
// notification is written once by its key, and only the transaction that wrote it queues its mails, one per
// address (keyed again in the outbox), or puts it aside for the digests of the users who chose one.

export type NotificationInput = {
  key: string;
  kind: NotificationKind;
  noticeId?: string;
  recipient: { unitId: string } | { bodyId: string };
  subject: { type: string; id: string };
  /** Whoever did what the work comes from: they know already, and get no mail about it. */
  actorUserId?: string | null;
};

/** Writes the notifications that do not exist yet, with their mails; returns how many were new. */
export async function notify(tx: Db, now: Date, inputs: NotificationInput[]): Promise<number> {
  let created = 0;
  for (const input of inputs) {
    const described = await describe(
      tx,
      { kind: input.kind, subjectType: input.subject.type, subjectId: input.subject.id },
      now,
    );
    if (!described) continue;
    const recipient = await recipientName(tx, input.recipient);
    if (!recipient) continue;
    const [row] = await tx
      .insert(notifications)
      .values({
        id: randomUUID(),
        key: input.key,
        noticeId: input.noticeId ?? null,
        kind: input.kind,
        category: kinds[input.kind].category,
        countyCode: recipient.countyCode,
        recipientUnitId: 'unitId' in input.recipient ? input.recipient.unitId : null,
        recipientBodyId: 'bodyId' in input.recipient ? input.recipient.bodyId : null,
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        deadline: described.deadline,
        path: described.path,
        createdAt: now,
      })
      .onConflictDoNothing({ target: notifications.key })
      .returning();
    if (!row) continue;
    created++;
    await mailNotification(tx, now, row, described, recipient.name, input.actorUserId ?? null);
  }
  return created;
}

type NotificationRow = typeof notifications.$inferSelect;

/** The unit (with its principal) or body a notification is for, and its county. */
export async function recipientName(tx: Db, recipient: { unitId: string } | { bodyId: string }) {
  if ('unitId' in recipient) {
    const [unit] = await tx
      .select({ countyCode: principals.countyCode })
      .from(units)
      .innerJoin(principals, eq(principals.id, units.principalId))
      .where(eq(units.id, recipient.unitId));
    if (!unit) return null;
    const names = await organisationNames(tx, { unitIds: [recipient.unitId], principalIds: [] });
    return { countyCode: unit.countyCode, name: names.unitWithPrincipal(recipient.unitId) };
  }
  const [body] = await tx
    .select({ countyCode: governanceBodies.countyCode, name: governanceBodies.name })
    .from(governanceBodies)
    .where(eq(governanceBodies.id, recipient.bodyId));
  return body ?? null;
}

async function mailNotification(
  tx: Db,
  now: Date,
  n: NotificationRow,
  described: Described,
  name: string,
  actorUserId: string | null,
) {
  const spec = kinds[n.kind as NotificationKind];
  const recipients = await recipientsOf(tx, n, spec.roles, actorUserId);
  if (!recipients.mailbox && recipients.users.length === 0) return;
  const secret = await unsubscribeSecret(tx);
  const pieces = [{ spec, described, recipientName: name }];
  const addressed = new Set<string>();
  const send = async (
    to: { address: string; userId: string | null },
    token: string,
    audience: Parameters<typeof renderMail>[0]['audience'],
  ) => {
    if (addressed.has(to.address)) return;
    addressed.add(to.address);
    const mail = renderMail({ audience, pieces, unsubscribe: [{ scope: n.category, token }] });
    await queueMail(tx, now, {
      countyCode: n.countyCode,
      toUserId: to.userId,
      toAddress: to.address,
      subject: mail.subject,
      body: mail.text,
      html: mail.html,
      headers: unsubscribeHeaders(token),
      attachments: described.attachment ? [described.attachment] : [],
      notificationId: n.id,
      category: n.category,
      dedupeKey: `notification:${n.id}:${to.address}`,
    });
  };
  if (recipients.mailbox) {
    const { unitId, address } = recipients.mailbox;
    const token = unsubscribeToken(secret, { type: 'unit', id: unitId, scope: n.category });
    await send({ address, userId: null }, token, { kind: 'mailbox', unitName: name });
  }
  for (const user of recipients.users) {
    if (user.mode === 'digest') {
      await tx
        .insert(notificationDigestItems)
        .values({ userId: user.id, notificationId: n.id, createdAt: now })
        .onConflictDoNothing();
      continue;
    }
    const token = unsubscribeToken(secret, { type: 'user', id: user.id, scope: n.category });
    await send({ address: user.email, userId: user.id }, token, { kind: 'user', digest: false });
  }
}

/** The notifications of these ids, for a digest (the order they came in). */
export async function loadNotifications(tx: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(notifications)
    .where(and(sql`${notifications.id} in ${ids}`))
    .orderBy(notifications.createdAt, notifications.key);
}

import { TZDate } from '@date-fns/tz';
import { and, eq, lte, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { isoDate, timeZone } from '../../platform/clock.ts';
import type { Job, JobContext } from '../../platform/jobs/scheduler.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import { principals, units, users } from '../organisations/schema.ts';
import { describe } from './describe.ts';
import { kinds, type NotificationKind } from './kinds.ts';
import { loadNotifications, recipientName } from './notify.ts';
import { effectiveHour, effectiveMode } from './recipients.ts';
import { renderMail, unsubscribeHeaders } from './render-mail.ts';
import {
  type NotificationCategory,
  notificationCountyDefaults,
  notificationDigestItems,
  notificationDigests,
  notificationOptOuts,
  notificationPreferences,
} from './schema.ts';
import { unsubscribeSecret, unsubscribeToken } from './unsubscribe-token.ts';

/** The hour of the day in Swedish time, 0–23. */
export const swedishHour = (at: Date) => new TZDate(at, timeZone).getHours();

/**
 * Once a day, at the hour each user chose (or the county's default), the work put aside for their digest goes
 * out as one mail. The day's digest is claimed by inserting (user, day) into notification_digests: the first
 * instance to commit it makes the mail, another's insert finds it there and does nothing; the outbox keys the
 * mail by user and day as well.
 */
export async function sendDigests(tx: Db, ctx: JobContext): Promise<number> {
  const today = isoDate(ctx.now);
  const due = await queryRows<{ userId: string; email: string | null; mode: string; active: boolean }>(
    tx,
    sql`select distinct ${users.id} as "userId", ${users.email} as email, ${effectiveMode} as mode,
        ${users.active} as active
      from ${notificationDigestItems}
      join ${users} on ${users.id} = ${notificationDigestItems.userId}
      join ${units} on ${units.id} = ${users.unitId}
      join ${principals} on ${principals.id} = ${units.principalId}
      left join ${notificationPreferences} on ${notificationPreferences.userId} = ${users.id}
      left join ${notificationCountyDefaults} on ${notificationCountyDefaults.countyCode} = ${principals.countyCode}
      where ${effectiveHour} <= ${swedishHour(ctx.now)}
        and not exists (select 1 from ${notificationDigests} d where d.user_id = ${users.id} and d.day = ${today})
      order by "userId" limit 200`,
  );
  let made = 0;
  for (const user of due) {
    const claimed = await tx
      .insert(notificationDigests)
      .values({ userId: user.userId, day: today, madeAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) continue;
    const taken = await tx
      .delete(notificationDigestItems)
      .where(
        and(eq(notificationDigestItems.userId, user.userId), lte(notificationDigestItems.createdAt, ctx.now)),
      )
      .returning({ id: notificationDigestItems.notificationId });
    // Someone who turned mail off, lost the address or the account since: the work is in "Mitt arbete" anyway.
    if (!user.active || !user.email || user.mode === 'none') continue;
    if (
      await digestMail(
        tx,
        ctx.now,
        { id: user.userId, email: user.email },
        today,
        taken.map((t) => t.id),
      )
    )
      made++;
  }
  return made;
}

async function digestMail(
  tx: Db,
  now: Date,
  user: { id: string; email: string },
  day: string,
  ids: string[],
) {
  const optedOut = new Set(
    (
      await tx
        .select({ category: notificationOptOuts.category })
        .from(notificationOptOuts)
        .where(
          and(eq(notificationOptOuts.recipientType, 'user'), eq(notificationOptOuts.recipientId, user.id)),
        )
    ).map((o) => o.category),
  );
  const rows = (await loadNotifications(tx, ids)).filter((n) => !optedOut.has(n.category));
  const pieces = [];
  for (const n of rows) {
    const kind = n.kind as NotificationKind;
    const described = await describe(tx, { kind, subjectType: n.subjectType, subjectId: n.subjectId }, now);
    const recipient = await recipientName(
      tx,
      n.recipientUnitId ? { unitId: n.recipientUnitId } : { bodyId: n.recipientBodyId! },
    );
    if (described && recipient) pieces.push({ spec: kinds[kind], described, recipientName: recipient.name });
  }
  if (pieces.length === 0) return false;
  const secret = await unsubscribeSecret(tx);
  const token = (scope: NotificationCategory | 'all') =>
    unsubscribeToken(secret, { type: 'user', id: user.id, scope });
  const categories = [...new Set(rows.map((r) => r.category))];
  const all = token('all');
  const mail = renderMail({
    audience: { kind: 'user', digest: true },
    pieces,
    unsubscribe: [...categories.map((c) => ({ scope: c, token: token(c) })), { scope: 'all', token: all }],
  });
  const queued = await queueMail(tx, now, {
    countyCode: rows[0]!.countyCode,
    toUserId: user.id,
    toAddress: user.email,
    subject: mail.subject,
    body: mail.text,
    html: mail.html,
    headers: unsubscribeHeaders(all),
    attachments: pieces
      .flatMap((p) => (p.described.attachment ? [p.described.attachment] : []))
      .map((a, i, all) => (all.length > 1 ? { ...a, filename: a.filename.replace('.', `-${i + 1}.`) } : a)),
    category: categories.length === 1 ? categories[0] : 'digest',
    dedupeKey: `digest:${user.id}:${day}`,
  });
  return queued !== null;
}

export const sendDigestsJob: Job = { name: 'notifications.sendDigests', run: sendDigests };

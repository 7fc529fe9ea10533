import type { Db } from '../../db/client.ts';
import { notificationCountyDefaults } from './schema.ts';

/**
 * The demo's counties mail new work at once to every account that has not chosen otherwise (issue 23, item 6).
 * Their addresses end in .invalid: without SMTP_URL the mail waits in the outbox, where the administrator sees
 * each message as its recipient would; with SMTP_URL it goes to that server. A county whose default an
 * administrator already set keeps it.
 */
export async function loadNotificationDemo(db: Db, countyCodes: string[], now: Date): Promise<void> {
  if (countyCodes.length === 0) return;
  await db
    .insert(notificationCountyDefaults)
    .values(
      countyCodes.map((countyCode) => ({
        countyCode,
        mode: 'immediate' as const,
        digestHour: 7,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
}

import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  governanceBodyMembers,
  principals,
  type Role,
  units,
  userRoles,
  users,
} from '../organisations/schema.ts';
import { builtInDefault } from './kinds.ts';
import {
  type NotificationCategory,
  type NotificationMode,
  notificationCountyDefaults,
  notificationOptOuts,
  notificationPreferences,
} from './schema.ts';

// Who hears of a notification: the unit's functional mailbox, unless it was unsubscribed from the category, and
// the active accounts with an e-mail address that would do the work (the unit's accounts with a role the kind
// names, or the body's members), each as they chose: at once, in a digest, or not at all.

export type Recipients = {
  mailbox: { unitId: string; address: string } | null;
  users: { id: string; email: string; mode: NotificationMode }[];
};

/** SQL: the user's choice, else the county's default, else the built-in one. */
export const effectiveMode = sql<NotificationMode>`coalesce(${notificationPreferences.mode}, ${notificationCountyDefaults.mode}, ${builtInDefault.mode})`;
export const effectiveHour = sql<number>`coalesce(${notificationPreferences.digestHour}, ${notificationCountyDefaults.digestHour}, ${builtInDefault.digestHour})`;

const optedOut = (type: 'user' | 'unit', id: ReturnType<typeof sql>, category: NotificationCategory) =>
  sql`exists (select 1 from ${notificationOptOuts} o where o.recipient_type = ${type}
    and o.recipient_id = ${id} and o.category = ${category})`;

export async function recipientsOf(
  tx: Db,
  n: { recipientUnitId: string | null; recipientBodyId: string | null; category: NotificationCategory },
  roles: readonly Role[],
  actorUserId: string | null,
): Promise<Recipients> {
  let mailbox: Recipients['mailbox'] = null;
  if (n.recipientUnitId) {
    const [unit] = await queryRows<{ address: string }>(
      tx,
      sql`select ${units.functionalMailbox} as address from ${units}
        where ${units.id} = ${n.recipientUnitId} and ${units.active} and ${units.functionalMailbox} is not null
        and not ${optedOut('unit', sql`${units.id}`, n.category)}`,
    );
    if (unit) mailbox = { unitId: n.recipientUnitId, address: unit.address };
  }
  const who = n.recipientUnitId
    ? sql`${users.unitId} = ${n.recipientUnitId} and exists (select 1 from ${userRoles} r
        where r.user_id = ${users.id} and r.role in ${roles})`
    : sql`exists (select 1 from ${governanceBodyMembers} m where m.user_id = ${users.id}
        and m.body_id = ${n.recipientBodyId})`;
  const found = await queryRows<{ id: string; email: string; mode: NotificationMode }>(
    tx,
    sql`select ${users.id} as id, ${users.email} as email, ${effectiveMode} as mode
      from ${users}
      join ${units} on ${units.id} = ${users.unitId}
      join ${principals} on ${principals.id} = ${units.principalId}
      left join ${notificationPreferences} on ${notificationPreferences.userId} = ${users.id}
      left join ${notificationCountyDefaults} on ${notificationCountyDefaults.countyCode} = ${principals.countyCode}
      where ${who} and ${users.active} and ${users.email} is not null
        and ${users.id} <> ${actorUserId ?? ''}
        and not ${optedOut('user', sql`${users.id}`, n.category)}
      order by ${users.id}`,
  );
  return { mailbox, users: found.filter((u) => u.mode !== 'none') };
}

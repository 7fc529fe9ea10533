import { and, desc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { recordEvent } from '../../../platform/events/record-event.ts';
import { type EventValue, events } from '../../../platform/events/schema.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { users } from '../schema.ts';

/**
 * Every administrative change is an event `admin.<change>` holding who, when, what and the values before and
 * after. The values are about the organisation and staff accounts (names, e-mail, roles), never about a
 * person in care. The administration log of a county is these events.
 */
export const adminChangeLabels = {
  unitCreated: 'Enhet skapad',
  unitRenamed: 'Enhet fick nytt namn',
  unitMoved: 'Enhet flyttad till annan huvudman',
  unitClosed: 'Enhet stängd',
  unitHsaIdChanged: 'Enhetens HSA-id ändrat',
  unitKindChanged: 'Enhetens typ ändrad',
  accountCreated: 'Konto skapat',
  accountChanged: 'Konto ändrat',
  accountDeactivated: 'Konto inaktiverat',
  accountReactivated: 'Konto aktiverat igen',
  accountsImported: 'Konton importerade från fil',
  passwordLinkIssued: 'Länk för nytt lösenord skickad',
  bodyCreated: 'Samverkansorgan skapat',
  bodyChanged: 'Samverkansorgan ändrat',
  bodyMemberAdded: 'Ledamot tillagd',
  bodyMemberRemoved: 'Ledamot borttagen',
  ladderLevelAdded: 'Nivå tillagd i eskaleringsordning',
  ladderLevelChanged: 'Nivå ändrad i eskaleringsordning',
  ladderLevelRemoved: 'Nivå borttagen ur eskaleringsordning',
  categoryAdded: 'Kategori tillagd',
  categoryChanged: 'Kategori ändrad',
  rulesChanged: 'Tidsfrister eller målgrupp ändrade',
  unitMailboxChanged: 'Enhetens funktionsbrevlåda ändrad',
  notificationDefaultChanged: 'Förval för e-post om nytt arbete ändrat',
  mailRetried: 'Brev som inte kunde skickas skickas igen',
  settingConfirmed: 'Länets egen inställning bekräftad',
  principalCreated: 'Privat vårdgivare på uppdrag tillagd',
} as const;

export type AdminChange = keyof typeof adminChangeLabels;
export type AdminValues = Record<string, EventValue> | null;
type AdminEvents = { [K in AdminChange as `admin.${K}`]: { before: AdminValues; after: AdminValues } };

declare module '../../../platform/events/record-event.ts' {
  interface EventCatalogue extends AdminEvents {}
}

/** Every administration event type, for the module's manifest. */
export const adminEventTypes = Object.keys(adminChangeLabels).map(
  (c) => `admin.${c as AdminChange}` as const,
);

/** Writes the change's event in the caller's transaction, so it exists exactly when the change does. */
export async function recordAdminChange(
  tx: Db,
  ctx: UserContext,
  change: AdminChange,
  subject: { type: string; id: string },
  before: AdminValues,
  after: AdminValues,
): Promise<void> {
  await recordEvent(tx, ctx, `admin.${change}`, subject, { before, after });
}

const pageSize = 50;

/** The county's administration log, newest first, a page of 50 at a time. */
export async function listAdminLog(ctx: UserContext, page: number) {
  const found = await pageAdminLog(ctx, { offset: (page - 1) * pageSize, limit: pageSize });
  return { total: found.total, size: pageSize, entries: found.items };
}

/** The same log, any page (the API's `page` and `pageSize`). */
export async function pageAdminLog(ctx: UserContext, p: { offset: number; limit: number }) {
  const where = and(eq(events.countyCode, ctx.user.county.code), like(events.type, 'admin.%'));
  const rows = await ctx.db
    .select({
      seq: events.seq,
      at: events.at,
      type: events.type,
      subjectType: events.subjectType,
      subjectId: events.subjectId,
      data: events.data,
      actorUsername: users.username,
      actorName: users.name,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorUserId))
    .where(where)
    .orderBy(desc(events.at), desc(events.seq))
    .limit(p.limit)
    .offset(p.offset);
  const [counted] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(events).where(where);
  return {
    total: counted?.n ?? 0,
    items: rows.map((r) => {
      const change = r.type.slice('admin.'.length) as AdminChange;
      const data = r.data as { before: AdminValues; after: AdminValues };
      return {
        at: r.at,
        change,
        label: adminChangeLabels[change] ?? r.type,
        subject: { type: r.subjectType, id: r.subjectId },
        actor: r.actorUsername ? { username: r.actorUsername, name: r.actorName } : null,
        before: data.before ?? null,
        after: data.after ?? null,
      };
    }),
  };
}

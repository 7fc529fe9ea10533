import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { addDays } from '../../platform/calendar/working-days.ts';
import { isoDate } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { notices } from '../../platform/notices/schema.ts';
import { caseCategories, counties } from '../organisations/schema.ts';
import { unscopedSipConsent, unscopedSipInvitation } from '../sip/index.ts';
import { deviations } from './schema.ts';

/**
 * Deviations the SIP work suggests to the convening unit (DOMAIN.md §4): an invitation its invited unit did not
 * answer in time, a SIP not convened within the county's days after consent. A suggestion is built from the
 * notice the jobs gave the unit and carries no person data: units, principals and dates only. It is offered
 * for 30 days and until a deviation is reported from it.
 */
export type Suggestion = {
  key: string;
  title: string;
  description: string;
  category: string | null;
  concernedPrincipalIds: string[];
  occurredOn: string;
};

const offeredDays = 30;

export async function listSuggestions(ctx: UserContext, only?: string): Promise<Suggestion[]> {
  const since = new Date(ctx.now.getTime() - offeredDays * 86_400_000);
  const rows = await ctx.db
    .select({ kind: notices.kind, subjectId: notices.subjectId, key: notices.key })
    .from(notices)
    .where(
      and(
        eq(notices.recipientUnitId, ctx.user.unit.id),
        inArray(notices.kind, ['sip.invitationUnanswered', 'sip.notConvened']),
        gte(notices.createdAt, since),
        only ? eq(notices.subjectId, only.split(':')[1] ?? '') : undefined,
        sql`not exists (select 1 from ${deviations} d where d.suggestion_key = ${suggestionKeySql})`,
      ),
    )
    .orderBy(desc(notices.createdAt));
  const categories = await activeCategories(ctx.db, ctx.user.county.code);
  const out: Suggestion[] = [];
  for (const row of rows) {
    const s =
      row.kind === 'sip.invitationUnanswered'
        ? await unansweredInvitation(ctx.db, row.subjectId)
        : await notConvened(ctx, row.subjectId);
    if (s) out.push({ ...s, category: categories.has(s.category ?? '') ? s.category : null });
  }
  return only ? out.filter((s) => s.key === only) : out;
}

/** One suggestion offered to the caller's unit, or 404. */
export async function findSuggestion(ctx: UserContext, key: string): Promise<Suggestion> {
  const [found] = await listSuggestions(ctx, key);
  if (!found)
    throw notFound('Förslaget finns inte längre, eller så har en avvikelse redan rapporterats utifrån det.');
  return found;
}

// The suggestion key a notice gives rise to, in SQL, to leave out suggestions already reported.
const suggestionKeySql = sql`case ${notices.kind} when 'sip.invitationUnanswered' then 'sip.invitation:' else 'sip.notConvened:' end || ${notices.subjectId}`;

async function unansweredInvitation(db: Db, invitationId: string): Promise<Suggestion | null> {
  const row = await unscopedSipInvitation(db, invitationId);
  if (!row) return null;
  return {
    key: `sip.invitation:${invitationId}`,
    title: 'Kallelse till SIP besvarades inte i tid',
    description: `En kallelse till SIP-möte ${isoDate(row.meetingAt)} skickades till ${row.unitName}, ${row.principalName}. Sista svarsdag var ${row.answerBy}, och kallelsen besvarades inte senast då.`,
    category: 'unansweredInvitation',
    concernedPrincipalIds: [row.principalId],
    occurredOn: row.answerBy,
  };
}

async function notConvened(ctx: UserContext, sipId: string): Promise<Suggestion | null> {
  const consent = await unscopedSipConsent(ctx.db, sipId);
  if (!consent) return null;
  const [county] = await ctx.db
    .select({ days: counties.sipConveneDays })
    .from(counties)
    .where(eq(counties.code, ctx.user.county.code));
  if (!county) return null;
  const deadline = addDays(consent.givenOn, county.days);
  return {
    key: `sip.notConvened:${sipId}`,
    title: `SIP kallades inte inom ${county.days} dagar efter samtycke`,
    description: `Samtycke till en SIP lämnades ${consent.givenOn}. Inget SIP-möte hade kallats till ${deadline}, som länet har som gräns.`,
    category: 'sipNotHeld',
    concernedPrincipalIds: consent.principalIds,
    occurredOn: deadline,
  };
}

async function activeCategories(db: Db, countyCode: string) {
  const rows = await db
    .select({ key: caseCategories.key })
    .from(caseCategories)
    .where(
      and(
        eq(caseCategories.countyCode, countyCode),
        eq(caseCategories.caseKind, 'deviation'),
        eq(caseCategories.active, true),
      ),
    );
  return new Set(rows.map((r) => r.key));
}

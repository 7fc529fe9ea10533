import { and, desc, eq, gte } from 'drizzle-orm';
import { changeOwnData } from '../../platform/access/person-self.ts';
import { isoDate } from '../../platform/clock.ts';
import type { PersonContext, UserContext } from '../../platform/http/context.ts';
import { createNotices } from '../../platform/notices/create-notices.ts';
import { notices } from '../../platform/notices/schema.ts';
import { sipVisibleTo } from './access-rule.ts';
import {
  type ConsentActor,
  setRelativesMayTakePart,
  withdrawConsentFromPrincipal,
  withdrawWholeConsent,
} from './change-consent.ts';
import { loadSip } from './load.ts';
import { sipConsentChanges, sips } from './schema.ts';

// The person's own acts on their consent (issue 26 item 3), made on their pages (the my-plans module): withdraw
// it for one principal or for all, allow their relatives to take part or not. Each runs the same change as when
// the convening unit records it (change-consent.ts), so it takes effect at once; it is recorded as the person's,
// made with e-ID, in the consent's history and the access log (through the person's self rule, own-sips.ts); and
// the convening unit gets a notice under "Mitt arbete", which names no one.

export const consentNoticeKind = 'sip.consentChangedByPerson';

export type OwnConsentAct =
  | { act: 'withdrawPrincipal'; principalId: string }
  | { act: 'withdrawAll' }
  | { act: 'relatives'; allowed: boolean };

/** Does the act; returns false when it changed nothing (relatives already as asked). */
export function changeOwnConsent(ctx: PersonContext, sipId: string, input: OwnConsentAct): Promise<boolean> {
  return changeOwnData(ctx, { type: 'sip', id: sipId }, async (tx) => {
    const sip = await loadSip(tx, sipId);
    const actor: ConsentActor = { kind: 'person', method: ctx.person.loginMethod };
    const today = isoDate(ctx.now);
    const change =
      input.act === 'withdrawAll'
        ? await withdrawWholeConsent(tx, ctx.now, sip, today, actor)
        : input.act === 'withdrawPrincipal'
          ? await withdrawConsentFromPrincipal(tx, ctx.now, sip, input.principalId, today, actor)
          : await setRelativesMayTakePart(tx, ctx.now, sip, input.allowed, today, actor);
    if (!change) return false;
    await createNotices(tx, ctx.now, [
      {
        key: `${consentNoticeKind}:${change.id}`,
        kind: consentNoticeKind,
        recipientUnitId: sip.conveningUnitId,
        // The change, which names the SIP; the notice itself names no person.
        subject: { type: 'sipConsentChange', id: change.id },
      },
    ]);
    return true;
  });
}

/** How long the convening unit sees a notice under "Mitt arbete". */
const noticeDays = 30;

/** The notice's words: what the person did, without naming them. */
export const consentNoticeText: Record<string, string> = {
  principalWithdrawn: 'En person har tagit tillbaka sitt samtycke för en huvudman',
  withdrawn: 'En person har tagit tillbaka hela sitt samtycke, och SIP:en är avslutad',
  relativesAllowed: 'En person har gett sina närstående rätt att vara med',
  relativesRefused: 'En person har tagit bort sina närståendes rätt att vara med',
};

/**
 * For "Mitt arbete": the changes the persons of the unit's SIPs made to their consent themselves, newest first,
 * for 30 days, scoped by the SIP's access rule like the module's other lists there (list-my-work.ts). A notice
 * names no person: only that a person changed their consent in a SIP the unit convenes, what changed and when,
 * and the way to the SIP, which its own access rule guards (and logs when opened).
 */
export async function listConsentNotices(ctx: UserContext) {
  const since = new Date(ctx.now.getTime() - noticeDays * 24 * 60 * 60 * 1000);
  const rows = await ctx.db
    .select({ sipId: sips.id, kind: sipConsentChanges.kind, at: sipConsentChanges.at })
    .from(notices)
    .innerJoin(sipConsentChanges, eq(sipConsentChanges.id, notices.subjectId))
    .innerJoin(sips, eq(sips.id, sipConsentChanges.sipId))
    .where(
      and(
        eq(notices.recipientUnitId, ctx.user.unit.id),
        eq(notices.kind, consentNoticeKind),
        gte(notices.createdAt, since),
        sipVisibleTo(ctx.user),
      ),
    )
    .orderBy(desc(notices.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, text: consentNoticeText[r.kind] ?? r.kind }));
}

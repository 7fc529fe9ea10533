import { subMonths } from 'date-fns';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Job } from '../../platform/jobs/scheduler.ts';
import { createNotices, type NewNotice } from '../../platform/notices/create-notices.ts';
import { counties, units, userRoles, users } from '../organisations/schema.ts';
import { type AgreementAggregate, loadAgreement } from './load.ts';
import { nextFollowUpOn } from './present.ts';
import { agreements } from './schema.ts';

/** The units of the agreement administrators of an agreement's parties: they receive its warnings. */
async function administratorUnits(tx: Db, partyIds: string[]): Promise<string[]> {
  if (partyIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ unitId: units.id })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'agreementAdmin')))
    .where(and(inArray(units.principalId, partyIds), eq(users.active, true)));
  return rows.map((r) => r.unitId);
}

/** The warnings due on `today`: each warning time before the notice deadline once, and a due follow-up once. */
export function dueWarnings(a: AgreementAggregate, warningMonths: number[], today: string) {
  const due: { kind: string; key: string }[] = [];
  const deadline = a.validity.noticeDeadline;
  if (a.status === 'inForce' && deadline && !a.noticeGivenOn) {
    for (const months of warningMonths) {
      const from = isoDate(subMonths(new Date(`${deadline}T12:00:00Z`), months));
      if (today >= from && today <= deadline)
        due.push({
          kind: 'agreement.noticeDeadline',
          key: `agreement.noticeDeadline:${a.id}:${deadline}:${months}`,
        });
    }
  }
  const followUp = nextFollowUpOn(a);
  if (a.status === 'inForce' && followUp && today >= followUp)
    due.push({ kind: 'agreement.followUpDue', key: `agreement.followUpDue:${a.id}:${followUp}` });
  return due;
}

export const warnDeadlinesJob: Job = {
  name: 'agreement.warnDeadlines',
  async run(tx, { now }) {
    const today = isoDate(now);
    const rows = await tx
      .select({ id: agreements.id, warningMonths: counties.agreementWarningMonths })
      .from(agreements)
      .innerJoin(counties, eq(counties.code, agreements.countyCode));
    const list: NewNotice[] = [];
    for (const row of rows) {
      const a = await loadAgreement(tx, row.id, today);
      const due = dueWarnings(a, row.warningMonths, today);
      if (due.length === 0) continue;
      for (const unitId of await administratorUnits(
        tx,
        a.parties.map((p) => p.principalId),
      )) {
        for (const d of due)
          list.push({
            key: `${d.key}:${unitId}`,
            kind: d.kind,
            recipientUnitId: unitId,
            subject: { type: 'agreement', id: a.id },
          });
      }
    }
    return createNotices(tx, now, list);
  },
};

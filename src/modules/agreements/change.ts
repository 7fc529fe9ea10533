import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type CurrentUser, hasRole } from '../../platform/auth/current-user.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { type AgreementAggregate, loadAgreement, type VersionRow } from './load.ts';
import { presentAgreement } from './present.ts';

/** Only agreement administrators of a party change an agreement (issue 6, "Bad input and access"). */
export function administers(user: CurrentUser, a: Pick<AgreementAggregate, 'parties'>): boolean {
  return hasRole(user, 'agreementAdmin') && a.parties.some((p) => p.principalId === user.principal.id);
}

export const notAdministrator = () =>
  forbidden('Bara överenskommelsens administratörer hos en part kan ändra den.');

export type Change = { tx: Db; a: AgreementAggregate; today: string };

/** Runs one change to an agreement with its row locked, after the caller's own check; returns the agreement. */
export function changeAgreement(
  ctx: UserContext,
  id: string,
  change: (c: Change) => Promise<void>,
  allowed: (a: AgreementAggregate) => boolean = (a) => administers(ctx.user, a),
) {
  const today = isoDate(ctx.now);
  return inTransaction(ctx.db, async (tx) => {
    const a = await loadAgreement(tx, id, today, true);
    if (!allowed(a)) throw notAdministrator();
    await change({ tx, a, today });
    return presentAgreement(await loadAgreement(tx, id, today));
  });
}

/** The version with this number; 404 when it does not exist. */
export function versionOf(a: AgreementAggregate, number: number): VersionRow {
  const v = a.versions.find((x) => x.number === number);
  if (!v) throw notFound('Versionen finns inte.');
  return v;
}

/** A published version never changes: every change is a new version. */
export function assertDraft(v: VersionRow) {
  if (v.stage !== 'draft')
    throw conflict(
      `Version ${v.number} är publicerad och kan inte ändras. Gör en ny version för att ändra texten.`,
    );
}

import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isoDate } from '../../platform/clock.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { type AgreementAggregate, loadAgreement, type VersionRow } from './load.ts';
import { administers, notAdministrator } from './policy.ts';
import { presentAgreement } from './present.ts';

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

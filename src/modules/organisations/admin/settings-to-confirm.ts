import { and, asc, eq, isNull } from 'drizzle-orm';
import { inTransaction } from '../../../db/transaction.ts';
import { notFound } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { countySettingsToConfirm } from '../schema.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin } from './policy.ts';

// The county's own settings to confirm: what was loaded from its reference data although its seed does not
// name it (counties.ts `assumed`: Örebro's county parts and ladder, Dalarna's ladder, Sörmland's working
// groups' municipalities). Its administrators see each on the administration's start page until one of them
// confirms it; each confirmation is recorded with who and when, and in the administration log.

export type SettingToConfirm = { key: string; label: string; assumption: string };

const unconfirmed = (countyCode: string) =>
  and(eq(countySettingsToConfirm.countyCode, countyCode), isNull(countySettingsToConfirm.confirmedAt));

/** The administrator's county's settings not yet confirmed, in the order they were loaded. */
export async function listSettingsToConfirm(ctx: UserContext): Promise<SettingToConfirm[]> {
  assertCountyAdmin(ctx);
  return ctx.db
    .select({
      key: countySettingsToConfirm.key,
      label: countySettingsToConfirm.label,
      assumption: countySettingsToConfirm.assumption,
    })
    .from(countySettingsToConfirm)
    .where(unconfirmed(ctx.user.county.code))
    .orderBy(asc(countySettingsToConfirm.position));
}

/**
 * Confirms one setting (`key`) or, without a key, every setting not yet confirmed; answers with what it
 * confirmed. One setting that is not the county's, or is confirmed already, is 404: it is not there to
 * confirm. Confirming all when none is left confirms nothing.
 */
export async function confirmSettings(ctx: UserContext, key?: string): Promise<SettingToConfirm[]> {
  assertCountyAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const rows = await tx
      .select()
      .from(countySettingsToConfirm)
      .where(
        and(
          unconfirmed(ctx.user.county.code),
          key === undefined ? undefined : eq(countySettingsToConfirm.key, key),
        ),
      )
      .orderBy(asc(countySettingsToConfirm.position))
      .for('update');
    if (key !== undefined && rows.length === 0)
      throw notFound('Inställningen finns inte bland länets inställningar att bekräfta.');
    for (const row of rows) {
      await tx
        .update(countySettingsToConfirm)
        .set({ confirmedAt: ctx.now, confirmedByUserId: ctx.user.id })
        .where(
          and(
            eq(countySettingsToConfirm.countyCode, row.countyCode),
            eq(countySettingsToConfirm.key, row.key),
          ),
        );
      await recordAdminChange(
        tx,
        ctx,
        'settingConfirmed',
        { type: 'countySetting', id: `${row.countyCode}:${row.key}` },
        { setting: row.label, confirmed: false },
        { setting: row.label, confirmed: true },
      );
    }
    return rows.map((r) => ({ key: r.key, label: r.label, assumption: r.assumption }));
  });
}

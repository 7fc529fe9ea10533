import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { conflict, type FieldError, notFound, unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { slugify } from '../../../platform/slug.ts';
import { type CaseKind, caseCategories, counties, type EidMatch } from '../schema.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin } from './policy.ts';

// A county's rules as data: the deadlines, the agreement's target group, and the categories of deviations
// and disputes. A deadline is fixed on a case when the case is made (an invitation's answer date, a
// deviation's due date), so a change reaches new cases only.

export const ruleLimits = {
  invitationAnswerWorkingDays: { min: 1, max: 20 },
  deviationAnswerDays: { min: 1, max: 180 },
  targetGroupMinAge: { min: 0, max: 120 },
} as const;

export type RulesInput = {
  invitationAnswerWorkingDays?: number | undefined;
  deviationAnswerDays?: number | undefined;
  /** null: all ages. */
  targetGroupMinAge?: number | null | undefined;
  targetGroupDescription?: string | undefined;
};

const ruleMessages: Record<keyof typeof ruleLimits, string> = {
  invitationAnswerWorkingDays: 'Ange antalet arbetsdagar för att svara på en kallelse, 1–20',
  deviationAnswerDays: 'Ange antalet dagar för att besvara en avvikelse, 1–180',
  targetGroupMinAge: 'Ange en ålder mellan 0 och 120 år, eller lämna tomt för alla åldrar',
};

export async function readCountyRules(db: Db, countyCode: string) {
  const [c] = await db.select().from(counties).where(eq(counties.code, countyCode));
  if (!c) throw notFound();
  return {
    invitationAnswerWorkingDays: c.invitationAnswerWorkingDays,
    deviationAnswerDays: c.deviationAnswerDays,
    targetGroupMinAge: c.targetGroupMinAge,
    targetGroupDescription: c.targetGroupDescription,
  };
}

export async function changeCountyRules(ctx: UserContext, input: RulesInput) {
  assertCountyAdmin(ctx);
  const found: { path: string; message: string }[] = [];
  for (const key of Object.keys(ruleLimits) as (keyof typeof ruleLimits)[]) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    if (!Number.isInteger(v) || v < ruleLimits[key].min || v > ruleLimits[key].max)
      found.push({ path: key, message: ruleMessages[key] });
  }
  const description = input.targetGroupDescription?.trim();
  if (description !== undefined && (description.length < 5 || description.length > 1000))
    found.push({ path: 'targetGroupDescription', message: 'Beskriv målgruppen med 5–1 000 tecken' });
  if (found.length) throw unprocessable(found.map((f) => f.message).join(' '), found);
  return inTransaction(ctx.db, async (tx) => {
    const before = await readCountyRules(tx, ctx.user.county.code);
    const set = Object.fromEntries(
      Object.entries({ ...input, targetGroupDescription: description }).filter(([, v]) => v !== undefined),
    ) as RulesInput;
    if (Object.keys(set).length)
      await tx.update(counties).set(set).where(eq(counties.code, ctx.user.county.code));
    const after = await readCountyRules(tx, ctx.user.county.code);
    await recordAdminChange(
      tx,
      ctx,
      'rulesChanged',
      { type: 'county', id: ctx.user.county.code },
      before,
      after,
    );
    return after;
  });
}

export async function listCountyCategories(db: Db, countyCode: string, caseKind: CaseKind) {
  return db
    .select()
    .from(caseCategories)
    .where(and(eq(caseCategories.countyCode, countyCode), eq(caseCategories.caseKind, caseKind)))
    .orderBy(asc(caseCategories.position));
}

const labelRule = (label: string) => {
  const trimmed = label.trim();
  if (trimmed.length < 2 || trimmed.length > 120)
    throw unprocessable('Kategorins namn ska ha 2–120 tecken.', [
      { path: 'label', message: 'Ange kategorins namn, 2–120 tecken' },
    ]);
  return trimmed;
};

async function assertLabelFree(
  tx: Db,
  countyCode: string,
  caseKind: CaseKind,
  label: string,
  except?: string,
) {
  const rows = await listCountyCategories(tx, countyCode, caseKind);
  if (rows.some((r) => r.key !== except && r.label.toLowerCase() === label.toLowerCase()))
    throw unprocessable('Det finns redan en kategori med det namnet.', [
      { path: 'label', message: 'Välj ett namn som ingen annan kategori har' },
    ]);
  return rows;
}

/** A new category, last in the list; its key is made from the name and never changes. */
export async function addCategory(ctx: UserContext, caseKind: CaseKind, input: { label: string }) {
  assertCountyAdmin(ctx);
  const label = labelRule(input.label);
  const county = ctx.user.county.code;
  return inTransaction(ctx.db, async (tx) => {
    const rows = await assertLabelFree(tx, county, caseKind, label);
    const base =
      slugify(label)
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || 'kategori';
    let key = base;
    for (let n = 2; rows.some((r) => r.key === key); n++) key = `${base}-${n}`;
    const position = Math.max(-1, ...rows.map((r) => r.position)) + 1;
    await tx
      .insert(caseCategories)
      .values({ countyCode: county, caseKind, key, label, position, active: true });
    await recordAdminChange(tx, ctx, 'categoryAdded', { type: 'category', id: `${caseKind}:${key}` }, null, {
      kind: caseKind,
      label,
    });
    return { key, label, position, active: true };
  });
}

/**
 * Renames, retires or brings back a category, or moves it up or down. A retired category is not offered for
 * new cases, and old cases keep it. The last active category stays (409).
 */
export async function changeCategory(
  ctx: UserContext,
  caseKind: CaseKind,
  key: string,
  input: { label?: string | undefined; active?: boolean | undefined; move?: 'up' | 'down' | undefined },
) {
  assertCountyAdmin(ctx);
  const label = input.label === undefined ? undefined : labelRule(input.label);
  const county = ctx.user.county.code;
  return inTransaction(ctx.db, async (tx) => {
    const rows = label
      ? await assertLabelFree(tx, county, caseKind, label, key)
      : await listCountyCategories(tx, county, caseKind);
    const current = rows.find((r) => r.key === key);
    if (!current) throw notFound('Kategorin finns inte.');
    if (input.active === false && current.active && rows.filter((r) => r.active).length === 1)
      throw conflict(
        'Det måste finnas minst en kategori att välja. Lägg till en ny innan du tar bort den här.',
      );
    const at = (k: string) =>
      and(
        eq(caseCategories.countyCode, county),
        eq(caseCategories.caseKind, caseKind),
        eq(caseCategories.key, k),
      );
    const changes = {
      ...(label ? { label } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    // A move alone changes neither (Drizzle refuses an update with nothing to set).
    if (Object.keys(changes).length > 0) await tx.update(caseCategories).set(changes).where(at(key));
    if (input.move) {
      const index = rows.indexOf(current);
      const other = rows[input.move === 'up' ? index - 1 : index + 1];
      if (other) {
        await tx.update(caseCategories).set({ position: other.position }).where(at(key));
        await tx.update(caseCategories).set({ position: current.position }).where(at(other.key));
      }
    }
    await recordAdminChange(
      tx,
      ctx,
      'categoryChanged',
      { type: 'category', id: `${caseKind}:${key}` },
      { kind: caseKind, label: current.label, active: current.active, position: current.position },
      {
        kind: caseKind,
        label: label ?? current.label,
        active: input.active ?? current.active,
        position: (await listCountyCategories(tx, county, caseKind)).find((r) => r.key === key)!.position,
      },
    );
  });
}

/**
 * The county's login methods: whether its accounts may log in with a password, and what an e-ID login is
 * matched to an account by (`eidMatch`: the HSA-id, or the holder's identity number). Turning passwords off
 * needs an e-ID provider for the county (OIDC_PROVIDERS), or nobody of the county could log in, its
 * administrators included; matching by identity number needs every provider of the county to send one (its
 * `identityNumberClaim`), or their logins would all be refused.
 */
export async function setLoginMethods(
  ctx: UserContext,
  choice: { passwordLogin: boolean; eidMatch: EidMatch },
  providers: readonly { identityNumber: boolean }[],
) {
  assertCountyAdmin(ctx);
  const findings: FieldError[] = [];
  if (!choice.passwordLogin && providers.length === 0)
    findings.push({
      path: 'passwordLogin',
      message: 'Länet har ingen e-legitimation inställd, så lösenord måste vara tillåtet',
    });
  if (
    choice.eidMatch === 'identityNumber' &&
    (providers.length === 0 || providers.some((p) => !p.identityNumber))
  )
    findings.push({
      path: 'eidMatch',
      message:
        'Länets leverantör av e-legitimation skickar inget personnummer till Sömlös, så inloggningen måste kännas igen på HSA-id',
    });
  if (findings.length)
    throw unprocessable(
      providers.length === 0
        ? 'Länet har ingen e-legitimation inställd; då måste lösenord vara tillåtet.'
        : findings.map((f) => `${f.message}.`).join(' '),
      findings,
    );
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select({ passwordLogin: counties.passwordLogin, eidMatch: counties.eidMatch })
      .from(counties)
      .where(eq(counties.code, ctx.user.county.code));
    await tx.update(counties).set(choice).where(eq(counties.code, ctx.user.county.code));
    await recordAdminChange(
      tx,
      ctx,
      'rulesChanged',
      { type: 'county', id: ctx.user.county.code },
      before ?? null,
      choice,
    );
  });
}

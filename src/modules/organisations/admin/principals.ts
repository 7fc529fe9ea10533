import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inTransaction } from '../../../db/transaction.ts';
import { type FieldError, unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { principals } from '../schema.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin } from './policy.ts';

// Private care providers under contract as principals of their own (issue 28 item 7). The seeds cover them
// like the principal that contracted them: "gäller motsvarande ansvar för de privata vårdgivare som respektive
// huvudman har avtal med" (Sörmland §1), "de personer som vårdas av enskilda aktörer som kommuner och region
// … har slutit avtal med" (Dalarna §1), "Privata utförare som enligt avtal har uppdrag inom området omfattas"
// (Örebro, Inledning). A county administrator adds one with the region or municipality that contracted it;
// it then has units and accounts like any principal and takes part in SIPs, deviations and disputes.

/** The kinds of principal that contract a private provider: the region and the municipalities. */
const contractingKinds = ['region', 'municipality'] as const;

export type PrivateProviderInput = { name: string; contractedByPrincipalId: string };

/** Refuses what is wrong with the input, every field at once, in Swedish (422 with the fields' paths). */
async function checkProvider(ctx: UserContext, input: PrivateProviderInput) {
  const errors: FieldError[] = [];
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 120)
    errors.push({ path: 'name', message: 'Ange vårdgivarens namn med 2–120 tecken' });
  const [contracting] = await ctx.db
    .select({ id: principals.id, name: principals.name })
    .from(principals)
    .where(
      and(
        eq(principals.id, input.contractedByPrincipalId),
        eq(principals.countyCode, ctx.user.county.code),
        inArray(principals.kind, [...contractingKinds]),
      ),
    );
  if (!contracting)
    errors.push({
      path: 'contractedByPrincipalId',
      message: 'Välj regionen eller den kommun i länet som vårdgivaren har avtal med',
    });
  if (name.length >= 2 && errors.length === 0) {
    const [taken] = await ctx.db
      .select({ id: principals.id })
      .from(principals)
      .where(
        and(eq(principals.countyCode, ctx.user.county.code), sql`lower(${principals.name}) = lower(${name})`),
      );
    if (taken) errors.push({ path: 'name', message: 'Det finns redan en huvudman med det namnet i länet' });
  }
  if (errors.length) throw unprocessable('Vårdgivaren kunde inte läggas till.', errors);
  return { name, contracting: contracting! };
}

/** Adds a private provider under contract to the administrator's county, with the principal that contracted it. */
export async function createPrivateProvider(ctx: UserContext, input: PrivateProviderInput) {
  assertCountyAdmin(ctx);
  const { name, contracting } = await checkProvider(ctx, input);
  return inTransaction(ctx.db, async (tx) => {
    const id = `provider-${randomUUID()}`;
    const row = {
      id,
      countyCode: ctx.user.county.code,
      kind: 'privateProvider' as const,
      name,
      contractedByPrincipalId: contracting.id,
    };
    await tx.insert(principals).values(row);
    await recordAdminChange(tx, ctx, 'principalCreated', { type: 'principal', id }, null, {
      name,
      kind: 'Privat vårdgivare på uppdrag',
      contractedBy: contracting.name,
    });
    return { ...row, municipalityCode: null, contractedByPrincipalName: contracting.name };
  });
}

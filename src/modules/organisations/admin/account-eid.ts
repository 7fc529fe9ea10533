import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { normaliseHsaId } from '../../../platform/auth/hsa-id.ts';
import { identityNumberHasher } from '../../../platform/auth/identity-number-hash.ts';
import { unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { users } from '../schema.ts';
import { refuseSelfChange } from './role-grants.ts';

// What an e-ID login finds an account by (issue 24): its HSA-id, and in a county that matches by identity number
// its holder's personnummer or samordningsnummer, kept only as a keyed hash. Either is a way into the account, so
// each is unique, and an administrator's own are another administrator's to change, as their roles are.

/** A value another account holds, found by the check or by the unique constraint (unique-values.ts). */
export const takenEidIdentifiers = {
  users_hsaId_unique: { path: 'hsaId', message: 'HSA-id:t står redan på ett annat konto' },
  users_identityNumberHash_unique: {
    path: 'identityNumber',
    message: 'Personnumret står redan på ett annat konto',
  },
};

export const identityNumberFieldMessage =
  'Ange ett giltigt personnummer eller samordningsnummer, till exempel 19121212-1212, eller lämna fältet tomt';

type Holder = { id: string; hsaId: string | null; identityNumberHash: string | null };
export type EidIdentifiersChange = { hsaId?: string | null; identityNumber?: string | null };

/**
 * The identifiers a change gives the account, each undefined where it stays as it is (the same value again is
 * no change) and null where it is taken away (an empty value): an identity number of the wrong form is a 422,
 * a change of the administrator's own account a 403, a value another account holds a 422 naming its field.
 */
export async function changedEidIdentifiers(
  tx: Db,
  ctx: UserContext,
  account: Holder,
  change: EidIdentifiersChange,
): Promise<{ hsaId: string | null | undefined; identityNumberHash: string | null | undefined }> {
  let hsaId: string | null | undefined;
  if (change.hsaId !== undefined) hsaId = normaliseHsaId(change.hsaId ?? '') || null;
  if (hsaId === account.hsaId) hsaId = undefined;
  let identityNumberHash: string | null | undefined;
  const given = change.identityNumber?.trim();
  if (change.identityNumber !== undefined) identityNumberHash = null;
  if (given) {
    identityNumberHash = (await identityNumberHasher(tx))(given);
    if (!identityNumberHash)
      throw unprocessable('Personnumret är inte giltigt.', [
        { path: 'identityNumber', message: identityNumberFieldMessage },
      ]);
  }
  if (identityNumberHash === account.identityNumberHash) identityNumberHash = undefined;

  if (account.id === ctx.user.id && (hsaId !== undefined || identityNumberHash !== undefined))
    refuseSelfChange('ändra HSA-id eller personnummer på ditt eget konto');
  // Another account's value is refused, a deactivated account's too.
  const taken = [];
  if (hsaId && (await tx.select({ id: users.id }).from(users).where(eq(users.hsaId, hsaId))).length)
    taken.push(takenEidIdentifiers.users_hsaId_unique);
  if (
    identityNumberHash &&
    (await tx.select({ id: users.id }).from(users).where(eq(users.identityNumberHash, identityNumberHash)))
      .length
  )
    taken.push(takenEidIdentifiers.users_identityNumberHash_unique);
  if (taken.length) throw unprocessable(taken.map((t) => `${t.message}.`).join(' '), taken);
  return { hsaId, identityNumberHash };
}

/**
 * The identity number as the administration log shows it: whether one is kept, never the number nor its hash;
 * a number replaced by another is "nytt registrerat", so the log shows that it changed.
 */
export function identityNumberShown(hash: string | null, before?: string | null): string | null {
  if (!hash) return null;
  return before && before !== hash ? 'nytt registrerat' : 'registrerat';
}

import { inArray, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { hsaIdPattern, normaliseHsaId } from '../../../platform/auth/hsa-id.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { parseIdentityNumber } from '../../../platform/people/identity-number.ts';
import { roleLabel } from '../labels.ts';
import { roles, users } from '../schema.ts';
import { identityNumberFieldMessage } from './account-eid.ts';

// An account's fields and their rules, shared by the account forms, the API and the CSV import (accounts.ts,
// import-accounts.ts).

export type AccountInput = {
  name: string;
  email: string;
  username: string;
  unitId: string;
  roles: string[];
  /** The person's HSA-id, checked by the caller (the CSV import); e-ID logins are matched by it. */
  hsaId?: string | null;
  /** The holder's identity number (account-eid.ts): only its keyed hash is kept. */
  identityNumber?: string | null;
};
export type AccountChange = Partial<Omit<AccountInput, 'username'>>;

/** A field's rule broken: where (the field) and why, in Swedish. Shared with the CSV import, row by row. */
export type Finding = FieldError;

export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the fields of an account on their own (no database); returns what is wrong. */
export function accountFieldFindings(input: Partial<AccountInput>, only?: (keyof AccountInput)[]): Finding[] {
  const check = (k: keyof AccountInput) => !only || only.includes(k);
  const found: Finding[] = [];
  if (check('name')) {
    const name = input.name?.trim() ?? '';
    if (name.length < 2 || name.length > 120)
      found.push({ path: 'name', message: 'Ange personens namn, 2–120 tecken' });
  }
  if (check('email')) {
    const email = input.email?.trim() ?? '';
    if (!emailPattern.test(email) || email.length > 200)
      found.push({ path: 'email', message: 'Ange en e-postadress, till exempel namn@kommun.se' });
  }
  if (check('username')) {
    const username = input.username?.trim().toLowerCase() ?? '';
    if (!usernamePattern.test(username))
      found.push({
        path: 'username',
        message: 'Användarnamnet ska ha 3–64 tecken: a–z, siffror, punkt, bindestreck eller understreck',
      });
  }
  if (check('roles')) {
    const given = input.roles ?? [];
    const unknown = given.filter((r) => !(roles as readonly string[]).includes(r));
    if (unknown.length)
      found.push({
        path: 'roles',
        message: `Rollen ${unknown.map((r) => `"${r}"`).join(', ')} finns inte. Roller: ${roleList()}`,
      });
    else if (given.length === 0) found.push({ path: 'roles', message: 'Välj minst en roll' });
  }
  if (check('hsaId') && input.hsaId && !hsaIdPattern.test(normaliseHsaId(input.hsaId)))
    found.push({ path: 'hsaId', message: 'Ange ett HSA-id som SE2321000016-1234, eller lämna fältet tomt' });
  if (check('identityNumber') && input.identityNumber?.trim() && !parseIdentityNumber(input.identityNumber))
    found.push({ path: 'identityNumber', message: identityNumberFieldMessage });
  return found;
}

export const roleList = () => roles.map((r) => `${r} (${roleLabel(r)})`).join(', ');

/** Usernames and e-mail addresses that are taken, among those given. */
export async function takenIdentifiers(tx: Db, usernames: string[], emails: string[]) {
  if (usernames.length === 0 && emails.length === 0)
    return { usernames: new Set<string>(), emails: new Set<string>() };
  const rows = await tx
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(
      or(
        usernames.length ? inArray(users.username, usernames) : undefined,
        emails.length ? inArray(users.email, emails) : undefined,
      ),
    );
  return {
    usernames: new Set(rows.map((r) => r.username)),
    emails: new Set(rows.flatMap((r) => (r.email ? [r.email] : []))),
  };
}

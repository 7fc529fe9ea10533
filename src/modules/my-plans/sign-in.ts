import type { Db } from '../../db/client.ts';
import { findSelf } from '../../platform/access/person-self.ts';
import { type EidProviders, EidRefused, redeemEidAnswer } from '../../platform/auth/oidc.ts';
import type { PersonEidProvider } from '../../platform/auth/person-eid.ts';
import { createPersonSession } from '../../platform/auth/person-sessions.ts';
import { parseIdentityNumber } from '../../platform/people/identity-number.ts';
import { unscopedPersonHasSip } from '../sip/index.ts';

// The person signs in to their own pages with BankID or Freja eID through a county's OpenID Connect provider
// (PERSON_OIDC_PROVIDERS, platform/auth/person-eid.ts): the same flow as staff e-ID (platform/auth/oidc.ts:
// PKCE, state, nonce, the ID token's signature, issuer, audience and expiry, a callback used once), with
// providers, callbacks and pending logins of their own. The identity number in the ID token finds the person; a
// person session is opened only for an adult with a SIP. Anyone else gets a plain page and nothing is stored
// about them.

export type SignInOutcome =
  | { kind: 'session'; token: string; next: string }
  /** No SIP about them (or no person with the number): a plain page; nothing stored. */
  | { kind: 'noPlan' }
  /** Under 18: a child's plan is shown to no one but staff (decision 0022); nothing stored. */
  | { kind: 'child' };

/**
 * Completes a sign-in from the provider's answer. Refusals of the answer itself (state, token) throw EidRefused,
 * as for staff; an identity number that is missing or not valid is refused too ('identity-number-missing').
 */
export async function completePersonSignIn(
  db: Db,
  providers: EidProviders<PersonEidProvider>,
  provider: PersonEidProvider,
  query: Record<string, string | undefined>,
  now: Date,
  tokenNow?: Date,
): Promise<SignInOutcome> {
  const { claims, next } = await redeemEidAnswer(db, providers, provider, query, now, tokenNow);
  const given = claims[provider.identityNumberClaim];
  // A number that is missing or not a valid personnummer or samordningsnummer is the provider's fault.
  if (typeof given !== 'string' || !parseIdentityNumber(given))
    throw new EidRefused('identity-number-missing');
  const found = await findSelf(db, given, now);
  if (found === null) return { kind: 'noPlan' };
  if ('child' in found) return { kind: 'child' };
  if (!(await unscopedPersonHasSip(db, found.personId))) return { kind: 'noPlan' };
  const session = await createPersonSession(db, found.personId, `eid:${provider.id}`, now);
  return { kind: 'session', token: session.token, next };
}

import type { PersonOidcProviderConfig } from '../../config.ts';
import { type EidAudience, EidProviders } from './oidc.ts';

// The person's own e-ID providers (issue 26): BankID or Freja eID through a county's OpenID Connect provider
// (PERSON_OIDC_PROVIDERS), for the person's pages under /mina-planer. The same flow as staff e-ID (oidc.ts), with
// providers, callbacks and pending logins of their own. buildApp makes them (the pages' content security policy
// names their issuers) and hands them to the person's pages (the my-plans module) through its AppSetup.

export type PersonEidProvider = PersonOidcProviderConfig & { demo?: boolean };

/** The person's providers never share a callback or a pending login with staff's, even under the same id. */
export const personAudience: EidAudience = {
  callbackPath: (id) => `/mina-planer/logga-in/${id}/klar`,
  afterLogoutPath: '/mina-planer/logga-in?utloggad=1',
  statePrefix: 'person:',
};

export const personEidProviders = (list: readonly PersonEidProvider[], publicUrl: string) =>
  new EidProviders<PersonEidProvider>(list, publicUrl, personAudience);

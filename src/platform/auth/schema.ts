import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../modules/organisations/schema.ts';

export const sessionKinds = ['web', 'api'] as const;

/** A login. The id is the SHA-256 of the token, so a leaked table does not leak usable tokens. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: sessionKinds }).notNull(),
    csrfSecret: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    // 'password' or 'eid:<provider id>': logging out of an e-ID session also ends the provider's session.
    loginMethod: text().notNull().default('password'),
  },
  (t) => [index().on(t.userId)],
);

/**
 * A login begun with an e-ID provider (oidc.ts): its state (only the SHA-256 kept), nonce and PKCE verifier,
 * until the provider sends the user back. The callback deletes the row as it reads it, so a state is used once
 * on every instance; a row is good for ten minutes.
 */
export const oidcLoginStates = pgTable(
  'oidc_login_states',
  {
    stateHash: text().primaryKey(),
    providerId: text().notNull(),
    nonce: text().notNull(),
    codeVerifier: text().notNull(),
    next: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.expiresAt)],
);

/**
 * Login attempts counted per key in a window (login-throttle.ts): a username at a client address, a client
 * address, a username. An attempt is counted before its password is checked and uncounted when it succeeds,
 * so `attempts` is the failures of the window plus the attempts still being checked. In the database, so
 * every instance counts the same attempts.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text().primaryKey(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull(),
  },
  (t) => [index().on(t.windowStartedAt)],
);

/**
 * The client addresses a user has logged in from (kept 30 days): while a username is closed to strangers
 * after many failures from many addresses, its own user's known addresses may still try.
 */
export const loginKnownClients = pgTable(
  'login_known_clients',
  {
    username: text().notNull(),
    client: text().notNull(),
    lastLoginAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.username, t.client] }), index().on(t.lastLoginAt)],
);

/** Secrets shared by every instance (e.g. the CSRF key), made once on first start. */
export const appSecrets = pgTable('app_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
});

export const passwordLinkPurposes = ['welcome', 'reset'] as const;

/**
 * A one-time link to choose a password: sent to a new account, or issued by an administrator as a reset.
 * The token in the link is made when its mail is sent (mail/deliver.ts) and only its SHA-256 is kept
 * (`tokenHash`, null until then), so neither this table nor the outbox can be used to take over an account.
 * Valid for 24 hours and once; a newer link for the same account ends the older ones.
 */
export const passwordLinks = pgTable(
  'password_links',
  {
    id: text().primaryKey(),
    tokenHash: text().unique(),
    userId: text()
      .notNull()
      .references(() => users.id),
    purpose: text({ enum: passwordLinkPurposes }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text().references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId)],
);

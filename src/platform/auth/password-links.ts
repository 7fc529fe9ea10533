import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { principals, units, users } from '../../modules/organisations/schema.ts';
import { conflict, unprocessable } from '../errors.ts';
import { recordEvent } from '../events/record-event.ts';
import { queueMail } from '../mail/outbox.ts';
import { hashPassword } from './password.ts';
import { passwordProblem } from './password-policy.ts';
import { passwordLinks } from './schema.ts';
import { endAllSessions } from './sessions.ts';

// A one-time link to choose a password (a new account's first, or a reset an administrator issues). The link
// goes out through the outbox, which holds it masked: its token is made only when the mail is sent, so that
// no administrator (who reads the outbox) ever sees it; the table keeps only the token's hash. Valid 24 hours,
// once.
export const passwordLinkValidMs = 24 * 60 * 60 * 1000;

declare module '../events/record-event.ts' {
  interface EventCatalogue {
    'account.passwordChosen': { userId: string; purpose: string };
    'account.passwordChanged': { userId: string };
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Stands for the token in the outbox's copy of the mail; the sender puts the token in its place. */
export const passwordLinkMask = '••••••••';

export type LinkAccount = {
  id: string;
  username: string;
  name: string;
  email: string | null;
  countyCode: string;
};

const messages = {
  welcome: {
    subject: 'Välj ditt lösenord till Sömlös',
    intro: (a: LinkAccount) =>
      `Hej ${a.name}!\n\nDu har fått ett konto i Sömlös. Ditt användarnamn är ${a.username}.\n\nVälj ditt lösenord här:`,
  },
  reset: {
    subject: 'Välj ett nytt lösenord till Sömlös',
    intro: (a: LinkAccount) =>
      `Hej ${a.name}!\n\nDin administratör har skickat en länk så att du kan välja ett nytt lösenord till ditt konto i Sömlös (användarnamn ${a.username}).\n\nVälj ditt nya lösenord här:`,
  },
};

/**
 * Makes a link for the account and puts the mail with it in the outbox, in the caller's transaction. Earlier
 * unused links of the account stop working. 422 when the account has no e-mail address to send it to.
 */
export async function issuePasswordLink(
  tx: Db,
  ctx: { now: Date; publicUrl: string; issuedBy: string | null },
  account: LinkAccount,
  purpose: 'welcome' | 'reset',
): Promise<{ expiresAt: Date; mailId: string }> {
  if (!account.email)
    throw unprocessable(
      'Kontot saknar e-postadress, så länken kan inte skickas. Lägg till en adress först.',
      [{ path: 'email', message: 'Ange en e-postadress för kontot' }],
    );
  await tx
    .update(passwordLinks)
    .set({ expiresAt: ctx.now })
    .where(
      and(
        eq(passwordLinks.userId, account.id),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, ctx.now),
      ),
    );
  const id = randomUUID();
  const expiresAt = new Date(ctx.now.getTime() + passwordLinkValidMs);
  await tx.insert(passwordLinks).values({
    id,
    userId: account.id,
    purpose,
    createdAt: ctx.now,
    createdBy: ctx.issuedBy,
    expiresAt,
  });
  const text = messages[purpose];
  const body = [
    text.intro(account),
    `${ctx.publicUrl}/losenord/${passwordLinkMask}`,
    '',
    'Länken gäller i 24 timmar och kan användas en gång. Har den gått ut kan din administratör skicka en ny.',
    'Om du inte väntade dig det här brevet kan du bortse från det.',
  ].join('\n');
  const mailId = await queueMail(tx, ctx.now, {
    countyCode: account.countyCode,
    toUserId: account.id,
    toAddress: account.email,
    subject: text.subject,
    body,
    passwordLinkId: id,
  });
  return { expiresAt, mailId };
}

/**
 * At sending: the mail's text with a new token in the link, and `keep` to store the token's hash once the mail
 * is sent. Null when the link can no longer be used (expired, ended by a newer one, used, the account
 * inactive, or already sent): such a mail is not sent. The mask is replaced at its last place, after the
 * greeting that holds the account's name.
 */
export async function passwordLinkForSending(
  tx: Db,
  mail: { body: string; passwordLinkId: string },
  now: Date,
) {
  const [link] = await tx
    .select({ id: passwordLinks.id })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(
      and(
        eq(passwordLinks.id, mail.passwordLinkId),
        isNull(passwordLinks.tokenHash),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, now),
        eq(users.active, true),
      ),
    );
  const masked = `/losenord/${passwordLinkMask}`;
  const at = mail.body.lastIndexOf(masked);
  if (!link || at < 0) return null;
  const token = randomBytes(32).toString('base64url');
  return {
    text: `${mail.body.slice(0, at)}/losenord/${token}${mail.body.slice(at + masked.length)}`,
    keep: () =>
      tx
        .update(passwordLinks)
        .set({ tokenHash: hashToken(token) })
        .where(eq(passwordLinks.id, link.id)),
  };
}

/** The account a link is for, while the link is unused, unexpired and the account active; null otherwise. */
export async function findPasswordLink(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({
      linkId: passwordLinks.id,
      purpose: passwordLinks.purpose,
      userId: users.id,
      username: users.username,
      name: users.name,
      countyCode: principals.countyCode,
    })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(
      and(
        eq(passwordLinks.tokenHash, hashToken(token)),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, now),
        eq(users.active, true),
      ),
    );
  return row ?? null;
}

/**
 * Sets the password chosen through a link, uses the link up and ends every session of the account (someone
 * who knew the old password is logged out). 409 when the link is used, expired or the account inactive; 422
 * when the password is too weak.
 */
export async function choosePasswordWithLink(db: Db, now: Date, token: string, password: string) {
  return inTransaction(db, async (tx) => {
    const link = await findPasswordLink(tx, token, now);
    if (!link) throw conflict('Länken har redan använts eller har gått ut. Be din administratör om en ny.');
    const problem = await passwordProblem(password, link);
    if (problem) throw unprocessable(problem, [{ path: 'password', message: problem }]);
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, link.userId));
    await tx.update(passwordLinks).set({ usedAt: now }).where(eq(passwordLinks.id, link.linkId));
    await endAllSessions(tx, link.userId, now);
    await recordEvent(
      tx,
      { now, user: null, countyCode: link.countyCode },
      'account.passwordChosen',
      { type: 'user', id: link.userId },
      { userId: link.userId, purpose: link.purpose },
    );
    return { username: link.username };
  });
}

import { and, eq, isNull, ne } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction.ts';
import { users } from '../../modules/organisations/schema.ts';
import { unprocessable } from '../errors.ts';
import { recordEvent } from '../events/record-event.ts';
import type { UserContext } from '../http/context.ts';
import { beginLoginAttempt, unknownClient } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password.ts';
import './password-links.ts';
import { passwordProblem } from './password-policy.ts';
import { sessions } from './schema.ts';

export type ChangePasswordInput = { currentPassword: string; newPassword: string };

/**
 * The user changes their own password: the current one first (a wrong one counts as a failed login, so a
 * left-open session cannot be used to guess it), then the rules for a new one. The user's other sessions end;
 * this one goes on.
 */
export async function changeOwnPassword(ctx: UserContext, input: ChangePasswordInput): Promise<void> {
  const attempt = await beginLoginAttempt(
    ctx.db,
    ctx.user.username,
    ctx.clientAddress ?? unknownClient,
    ctx.now,
    'För många felaktiga lösenord.',
  );
  const [row] = await ctx.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, ctx.user.id));
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw unprocessable('Det nuvarande lösenordet stämmer inte.', [
      { path: 'currentPassword', message: 'Det nuvarande lösenordet stämmer inte' },
    ]);
  }
  await attempt.succeeded();
  const problem = await passwordProblem(input.newPassword, ctx.user);
  if (problem) throw unprocessable(problem, [{ path: 'newPassword', message: problem }]);
  if (input.newPassword === input.currentPassword)
    throw unprocessable('Det nya lösenordet är samma som det nuvarande.', [
      { path: 'newPassword', message: 'Välj ett lösenord som skiljer sig från det nuvarande' },
    ]);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx.db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, ctx.user.id));
    const current = ctx.session?.id ?? '';
    await tx
      .update(sessions)
      .set({ endedAt: ctx.now })
      .where(and(eq(sessions.userId, ctx.user.id), isNull(sessions.endedAt), ne(sessions.id, current)));
    await recordEvent(
      tx,
      ctx,
      'account.passwordChanged',
      { type: 'user', id: ctx.user.id },
      { userId: ctx.user.id },
    );
  });
}

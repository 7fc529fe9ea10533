import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { passwordLinkForSending } from '../auth/password-links.ts';
import type { Clock } from '../clock.ts';
import { every } from '../jobs/scheduler.ts';
import { outbox } from './schema.ts';

// After this many failed attempts a message stays in the outbox, unsent, for an administrator to see.
export const maxAttempts = 5;
const batchSize = 20;
export const senderAddress = 'Sömlös <noreply@somlos.se>';
const deadLinkError =
  'Inte skickat: länken har gått ut, ersatts av en nyare eller kontot är inaktiverat. Skicka en ny länk.';

/** A mail transport for SMTP_URL (smtp://user:pass@host:587, or smtps:// for TLS from the start). */
export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url);
}

/**
 * Sends what waits in the outbox. Each message is claimed with FOR UPDATE SKIP LOCKED and marked in the same
 * transaction, so two instances never send the same message; a failure is counted and tried again next round.
 * Returns how many were sent.
 */
export async function deliverOutbox(db: Db, transport: Transporter, now: Date): Promise<number> {
  let sent = 0;
  for (;;) {
    const before = sent;
    const batch = await inTransaction(db, async (tx) => {
      const waiting = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.sentAt), lt(outbox.attempts, maxAttempts)))
        .orderBy(asc(outbox.createdAt))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const m of waiting) {
        try {
          // A password link's token exists only from here on, in the mail that goes out (never in the outbox).
          const link = m.passwordLinkId
            ? await passwordLinkForSending(tx, { body: m.body, passwordLinkId: m.passwordLinkId }, now)
            : undefined;
          if (link === null) {
            await tx
              .update(outbox)
              .set({ attempts: maxAttempts, lastError: deadLinkError })
              .where(eq(outbox.id, m.id));
            continue;
          }
          await transport.sendMail({
            from: senderAddress,
            to: m.toAddress,
            subject: m.subject,
            text: link?.text ?? m.body,
          });
          await link?.keep();
          await tx
            .update(outbox)
            .set({ sentAt: now, attempts: m.attempts + 1 })
            .where(eq(outbox.id, m.id));
          sent++;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await tx
            .update(outbox)
            .set({ attempts: m.attempts + 1, lastError: message.slice(0, 500) })
            .where(eq(outbox.id, m.id));
        }
      }
      return waiting.length;
    });
    // A failing server fails the whole batch: stop, and try again next round rather than use up the attempts now.
    if (batch < batchSize || sent === before) return sent;
  }
}

/** Delivers the outbox every interval on the clock (the real one in production), beside the scheduled jobs. */
export function startMailer(
  db: Db,
  transport: Transporter,
  log: FastifyBaseLogger,
  intervalMs: number,
  clock: Clock,
) {
  return every(intervalMs, log, 'mail delivery', async () => {
    const sent = await deliverOutbox(db, transport, clock());
    if (sent > 0) log.info({ sent }, 'mail sent');
  });
}

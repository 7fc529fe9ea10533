import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { passwordLinkForSending } from '../auth/password-links.ts';
import type { Clock } from '../clock.ts';
import { every } from '../jobs/scheduler.ts';
import { publicUrlMark } from './outbox.ts';
import { outbox } from './schema.ts';

// After this many attempts refused for a while (4xx, no connection) a message is given up and shown to the
// county's administrators as not sent; with the pauses below that is about a day and a half of trying.
export const maxAttempts = 8;
const batchSize = 20;
export const senderAddress = 'Sömlös <noreply@somlos.se>';
const deadLinkError =
  'Inte skickat: länken har gått ut, ersatts av en nyare eller kontot är inaktiverat. Skicka en ny länk.';

/** The pause after the nth failed attempt: 5 minutes, then three times longer each time, at most 12 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5 * 3 ** Math.max(0, attempts - 1), 12 * 60) * 60_000;
}

/**
 * Whether a refusal is for good: the server refused the sender, a recipient or the message with a 5xx reply (or
 * the address cannot be sent to at all). A 4xx reply, no connection, a timeout or a login the server refused
 * (the operator's setting, not the message's) are tried again.
 */
export function isPermanentFailure(err: unknown): boolean {
  const { code, responseCode } = (err ?? {}) as { code?: unknown; responseCode?: unknown };
  if (code !== 'EENVELOPE' && code !== 'EMESSAGE') return false;
  return typeof responseCode !== 'number' || (responseCode >= 500 && responseCode < 600);
}

// A calendar file's lines are folded at 75 octets (RFC 5545 3.1), which may split the address's mark: it is put
// in on the unfolded lines, which are then folded again.
const lineBreak = '\r\n';
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
function refold(text: string): string {
  return text
    .split(lineBreak)
    .map((line) => {
      const parts: string[] = [];
      let part = '';
      let octets = 0;
      for (const ch of line) {
        const size = Buffer.byteLength(ch);
        if (octets + size > 75) {
          parts.push(part);
          part = ' ';
          octets = 1;
        }
        part += ch;
        octets += size;
      }
      return [...parts, part].join(lineBreak);
    })
    .join(lineBreak);
}

/** A mail transport for SMTP_URL (smtp://user:pass@host:587, or smtps:// for TLS from the start). */
export function smtpTransport(url: string): Transporter {
  return nodemailer.createTransport(url);
}

export type DeliveryOptions = { publicUrl: string };

/**
 * Sends what waits in the outbox and is due. Each message is claimed with FOR UPDATE SKIP LOCKED and marked in
 * the same transaction, so two instances never send the same message; a temporary refusal is tried again after
 * a pause (retryDelayMs), a permanent one or the last attempt marks the message failed. The mail's links get
 * `publicUrl` in place of publicUrlMark. Returns how many were sent.
 */
export async function deliverOutbox(
  db: Db,
  transport: Transporter,
  now: Date,
  options: DeliveryOptions,
): Promise<number> {
  let sent = 0;
  const withUrl = (text: string) => text.replaceAll(publicUrlMark, options.publicUrl);
  for (;;) {
    const before = sent;
    const batch = await inTransaction(db, async (tx) => {
      const waiting = await tx
        .select()
        .from(outbox)
        .where(
          and(
            isNull(outbox.sentAt),
            isNull(outbox.failedAt),
            or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(outbox.createdAt), asc(outbox.id))
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
              .set({ attempts: m.attempts + 1, lastError: deadLinkError, failedAt: now })
              .where(eq(outbox.id, m.id));
            continue;
          }
          await transport.sendMail(mailToSend(m, now, link?.text ?? m.body, withUrl));
          await link?.keep();
          await tx
            .update(outbox)
            .set({ sentAt: now, attempts: m.attempts + 1, nextAttemptAt: null })
            .where(eq(outbox.id, m.id));
          sent++;
        } catch (err) {
          const attempts = m.attempts + 1;
          const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
          const givenUp = isPermanentFailure(err) || attempts >= maxAttempts;
          await tx
            .update(outbox)
            .set({
              attempts,
              lastError: message,
              nextAttemptAt: givenUp ? null : new Date(now.getTime() + retryDelayMs(attempts)),
              failedAt: givenUp ? now : null,
            })
            .where(eq(outbox.id, m.id));
        }
      }
      return waiting.length;
    });
    // A failing server fails the whole batch: stop, and try again next round rather than use up the attempts now.
    if (batch < batchSize || sent === before) return sent;
  }
}

/** The message as it goes out: the password link's text filled in, and `publicUrl` in every link. */
function mailToSend(
  m: typeof outbox.$inferSelect,
  now: Date,
  text: string,
  withUrl: (text: string) => string,
) {
  return {
    from: senderAddress,
    to: m.toAddress,
    date: now,
    subject: m.subject,
    text: withUrl(text),
    ...(m.html === null ? {} : { html: withUrl(m.html) }),
    headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, withUrl(v)])),
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.contentType.startsWith('text/calendar')
        ? refold(withUrl(unfold(a.content)))
        : withUrl(a.content),
    })),
    ...(m.messageId ? { messageId: m.messageId } : {}),
  };
}

/** Delivers the outbox every interval on the clock (the real one in production), beside the scheduled jobs. */
export function startMailer(
  db: Db,
  transport: Transporter,
  log: FastifyBaseLogger,
  intervalMs: number,
  clock: Clock,
  options: DeliveryOptions,
) {
  return every(intervalMs, log, 'mail delivery', async () => {
    const sent = await deliverOutbox(db, transport, clock(), options);
    if (sent > 0) log.info({ sent }, 'mail sent');
  });
}

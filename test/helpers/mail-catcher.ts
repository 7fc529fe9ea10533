import assert from 'node:assert/strict';
import type { Transporter } from 'nodemailer';
import type { Db } from '../../src/db/client.ts';
import { deliverOutbox } from '../../src/platform/mail/deliver.ts';

// The outbox sent as the mail job sends it, to a transport that keeps every message: a password link exists
// only in the mail that goes out, so tests read it there (test/mail.test.ts does the same over real SMTP).

export type CaughtMail = { to: string; subject: string; text: string };

export function mailCatcher(db: () => Db) {
  const sent: CaughtMail[] = [];
  const transport = {
    sendMail: async (m: { to: string; subject: string; text: string }) => {
      sent.push({ to: m.to, subject: m.subject, text: m.text });
    },
  } as unknown as Transporter;
  const deliver = async (now: string | Date) => {
    await deliverOutbox(db(), transport, new Date(now), { publicUrl: 'http://somlos.test' });
    return sent;
  };
  return {
    sent,
    deliver,
    /** The token of the newest password link sent to this address, after sending what waits. */
    async linkFor(email: string, now: string | Date): Promise<string> {
      await deliver(now);
      const mail = sent.findLast((m) => m.to === email);
      assert.ok(mail, `a mail to ${email}`);
      const token = mail.text.match(/\/losenord\/([A-Za-z0-9_-]+)/)?.[1];
      assert.ok(token, 'the mail holds a link');
      return token;
    },
  };
}

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemoData } from '../src/demo/load-demo.ts';
import { deliverOutbox, maxAttempts, retryDelayMs, smtpTransport } from '../src/platform/mail/deliver.ts';
import { queueMail } from '../src/platform/mail/outbox.ts';
import { outbox } from '../src/platform/mail/schema.ts';
import { freshDatabase, type TestDatabase } from './helpers/database.ts';
import { smtpServer } from './helpers/smtp.ts';

// The outbox is sent through a real SMTP server (smtp-server, in this process): each message exactly once,
// even with two instances delivering at the same time; a failing server leaves the message for the next round.

describe('mail from the outbox', () => {
  let database: TestDatabase;
  before(async () => {
    database = await freshDatabase();
    await database.migrate();
    await loadDemoData(database.db);
  });
  after(() => database.close());

  const options = { publicUrl: 'https://somlos.example' };
  const queue = (n: number, now: Date) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        queueMail(database.db, now, {
          countyCode: '17',
          toUserId: null,
          toAddress: `mottagare${i}@example.se`,
          subject: 'Välj ditt lösenord till Sömlös',
          body: `Hej!\n\nLänk nummer ${i}: åäö`,
        }),
      ),
    );

  test('each message is sent once, even when two instances deliver at the same time', async () => {
    const smtp = await smtpServer();
    try {
      await database.db.delete(outbox); // only this test's messages, whatever another test left unsent
      const now = new Date('2026-12-01T08:00:00Z');
      await queue(45, now);
      const other = await database.secondInstance();
      const sent = await Promise.all([
        deliverOutbox(database.db, smtpTransport(smtp.url), now, options),
        deliverOutbox(other.db, smtpTransport(smtp.url), now, options),
      ]);
      assert.equal(sent[0]! + sent[1]!, 45);
      assert.equal(smtp.received.length, 45, 'the server got each message once');
      assert.equal(new Set(smtp.received.flatMap((r) => r.to)).size, 45);
      const first = smtp.received[0]!.data;
      assert.match(first, /^Subject: =\?UTF-8\?Q\?V=C3=A4lj_ditt_l=C3=B6senord/m, 'the subject in UTF-8');
      assert.match(first, /charset=utf-8/);
      assert.match(first, /L=C3=A4nk nummer \d+: =C3=A5=C3=A4=C3=B6/, 'å, ä and ö in the body');
      const rows = await database.db.select().from(outbox);
      assert.ok(rows.every((r) => r.sentAt !== null && r.attempts === 1));
      assert.equal(
        await deliverOutbox(database.db, smtpTransport(smtp.url), now, options),
        0,
        'nothing twice',
      );
      const ids = smtp.received.map((r) => /^Message-ID: (.*)$/m.exec(r.data)?.[1]?.trim());
      assert.deepEqual(
        ids.sort(),
        rows.map((r) => r.messageId).sort(),
        'each mail went with its row’s Message-ID',
      );
    } finally {
      await smtp.close();
    }
  });

  test('a message refused for good (5xx) is given up at once, and shown as not sent', async () => {
    const smtp = await smtpServer({ refuse: 'permanent' });
    try {
      await database.db.delete(outbox);
      const now = new Date('2026-12-02T08:00:00Z');
      await queue(1, now);
      assert.equal(await deliverOutbox(database.db, smtpTransport(smtp.url), now, options), 0);
      const later = new Date(now.getTime() + 2 * 24 * 3600_000);
      assert.equal(await deliverOutbox(database.db, smtpTransport(smtp.url), later, options), 0);
      const [row] = await database.db.select().from(outbox);
      assert.equal(row!.sentAt, null);
      assert.equal(row!.attempts, 1, 'not tried again');
      assert.deepEqual(row!.failedAt, now);
      assert.match(row!.lastError ?? '', /mailbox unavailable/);
    } finally {
      await smtp.close();
    }
  });

  test('a message refused for now (4xx) is tried again after a growing pause, and sent when the server takes it', async () => {
    const smtp = await smtpServer({ refuse: 'temporary' });
    try {
      await database.db.delete(outbox);
      let now = new Date('2026-12-03T08:00:00Z');
      await queue(3, now);
      const round = () => deliverOutbox(database.db, smtpTransport(smtp.url), now, options);
      assert.equal(await round(), 0);
      assert.equal(smtp.refusedCount(), 3);
      assert.equal(await round(), 0, 'not again before the pause');
      assert.equal(smtp.refusedCount(), 3);
      for (let attempt = 1; attempt < 4; attempt++) {
        now = new Date(now.getTime() + retryDelayMs(attempt));
        assert.equal(await round(), 0);
      }
      const waiting = await database.db.select().from(outbox);
      assert.ok(waiting.every((r) => r.attempts === 4 && r.failedAt === null && r.nextAttemptAt! > now));
      assert.match(waiting[0]!.lastError ?? '', /try again later/);
      smtp.refuse(null);
      now = new Date(now.getTime() + retryDelayMs(4));
      assert.equal(await round(), 3, 'all three once the server takes them');
      assert.equal(smtp.received.length, 3);
    } finally {
      await smtp.close();
    }
  });

  test('refused for now too many times, a message is given up', async () => {
    const smtp = await smtpServer({ refuse: 'temporary' });
    try {
      await database.db.delete(outbox);
      let now = new Date('2026-12-04T08:00:00Z');
      await queue(1, now);
      for (let attempt = 1; attempt <= maxAttempts + 2; attempt++) {
        assert.equal(await deliverOutbox(database.db, smtpTransport(smtp.url), now, options), 0);
        now = new Date(now.getTime() + retryDelayMs(attempt));
      }
      const [row] = await database.db.select().from(outbox);
      assert.equal(row!.attempts, maxAttempts, 'given up after the limit');
      assert.ok(row!.failedAt, 'shown as not sent');
    } finally {
      await smtp.close();
    }
  });
});

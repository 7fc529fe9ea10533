import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, isNotNull } from 'drizzle-orm';
import { events } from '../../src/platform/events/schema.ts';
import { deliverOutbox, smtpTransport } from '../../src/platform/mail/deliver.ts';
import { queueMail } from '../../src/platform/mail/outbox.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { NOW, world } from '../helpers/sip-world.ts';
import { smtpServer } from '../helpers/smtp.ts';

// Issue 23, items 4 and 6: the county administrator's outbox shows each message as its recipient sees it, tells
// what the mail server refused for good, and sends such a message again once the problem is fixed.

describe('the outbox for the county administrator', () => {
  let s: TestServer;
  let admin: Browser;
  let failed: (typeof outbox.$inferSelect)[];
  before(async () => {
    s = await startTestServer();
    const w = await world(s);
    const sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
    const smtp = await smtpServer({ refuse: 'permanent' });
    try {
      await deliverOutbox(s.database.db, smtpTransport(smtp.url), new Date(NOW), { publicUrl: s.url });
    } finally {
      await smtp.close();
    }
    failed = await s.database.db.select().from(outbox).where(isNotNull(outbox.failedAt));
    admin = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'admin.varmland');
  });
  after(() => s?.close());

  test('what could not be sent is counted, and listed on its own', async () => {
    assert.equal(failed.length, 2, 'the invitation to the unit’s two accounts');
    const home = await admin.request('GET', '/administration');
    assert.match(
      home.text,
      /2 brev kunde inte skickas\. <a class="govuk-link" href="\/administration\/utkorg\?visa=ej-skickade">/,
    );
    const page = await admin.request('GET', '/administration/utkorg');
    assert.match(page.text, /2 brev kunde inte skickas/);
    const only = await admin.request('GET', '/administration/utkorg?visa=ej-skickade');
    assert.equal((only.text.match(/Kunde inte skickas<\/strong>/g) ?? []).length, 2);
    assert.match(only.text, /Senaste felet: [^<]*550 mailbox unavailable/);
  });

  test('a message as its recipient sees it: headers, text, the HTML part in a locked frame, the calendar file', async () => {
    const [m] = failed;
    const page = await admin.request('GET', `/administration/utkorg/${m!.id}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(m!.messageId!.replace('<', '&lt;').replace('>', '&gt;')), 'its Message-ID');
    assert.match(page.text, /List-Unsubscribe-Post/);
    // Links start where users reach Sömlös (PUBLIC_URL); the recipient's own key is masked.
    assert.match(page.text, /http:\/\/127\.0\.0\.1:3000\/avregistrera\/••••••••/);
    assert.doesNotMatch(page.text, /\{\{PUBLIC_URL\}\}/);
    assert.match(
      page.text,
      /<iframe class="app-mail-frame" src="\/administration\/utkorg\/[\w-]+\/brev\.html"/,
    );
    assert.match(page.text, /sip-mote\.ics \(text\/calendar; charset=utf-8\)/);
    const html = await admin.request('GET', `/administration/utkorg/${m!.id}/brev.html`);
    assert.equal(html.status, 200);
    const csp = html.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /sandbox/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.equal(html.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(html.text, /^<!DOCTYPE html>/);
    assert.match(html.text, /href="http:\/\/127\.0\.0\.1:3000\/kallelser\/[\w-]+\?sip=/);
    assert.doesNotMatch(html.text, /\/avregistrera\/[A-Za-z0-9_-]{20}/, 'no live unsubscribe key');
  });

  test('another county’s administrator does not find the message', async () => {
    const other = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'admin.orebro');
    for (const path of [
      `/administration/utkorg/${failed[0]!.id}`,
      `/administration/utkorg/${failed[0]!.id}/brev.html`,
    ])
      assert.equal((await other.request('GET', path)).status, 404, path);
  });

  test('sent again: it waits for the next round, the change is logged, and it goes when the server takes it', async () => {
    // A message of its own that the server refuses for good, so the count of failures stays the other test's.
    const id = await queueMail(s.database.db, new Date(NOW), {
      countyCode: '17',
      toUserId: null,
      toAddress: 'igen@karlstad.se',
      subject: 'Ett brev att skicka igen',
      body: 'Hej!',
    });
    const refusing = await smtpServer({ refuse: 'permanent' });
    try {
      await deliverOutbox(s.database.db, smtpTransport(refusing.url), new Date(NOW), { publicUrl: s.url });
    } finally {
      await refusing.close();
    }
    const [m] = await s.database.db.select().from(outbox).where(eq(outbox.id, id));
    assert.ok(m!.failedAt, 'refused for good');
    const path = `/administration/utkorg/${m!.id}`;
    const res = await admin.submit(path, `${path}/skicka-igen`, {});
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `${path}?klart=skickas-igen`);
    const [row] = await s.database.db.select().from(outbox).where(eq(outbox.id, m!.id));
    assert.equal(row!.failedAt, null);
    assert.equal(row!.attempts, 0);
    const again = await admin.submit(path, `${path}/skicka-igen`, {});
    assert.equal(again.status, 409, 'not twice');
    const logged = await s.database.db.select().from(events).where(eq(events.type, 'admin.mailRetried'));
    assert.equal(logged.length, 1);
    const smtp = await smtpServer();
    try {
      assert.equal(
        await deliverOutbox(s.database.db, smtpTransport(smtp.url), new Date(NOW), { publicUrl: s.url }),
        1,
      );
      assert.deepEqual(smtp.received[0]!.to, [m!.toAddress]);
    } finally {
      await smtp.close();
    }
  });
});

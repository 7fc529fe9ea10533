import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { passwordLinks } from '../../src/platform/auth/schema.ts';
import { deliverOutbox, smtpTransport } from '../../src/platform/mail/deliver.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { type AdminWorld, adminWorld, type Json, NOW } from '../helpers/admin-world.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { bodyText, smtpServer } from '../helpers/smtp.ts';

// Issue 20 item 3: a password link an administrator orders was readable in the outbox, so the administrator
// could take over the account. The outbox holds the link masked; the token is made when the mail is sent,
// goes only to the mail server, and only its hash is stored. The link in the delivered mail still works.

const later = (minutes: number) => new Date(new Date(NOW).getTime() + minutes * 60_000).toISOString();
const strong = 'Granskog vid Klarälven 7';
const liveLink = /\/losenord\/[A-Za-z0-9_-]{20,}/;

describe('API: password links never in the outbox or the administration', () => {
  let s: TestServer;
  let w: AdminWorld;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  before(async () => {
    s = await startTestServer();
    w = adminWorld(s);
    smtp = await smtpServer();
  });
  after(async () => {
    await smtp.close();
    await s.close();
  });

  /** Every answer an administrator can get about accounts, mail and the log, as text: API and pages. */
  async function whatTheAdministratorSees(accountIds: string[], answers: string[]) {
    const seen = [...answers];
    for (const path of [
      '/api/admin/outbox',
      '/api/admin/log',
      '/api/admin/accounts',
      ...accountIds.map((id) => `/api/admin/accounts/${id}`),
    ]) {
      const res = await w.admin('GET', path);
      assert.equal(res.status, 200, path);
      seen.push(res.text);
    }
    const admin = new Browser(s.url, {}, { now: later(5) });
    await admin.logIn('admin.varmland');
    for (const path of [
      '/administration',
      '/administration/utkorg',
      '/administration/logg',
      '/administration/konton',
      ...accountIds.map((id) => `/administration/konton/${id}?klart=lank`),
    ]) {
      const page = await admin.request('GET', path);
      assert.equal(page.status, 200, path);
      seen.push(page.text);
    }
    return seen.join('\n');
  }

  /** Every row of every table in the database, as text. */
  async function everyTable() {
    const tables = (await s.database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    )) as unknown as { rows: { table_name: string }[] };
    assert.ok(tables.rows.length > 20, 'the tables are found');
    const texts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = (await s.database.db.execute(
        sql`select t::text as row from ${sql.identifier(table_name)} t`,
      )) as unknown as { rows: { row: string }[] };
      texts.push(...rows.rows.map((r) => r.row));
    }
    return texts.join('\n');
  }

  test('a new account’s and a reset’s links: masked in the outbox, in the sent mail only, stored as hashes', async () => {
    const arvika = await w.unitId('municipality-1784', 'Socialtjänst vuxen, Arvika');
    const created = await w.admin('POST', '/api/admin/accounts', {
      name: 'Märta Åberg',
      email: 'marta.aberg@arvika.se',
      username: 'marta.aberg',
      unitId: arvika,
      roles: ['staff'],
    });
    assert.equal(created.status, 201, created.text);
    const target = await w.user('soc.karlstad');
    const reset = await w.admin('POST', `/api/admin/accounts/${target.id}/password-reset`, {});
    assert.equal(reset.status, 202, reset.text);
    // The web form's button, too: a redirect and a banner, never the link.
    const admin = new Browser(s.url, {}, { now: NOW });
    await admin.logIn('admin.varmland');
    const account = `/administration/konton/${target.id}`;
    const button = await admin.submit(account, `${account}/losenordslank`, {});
    assert.equal(button.status, 303);

    // Waiting in the outbox: each mail says where the link goes, masked.
    const box = w.ok(await w.admin('GET', '/api/admin/outbox'), 200, 'outbox');
    const links = box.filter((m: Json) => /losenord/.test(m.body));
    const ours = ['marta.aberg@arvika.se', 'soc.karlstad@demo.invalid'];
    assert.equal(links.filter((m: Json) => ours.includes(m.toAddress)).length, 3, 'a welcome and two resets');
    for (const m of links) {
      assert.doesNotMatch(m.body, liveLink);
      assert.match(m.body, /\/losenord\/••••••••/);
    }

    // Sent through a real SMTP server: the token is in the mail, and nowhere else.
    const sent = await deliverOutbox(s.database.db, smtpTransport(smtp.url), new Date(later(1)), {
      publicUrl: s.url,
    });
    assert.equal(sent, 2, 'the first reset was ended by the second, so only the newest goes');
    const tokenTo = (address: string) => {
      const mail = smtp.received.find((r) => r.to.includes(address));
      assert.ok(mail, `a mail to ${address}`);
      const token = bodyText(mail.data).match(/\/losenord\/([A-Za-z0-9_-]{20,})/)?.[1];
      assert.ok(token, `a link in the mail to ${address}`);
      return token;
    };
    const tokens = [tokenTo('marta.aberg@arvika.se'), tokenTo('soc.karlstad@demo.invalid')];
    const unsent = (await s.database.db.select().from(outbox)).filter(
      (m) => m.toUserId === target.id && !m.sentAt,
    );
    assert.equal(unsent.length, 1, 'the ended link’s mail is not sent');
    assert.match(unsent[0]!.lastError ?? '', /Skicka en ny länk/);

    const seen = await whatTheAdministratorSees(
      [created.body.id, target.id],
      [created.text, reset.text, button.text, button.headers.get('location') ?? ''],
    );
    const stored = await everyTable();
    for (const token of tokens) {
      assert.ok(!seen.includes(token), 'no administrator answer or page holds the token');
      assert.ok(!stored.includes(token), 'no table holds the token');
      const hash = createHash('sha256').update(token).digest('hex');
      const [link] = await s.database.db
        .select()
        .from(passwordLinks)
        .where(eq(passwordLinks.tokenHash, hash));
      assert.ok(link, 'its hash is stored');
    }
    assert.doesNotMatch(seen, liveLink, 'no live link of any kind is shown');

    // Sending again sends nothing: a link's token is made once.
    assert.equal(
      await deliverOutbox(s.database.db, smtpTransport(smtp.url), new Date(later(2)), { publicUrl: s.url }),
      0,
    );

    // The links in the delivered mails work: a page to choose the password, the password, a login.
    const visitor = new Browser(s.url, {}, { now: later(3) });
    const page = await visitor.request('GET', `/losenord/${tokens[1]}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /soc\.karlstad/);
    for (const [username, token] of [
      ['marta.aberg', tokens[0]],
      ['soc.karlstad', tokens[1]],
    ] as const) {
      const chose = await s.api('POST', `/api/password-links/${token}`, {
        body: { password: strong },
        now: later(3),
      });
      assert.equal(chose.status, 204, chose.text);
      const login = await s.api('POST', '/api/session', {
        body: { username, password: strong },
        now: later(3),
      });
      assert.equal(login.status, 200, `${username}: ${login.text}`);
    }
  });

  test('a link past its 24 hours when the mail server comes back is not sent', async () => {
    const target = await w.user('soc.arvika');
    w.ok(await w.admin('POST', `/api/admin/accounts/${target.id}/password-reset`, {}), 202, 'reset');
    const before = smtp.received.length;
    assert.equal(
      await deliverOutbox(s.database.db, smtpTransport(smtp.url), new Date(later(24 * 60)), {
        publicUrl: s.url,
      }),
      0,
    );
    assert.equal(smtp.received.length, before);
    const [mail] = (await s.database.db.select().from(outbox).where(eq(outbox.toUserId, target.id))).filter(
      (m) => !m.sentAt,
    );
    assert.match(mail!.lastError ?? '', /gått ut/);
  });
});

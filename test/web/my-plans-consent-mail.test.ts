import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { notifications } from '../../src/modules/notifications/schema.ts';
import { users } from '../../src/modules/organisations/schema.ts';
import '../../src/jobs.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { testTarget } from '../helpers/database.ts';
import { arvika, type MyPlansWorld, ok, openMyPlansWorld, withdraw } from '../helpers/my-plans-world.ts';
import { personBrowser } from '../helpers/person.ts';
import type { TestServer } from '../helpers/server.ts';
import { type Json, NOW, type World } from '../helpers/sip-world.ts';

// Issue 26 item 3 with issue 23: when the person changes their consent themself, the convening unit is told in
// "Mitt arbete" and, like every other notice there, by e-mail: through the outbox, to the unit's functional
// mailbox and its staff and managers as each chose, with what changed and the link to the SIP behind login, and
// never the person's name or identity number. No other unit gets it. (The browser suite reads the same mail as
// delivered over SMTP: test/e2e/my-plans.spec.ts.)

const kind = 'sip.consentChangedByPerson';

describe(`Mina planer: the consent changed by the person, by e-mail (${testTarget})`, () => {
  let m: MyPlansWorld;
  let s: TestServer;
  let w: World;
  before(async () => {
    m = await openMyPlansWorld();
    ({ s, w } = m);
  });
  after(() => s.close());

  /** The mails of the notices of this SIP's consent changes, with the unit of each addressee. */
  async function consentMails(sip: Json) {
    const db = s.database.db;
    const told = await db.select().from(notifications).where(eq(notifications.kind, kind));
    const ids = told.filter((n) => n.path === `/sip/${sip.id}`).map((n) => n.id);
    if (ids.length === 0) return [];
    const mails = await db.select().from(outbox).where(inArray(outbox.notificationId, ids));
    const accounts = await db.select({ id: users.id, unitId: users.unitId }).from(users);
    const unitOf = new Map(accounts.map((u) => [u.id, u.unitId]));
    return mails.map((mail) => ({ ...mail, unitId: mail.toUserId ? unitOf.get(mail.toUserId) : null }));
  }

  /** Everything a mail shows a reader: its subject, both parts, headers and attachments. */
  const readable = (mail: Awaited<ReturnType<typeof consentMails>>[number]) =>
    [
      mail.subject,
      mail.body,
      mail.html ?? '',
      JSON.stringify(mail.headers),
      JSON.stringify(mail.attachments),
    ].join('\n');

  /** The person in every form a reader would know them by. */
  const markers = (person: { personalIdentityNumber: string; name: string }) => {
    const pin = person.personalIdentityNumber;
    return [
      person.name,
      ...person.name.split(' '),
      pin,
      pin.replace('-', ''),
      pin.slice(2),
      pin.slice(2).replace('-', ''),
    ];
  };

  test('withdrawn for one principal: a mail to the convening unit’s staff with what changed and the link, no name or identity number', async () => {
    const person = { personalIdentityNumber: '19800101-2387', name: 'Qvintus Qvarn' };
    const sip = await m.annasPlan(person);
    assert.deepEqual(await consentMails(sip), [], 'no mail before the change');
    ok(await withdraw(await personBrowser(s, person.personalIdentityNumber, NOW), sip, arvika), 303);
    const mails = await consentMails(sip);
    assert.ok(mails.length > 0, 'mailed');
    const convening = w.unit('psykiatri.karlstad');
    // The convening unit's accounts (or its functional mailbox), and no one of another unit.
    for (const mail of mails)
      assert.ok(mail.unitId === convening || mail.toUserId === null, `${mail.toAddress}: ${mail.unitId}`);
    assert.ok(
      mails.some((mail) => mail.toAddress === 'psykiatri.karlstad@demo.invalid'),
      mails.map((x) => x.toAddress).join(', '),
    );
    for (const mail of mails) {
      assert.equal(mail.subject, 'En person har själv ändrat sitt samtycke till en SIP');
      assert.equal(mail.category, 'sip');
      assert.match(mail.body, new RegExp(`\\{\\{PUBLIC_URL\\}\\}/sip/${sip.id}`));
      assert.match(mail.body, /En person har tagit tillbaka sitt samtycke för en huvudman/);
      assert.match(mail.body, /Arvika kommun/);
      assert.ok(mail.headers['List-Unsubscribe'], 'an unsubscribe link');
      const leaks = markers(person).filter((x) => readable(mail).includes(x));
      assert.deepEqual(leaks, [], `${mail.toAddress} names the person`);
    }
    // Sent once: the same change does not mail again, and the notice in Mitt arbete is the one mailed.
    assert.equal(new Set(mails.map((x) => x.toAddress)).size, mails.length);
  });

  test('withdrawn for all, and relatives refused: each mails the convening unit; a choice that changes nothing mails no one', async () => {
    const person = { personalIdentityNumber: '19800202-2385', name: 'Rasmus Rask' };
    const sip = await m.annasPlan(person);
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    const relatives = async (narstaende: 'ja' | 'nej') => {
      const form = ok(await browser.request('GET', `/mina-planer/${sip.id}/samtycke/narstaende`)).text;
      return browser.request('POST', `/mina-planer/${sip.id}/samtycke/narstaende`, {
        _csrf: Browser.csrf(form),
        narstaende,
      });
    };
    ok(await relatives('nej'), 303);
    const afterRefusal = await consentMails(sip);
    assert.ok(afterRefusal.length > 0);
    assert.ok(
      afterRefusal.every((x) => /En person har tagit bort sina närståendes rätt att vara med/.test(x.body)),
    );
    ok(await relatives('nej'), 303);
    assert.equal((await consentMails(sip)).length, afterRefusal.length, 'the same choice again mails no one');
    ok(await withdraw(browser, sip, 'alla'), 303);
    const all = await consentMails(sip);
    const whole = all.filter((x) => /tagit tillbaka hela sitt samtycke/.test(x.body));
    assert.ok(whole.length > 0, 'the whole consent withdrawn is mailed');
    for (const mail of all)
      assert.deepEqual(
        markers(person).filter((x) => readable(mail).includes(x)),
        [],
        `${mail.toAddress} names the person`,
      );
  });
});

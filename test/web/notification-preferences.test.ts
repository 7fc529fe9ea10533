import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { notificationDigestItems, notificationOptOuts } from '../../src/modules/notifications/schema.ts';
import { users } from '../../src/modules/organisations/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { deliverOutbox, smtpTransport } from '../../src/platform/mail/deliver.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { NOW, type World, world } from '../helpers/sip-world.ts';
import { type ParsedMail, parseMail, smtpServer } from '../helpers/smtp.ts';

// Issue 23, item 3: each user chooses mail at once, a daily digest at an hour, or none, and the categories; the
// county administrator sets the default and a unit's functional mailbox; every mail's unsubscribe link works
// without logging in, from the page and as RFC 8058's one-click POST, and a forged one does nothing.

type Smtp = Awaited<ReturnType<typeof smtpServer>>;
type Mail = ParsedMail & { to: string };
const address = (username: string) => `${username}@demo.invalid`;
const at = (time: string) => `2026-11-26T${time}:00Z`;

describe('choosing e-mail about work, and unsubscribing', () => {
  let s: TestServer;
  let smtp: Smtp;
  let w: World;
  let sip: { id: string };
  const mails: Mail[] = [];

  async function deliver(now: string) {
    const before = smtp.received.length;
    await deliverOutbox(s.database.db, smtpTransport(smtp.url), new Date(now), { publicUrl: s.url });
    for (const r of smtp.received.slice(before))
      for (const to of r.to) mails.push({ ...parseMail(r.data), to });
  }
  const mailsTo = (username: string, since = 0) =>
    mails.slice(since).filter((m) => m.to === address(username));
  const textOf = (m: Mail) => m.parts.find((p) => p.contentType === 'text/plain')!.text;
  const browserFor = async (username: string, now = NOW) =>
    s.webLogin(new Browser(s.url, {}, { now }), username);
  const choose = async (username: string, form: Record<string, string | string[]>) => {
    const b = await browserFor(username);
    const res = await b.submit('/konto/aviseringar', '/konto/aviseringar', form);
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), '/konto/aviseringar?klart=sparat');
    return b;
  };
  const invite = async (now = NOW) => {
    const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
      unitId: w.unit('soc.karlstad'),
      meetingAt: '2026-12-10T13:00:00+01:00',
    });
    assert.equal(res.status, 201, res.text);
    await deliver(now);
    return res.body;
  };

  before(async () => {
    s = await startTestServer();
    smtp = await smtpServer();
    w = await world(s);
    sip = await w.active();
  });
  after(async () => {
    await smtp?.close();
    await s?.close();
  });

  // One story in steps, each starting where the one before left the users' and the county's choices (a
  // digest chosen, a category ended, a mailbox set, the county's default changed last, for everyone who has
  // not chosen): the steps are subtests of one test, which runs them in this order.
  test('choices, digests and unsubscribing, step by step', async (t) => {
    await t.test(
      'the page shows the county’s default until the user chooses; a bad choice is shown at its field',
      async () => {
        const b = await browserFor('soc.arvika');
        const page = await b.request('GET', '/konto/aviseringar');
        assert.equal(page.status, 200);
        assert.match(page.text, /Länets förval gäller: ett brev direkt för varje ny uppgift/);
        assert.match(page.text, /Brev går till <strong>soc\.arvika@demo\.invalid<\/strong>/);
        assert.match(
          page.text,
          /<input class="govuk-radios__input" id="mode" name="mode" type="radio" value="immediate" checked>/,
        );
        const wrong = await b.submit('/konto/aviseringar', '/konto/aviseringar', {
          mode: 'ofta',
          digestHour: '25',
        });
        assert.equal(wrong.status, 400);
        assert.match(wrong.text, /Välj hur du vill få e-post/);
      },
    );

    await t.test(
      'a daily digest at 14.00: nothing at once, one mail at the hour with every piece of work, once',
      async () => {
        await choose('soc.karlstad', { mode: 'digest', digestHour: '14', categories: ['sip', 'deviations'] });
        const since = mails.length;
        const first = await invite();
        const second = await invite();
        assert.equal(mailsTo('soc.karlstad', since).length, 0, 'no mail at once');
        assert.equal(
          mailsTo('chef.soc.karlstad', since).length,
          2,
          'the manager, on the default, gets each at once',
        );
        const waiting = await s.database.db.select().from(notificationDigestItems);
        assert.equal(waiting.length, 2, 'both wait for the digest');

        // 13.00 Swedish time: not yet. 14.00: two instances at once make one digest between them.
        await runJobs({ db: s.database.db, now: new Date(at('12:00')) });
        await deliver(at('12:00'));
        assert.equal(mailsTo('soc.karlstad', since).length, 0);
        const other = await s.database.secondInstance();
        await Promise.all([s.database.db, other.db].map((db) => runJobs({ db, now: new Date(at('13:00')) })));
        await deliver(at('13:00'));
        await runJobs({ db: s.database.db, now: new Date(at('15:00')) });
        await deliver(at('15:00'));
        const digests = mailsTo('soc.karlstad', since);
        assert.equal(digests.length, 1, 'one digest a day');
        const [digest] = digests;
        assert.equal(digest!.headers.subject, 'Dagens sammanfattning från Sömlös: 2 nya uppgifter');
        const text = textOf(digest!);
        for (const invitation of [first, second])
          assert.ok(
            text.includes(`${s.url}/kallelser/${invitation.id}?sip=${sip.id}`),
            'each invitation linked',
          );
        assert.match(text, /1\. Ny kallelse till SIP-möte/);
        assert.match(text, /Sluta få e-post om SIP: /);
        assert.match(text, /Sluta få sammanfattningar från Sömlös: /);
        assert.deepEqual(
          digest!.parts.filter((p) => p.contentType === 'text/calendar').map((p) => p.filename),
          ['sip-mote-1.ics', 'sip-mote-2.ics'],
        );
        assert.equal((await s.database.db.select().from(notificationDigestItems)).length, 0);

        // The digest's own unsubscribe header ends every mail: the user's choice becomes none.
        const link = digest!.headers['list-unsubscribe']!.slice(1, -1);
        const res = await fetch(link, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        assert.equal(res.status, 200);
        const page = await (await browserFor('soc.karlstad')).request('GET', '/konto/aviseringar');
        assert.match(page.text, /value="none" checked/);
        const quiet = mails.length;
        await invite();
        await runJobs({ db: s.database.db, now: new Date('2026-11-27T13:00:00Z') });
        await deliver('2026-11-27T13:00:00Z');
        assert.equal(mailsTo('soc.karlstad', quiet).length, 0, 'none: no mail, no digest');
      },
    );

    await t.test(
      'an unsubscribe link: the page asks first, the one-click POST ends the category, a forged key does nothing',
      async () => {
        const since = mails.length;
        await invite();
        const [mail] = mailsTo('chef.soc.karlstad', since);
        const link = mail!.headers['list-unsubscribe']!.slice(1, -1);
        assert.ok(textOf(mail!).includes(`Sluta få e-post om SIP: ${link}`), 'the same link in the text');
        const token = link.split('/').pop()!;
        const [chef] = await s.database.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.username, 'chef.soc.karlstad'));
        const optOuts = () =>
          s.database.db
            .select()
            .from(notificationOptOuts)
            .where(eq(notificationOptOuts.recipientId, chef!.id));

        // Opened in a browser (or by a link checker): a question, and nothing changes.
        const visitor = new Browser(s.url, {}, { now: NOW });
        const page = await visitor.request('GET', `/avregistrera/${token}`);
        assert.equal(page.status, 200);
        assert.match(page.text, /Vill du att Sömlös slutar skicka e-post om SIP till dig\?/);
        assert.deepEqual(await optOuts(), []);

        // A key changed by one character: not Sömlös's, nothing happens.
        const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
        for (const method of ['GET', 'POST']) {
          const res = await fetch(`${s.url}/avregistrera/${forged}`, {
            method,
            ...(method === 'POST'
              ? {
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                  body: 'List-Unsubscribe=One-Click',
                }
              : {}),
          });
          assert.equal(res.status, 404, method);
        }
        assert.deepEqual(await optOuts(), []);

        // The mail program's one-click POST: no cookie, no form token, no login.
        const res = await fetch(link, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        assert.equal(res.status, 200);
        assert.match(await res.text(), /Sömlös skickar inte längre e-post om SIP till dig/);
        const stored = await optOuts();
        assert.deepEqual(
          stored.map((o) => [o.recipientType, o.category]),
          [['user', 'sip']],
        );
        const quiet = mails.length;
        const invitation = await invite();
        assert.equal(mailsTo('chef.soc.karlstad', quiet).length, 0, 'no more SIP mail');
        // The work is still there: the manager's unit still has the invitation in Mitt arbete.
        const home = await (await browserFor('chef.soc.karlstad')).request('GET', '/');
        assert.ok(home.text.includes(`/kallelser/${invitation.id}`));
        // The page shows the category unticked; ticking it again brings the mail back.
        const settings = await (await browserFor('chef.soc.karlstad')).request('GET', '/konto/aviseringar');
        assert.match(settings.text, /name="categories" type="checkbox" value="sip">/);
        assert.match(settings.text, /name="categories" type="checkbox" value="deviations" checked>/);
        await choose('chef.soc.karlstad', {
          mode: 'immediate',
          digestHour: '7',
          categories: ['sip', 'deviations'],
        });
        const again = mails.length;
        await invite();
        assert.equal(mailsTo('chef.soc.karlstad', again).length, 1);
      },
    );

    await t.test(
      'a unit’s functional mailbox: set by the administrator, mailed at once, unsubscribed by its own link',
      async () => {
        const admin = await browserFor('admin.varmland');
        const unitId = w.unit('soc.karlstad');
        const formPath = `/administration/enheter/${unitId}/funktionsbrevlada`;
        const bad = await admin.submit(formPath, formPath, {
          mailbox: 'inte en adress',
          categories: ['sip'],
        });
        assert.equal(bad.status, 422);
        assert.match(bad.text, /Ange en e-postadress som enhet@kommun\.se/);
        const saved = await admin.submit(formPath, formPath, {
          mailbox: 'Vuxen.Karlstad@kommun.example',
          categories: ['sip', 'deviations'],
        });
        assert.equal(saved.status, 303, saved.text);
        const unitPage = await admin.request(
          'GET',
          `/administration/enheter/${unitId}?klart=funktionsbrevlada`,
        );
        assert.match(unitPage.text, /vuxen\.karlstad@kommun\.example/);
        assert.match(unitPage.text, /Enhetens funktionsbrevlåda är sparad/);

        const since = mails.length;
        await invite();
        const [mail] = mails.slice(since).filter((m) => m.to === 'vuxen.karlstad@kommun.example');
        assert.ok(mail, 'the mailbox got the invitation');
        const text = textOf(mail);
        assert.match(
          text,
          /Brevet går till funktionsbrevlådan för Socialtjänst vuxen, Karlstad, Karlstads kommun/,
        );
        assert.doesNotMatch(text, /Ändra dina val/, 'a mailbox has no settings of its own');
        const res = await fetch(mail.headers['list-unsubscribe']!.slice(1, -1), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        assert.match(
          await res.text(),
          /Sömlös skickar inte längre e-post om SIP till funktionsbrevlådan för Socialtjänst vuxen, Karlstad/,
        );
        const form = await admin.request('GET', formPath);
        assert.match(
          form.text,
          /name="categories" type="checkbox" value="sip">/,
          'the administrator sees it ended',
        );
        const quiet = mails.length;
        await invite();
        assert.equal(mails.slice(quiet).filter((m) => m.to === 'vuxen.karlstad@kommun.example').length, 0);
        const logged = await s.database.db
          .select()
          .from(events)
          .where(eq(events.type, 'admin.unitMailboxChanged'));
        assert.equal(logged.length, 1, 'the change is in the administration log (a refused one is not)');
        assert.deepEqual(logged[0]!.data.after, {
          name: 'Socialtjänst vuxen, Karlstad',
          mailbox: 'vuxen.karlstad@kommun.example',
          categories: ['sip', 'deviations'],
        });
      },
    );

    await t.test(
      'the county’s default reaches those who have not chosen; their own choice stays',
      async () => {
        const admin = await browserFor('admin.varmland');
        const page = await admin.request('GET', '/administration/aviseringar');
        assert.equal(page.status, 200);
        assert.match(page.text, /Nu gäller det \d+ av \d+ aktiva konton/);
        const saved = await admin.submit('/administration/aviseringar', '/administration/aviseringar', {
          mode: 'none',
          digestHour: '7',
        });
        assert.equal(saved.status, 303, saved.text);
        const since = mails.length;
        await invite();
        // psykiatri.karlstad (convening, on the default) gets no answer mail; chef.soc.karlstad chose at once.
        assert.equal(mailsTo('chef.soc.karlstad', since).length, 1);
        assert.equal(mailsTo('soc.karlstad', since).length, 0, 'chose none earlier');
        const answered = mails.length;
        const open = await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}`);
        const pending = open.body.invitations.find((i: { status: string }) => i.status === 'pending');
        const answer = await w.by('soc.karlstad')('POST', `/api/invitations/${pending.id}/answer`, {
          accepted: true,
        });
        assert.equal(answer.status, 200, answer.text);
        await deliver(NOW);
        assert.equal(mailsTo('psykiatri.karlstad', answered).length, 0, 'the default is now no mail');
        const [change] = await s.database.db
          .select()
          .from(events)
          .where(and(eq(events.type, 'admin.notificationDefaultChanged'), eq(events.countyCode, '17')));
        assert.deepEqual(change!.data, {
          before: { mode: 'immediate', digestHour: 7 },
          after: { mode: 'none', digestHour: 7 },
        });
      },
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, like } from 'drizzle-orm';
import '../../src/jobs.ts';
import { deviationEntries, deviationPrincipals, deviations } from '../../src/modules/deviations/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { Browser, type BrowserResponse } from '../helpers/browser.ts';
import { choiceTag, formFields } from '../helpers/page-html.ts';
import type { TestServer } from '../helpers/server.ts';
import { startTestServer } from '../helpers/server.ts';
import { type Json, NOW, tolvan, type World, world } from '../helpers/sip-world.ts';

// The deviation pages over real HTTP with cookie sessions (with deviation-pages.test.ts): the suggestions the SIP
// work makes, and that a suggestion cannot be forged.

/** The day after the answer date of an invitation sent at NOW (2026-12-01), in the morning in Sweden. */
const LATER = '2026-12-02T09:00:00Z';

function assertErrorPage(res: BrowserResponse, status: number, heading: string, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/, what);
  assert.match(res.text, new RegExp(`<h1 class="govuk-heading-l">${heading}</h1>`), what);
  assert.doesNotMatch(res.text, /<form method="post" action="\/avvikelser\//, `${what}: no form is offered`);
}

/** The identity number in every way it could be written: as typed, twelve digits, ten, ten with a dash. */
const numberForms = (pin: string) => [pin, pin.replace('-', ''), pin.slice(2), pin.slice(2).replace('-', '')];

describe('deviation pages: suggestions from the SIP work', () => {
  let s: TestServer;
  let w: World;
  const browsers = new Map<string, Browser>();

  /** A logged-in browser for this user and clock, reused (a session lives on the clock it was opened on). */
  async function browser(username: string, now = NOW): Promise<Browser> {
    const key = `${username}@${now}`;
    let b = browsers.get(key);
    if (!b) {
      b = new Browser(s.url, {}, { now });
      await s.webLogin(b, username);
      browsers.set(key, b);
    }
    return b;
  }
  const page = async (username: string, path: string, now = NOW) =>
    (await browser(username, now)).request('GET', path);
  /**
   * Posts a form as the user, with the CSRF token of the user's session (read from Mitt arbete), the box that
   * the text names no one ticked unless `confirmed` is false.
   */
  async function post(
    username: string,
    path: string,
    form: Record<string, string | string[]>,
    now = NOW,
    confirmed = true,
  ) {
    const b = await browser(username, now);
    const home = await b.request('GET', '/');
    const confirmation: Record<string, string> = confirmed ? { confirmedDeidentified: 'yes' } : {};
    return b.request('POST', path, { _csrf: Browser.csrf(home.text), ...confirmation, ...form });
  }
  /** Rows in every table a deviation writes to. */
  const counts = async () => {
    const db = s.database.db;
    return {
      deviations: await db.$count(deviations),
      entries: await db.$count(deviationEntries),
      principals: await db.$count(deviationPrincipals),
      events: await db.$count(events, like(events.type, 'deviation.%')),
    };
  };

  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  describe('suggestions from the SIP work', () => {
    let sip: Json;
    let invitation: Json;
    let link = '';

    before(async () => {
      sip = await w.active();
      invitation = await w.invite(sip, w.unit('soc.karlstad'));
      assert.equal(invitation.answerBy, '2026-12-01');
      await runJobs({ db: s.database.db, now: new Date('2026-12-01T23:30:00Z') });
    });

    const pinForms = () => numberForms(tolvan.personalIdentityNumber);

    // One story in steps on one suggestion: offered, opened as a filled-in form, reported (and then gone, with no
    // other suggestion left), and a forged key beside another live one. The steps are subtests of one test,
    // which runs them in this order.
    test('an unanswered invitation, from the suggestion to the report', async (t) => {
      await t.test(
        'Mitt arbete offers an unanswered invitation as a suggestion, without the person',
        async () => {
          const home = await page('psykiatri.karlstad', '/', LATER);
          assert.equal(home.status, 200);
          const start = home.text.indexOf('<h2 class="govuk-heading-m">Förslag på avvikelser</h2>');
          assert.ok(start >= 0, 'no "Förslag på avvikelser" on Mitt arbete');
          const section = home.text.slice(start);
          const key = `sip.invitation:${invitation.id}`;
          link = `/avvikelser/ny?forslag=${encodeURIComponent(key)}`;
          assert.ok(section.includes(`href="${link}"`), `no link to ${link}`);
          assert.match(section, /Kallelse till SIP besvarades inte i tid/);
          for (const secret of [tolvan.name, ...pinForms()])
            assert.ok(!section.includes(secret), `the suggestion mentions ${secret}`);
          // Offered to the convening unit only.
          const other = await page('soc.karlstad', '/', LATER);
          assert.ok(!other.text.includes(link), 'the invited unit is not offered it');
        },
      );

      await t.test(
        'the report form comes filled in from the suggestion, with no person name or number in it',
        async () => {
          assert.ok(link, 'the previous test found the link');
          const res = await page('psykiatri.karlstad', link, LATER);
          assert.equal(res.status, 200, res.text);
          assert.match(res.text, /Uppgifterna är ifyllda utifrån förslaget\./);
          const fields = formFields(res.text, '/avvikelser/ny');
          assert.equal(fields.title, 'Kallelse till SIP besvarades inte i tid');
          assert.equal(fields.category, 'unansweredInvitation');
          assert.equal(fields.concernedPrincipalIds, 'municipality-1780');
          assert.equal(fields.occurredOn, '2026-12-01');
          assert.equal(fields.suggestionKey, `sip.invitation:${invitation.id}`);
          assert.match(String(fields.description), /Socialtjänst vuxen, Karlstad, Karlstads kommun/);
          assert.match(String(fields.description), /Sista svarsdag var 2026-12-01/);
          assert.match(choiceTag(res.text, 'category', 'unansweredInvitation') ?? '', /\schecked/);
          const kommun = choiceTag(res.text, 'concernedPrincipalIds', 'municipality-1780');
          assert.match(kommun ?? '', /\schecked/, 'Karlstads kommun is checked');
          assert.doesNotMatch(choiceTag(res.text, 'concernedPrincipalIds', 'region-17') ?? '', /\schecked/);
          for (const secret of [tolvan.name, 'Tolvan', ...pinForms(), sip.person.id, sip.id])
            assert.ok(!res.text.includes(secret), `the form mentions ${secret}`);
        },
      );

      await t.test(
        'posting the suggested report creates the deviation and the suggestion is gone',
        async () => {
          const form = formFields((await page('psykiatri.karlstad', link, LATER)).text, '/avvikelser/ny');
          const rowsBefore = await counts();
          const res = await post('psykiatri.karlstad', '/avvikelser/ny', form, LATER);
          assert.equal(res.status, 303, res.text);
          const location = res.headers.get('location') ?? '';
          const id = decodeURIComponent(location.replace('/avvikelser/', ''));
          const [row] = await s.database.db.select().from(deviations).where(eq(deviations.id, id));
          assert.ok(row, `no deviation behind ${location}`);
          assert.equal(row.suggestionKey, `sip.invitation:${invitation.id}`);
          assert.equal(row.title, 'Kallelse till SIP besvarades inte i tid');
          assert.equal(row.category, 'unansweredInvitation');
          assert.equal((await counts()).deviations, rowsBefore.deviations + 1);

          const shown = await page('psykiatri.karlstad', location, LATER);
          assert.equal(shown.status, 200);
          assert.match(shown.text, /Karlstads kommun/);
          for (const secret of [tolvan.name, ...pinForms()]) assert.ok(!shown.text.includes(secret));

          const home = await page('psykiatri.karlstad', '/', LATER);
          assert.ok(!home.text.includes(link), 'the suggestion is no longer offered');
          assert.ok(!home.text.includes('Förslag på avvikelser'));

          // Once reported, the suggestion is not there to report again.
          const again = await page('psykiatri.karlstad', link, LATER);
          assertErrorPage(again, 404, 'Hittades inte', 'the suggestion again');
          const before = await counts();
          const twice = await post('psykiatri.karlstad', '/avvikelser/ny', form, LATER);
          assert.equal(twice.status, 404);
          assert.deepEqual(await counts(), before, 'a second post creates nothing');
        },
      );

      await t.test(
        'a suggestion key not offered to the unit is a 404 page, and posting it creates nothing',
        async () => {
          // Another unanswered invitation, so there is a live suggestion, offered to Vuxenpsykiatri Karlstad only.
          const second = await w.invite(await w.active(), w.unit('soc.karlstad'));
          await runJobs({ db: s.database.db, now: new Date('2026-12-01T23:45:00Z') });
          const key = `sip.invitation:${second.id}`;
          const offered = await page(
            'psykiatri.karlstad',
            `/avvikelser/ny?forslag=${encodeURIComponent(key)}`,
            LATER,
          );
          assert.equal(offered.status, 200, 'offered to the convening unit');

          const forged = [
            ['soc.arvika', key], // a real suggestion, but another unit's
            ['soc.karlstad', key], // the invited unit, which is not offered it
            ['psykiatri.karlstad', 'sip.invitation:finns-inte'],
            ['psykiatri.karlstad', `sip.notConvened:${second.id}`],
          ] as const;
          for (const [username, forgedKey] of forged) {
            const what = `${username} with ${forgedKey}`;
            const res = await page(
              username,
              `/avvikelser/ny?forslag=${encodeURIComponent(forgedKey)}`,
              LATER,
            );
            assertErrorPage(res, 404, 'Hittades inte', `GET: ${what}`);
            const before = await counts();
            const posted = await post(
              username,
              '/avvikelser/ny',
              {
                title: 'Kallelse till SIP besvarades inte i tid',
                occurredOn: '2026-12-01',
                category: 'unansweredInvitation',
                concernedPrincipalIds: 'municipality-1780',
                description: 'Kallelsen besvarades inte i tid.',
                suggestionKey: forgedKey,
              },
              LATER,
            );
            assertErrorPage(posted, 404, 'Hittades inte', `POST: ${what}`);
            assert.deepEqual(await counts(), before, `${what}: nothing created`);
          }
          const still = await page('psykiatri.karlstad', '/', LATER);
          assert.ok(still.text.includes(encodeURIComponent(key)), 'the real suggestion is still offered');
        },
      );
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { addAccessLogReads } from '../helpers/paging.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const NOW = '2026-11-26T10:00:00.000Z';

/** A browser holding a session cookie for the user (opened directly: see test/helpers/sessions.ts). */
async function webSession(s: TestServer, username: string) {
  const browser = new Browser(s.url, {}, { now: NOW });
  await s.webLogin(browser, username);
  return browser;
}

/** The hidden fields of the form whose button says `label`. */
function pageForm(html: string, label: string): Record<string, string> {
  const forms = html.match(/<form method="post" action="\/atkomstlogg">[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(label));
  assert.ok(form, `a form with the button ${label}`);
  return Object.fromEntries([...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('the access-log page', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    const token = await s.login('psykiatri.karlstad', { now: NOW });
    const sip = await s.api('POST', '/api/sips', {
      token,
      now: NOW,
      body: {
        person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
        reason: 'Samordning',
      },
    });
    assert.equal(sip.status, 201);
  });
  after(() => s.close());

  const search = (browser: Browser, form: Record<string, string>) =>
    browser.submit('/atkomstlogg', '/atkomstlogg', form);

  test('only log reviewers may open it', async () => {
    assert.equal((await (await webSession(s, 'soc.karlstad')).request('GET', '/atkomstlogg')).status, 403);
    assert.equal(
      (await (await webSession(s, 'logg.regionvarmland')).request('GET', '/atkomstlogg')).status,
      200,
    );
  });

  test('the search is posted with the CSRF token, so the number is never in an address', async () => {
    const browser = await webSession(s, 'logg.regionvarmland');
    const page = await browser.request('GET', '/atkomstlogg');
    assert.match(page.text, /<form method="post" action="\/atkomstlogg"/);
    assert.doesNotMatch(page.text, /method="get"/);
    const forged = await browser.request('POST', '/atkomstlogg', { personnummer: '191212121212' });
    assert.equal(forged.status, 403, 'without the CSRF token');
    const before = await s.database.db.$count(accessLog);
    // An address with a search in it (an old bookmark) shows the empty form and reads nothing.
    const old = await browser.request('GET', '/atkomstlogg?personnummer=191212121212');
    assert.equal(old.status, 200);
    assert.doesNotMatch(old.text, /19121212-1212|psykiatri\.karlstad/);
    assert.equal(await s.database.db.$count(accessLog), before);
  });

  test('a search shows the accesses of the own principal, and is itself logged', async () => {
    const browser = await webSession(s, 'logg.regionvarmland');
    const before = await s.database.db.$count(accessLog);
    const res = await search(browser, { personnummer: '191212121212', fran: '', till: '' });
    assert.equal(res.status, 200);
    assert.match(res.text, /psykiatri\.karlstad/);
    assert.match(res.text, /19121212-1212/);
    assert.match(res.text, /Skapat/);
    assert.match(res.text, /Visar 1 åtkomst\./);
    // The kind of object in Swedish, as every module's manifest names it; never the code word.
    assert.match(res.text, /<td class="govuk-table__cell">SIP<\/td>/);
    assert.doesNotMatch(res.text, /<td class="govuk-table__cell">sip<\/td>/);
    assert.equal(await s.database.db.$count(accessLog), before + 1);
  });

  test('an invalid identity number or date is shown as an error, with what was typed kept', async () => {
    const browser = await webSession(s, 'logg.regionvarmland');
    const before = await s.database.db.$count(accessLog);
    const res = await search(browser, { personnummer: '19121212-1213', fran: '2026-13', till: '' });
    assert.equal(res.status, 400);
    assert.match(res.text, /href="#personnummer">Ange ett giltigt personnummer/);
    assert.match(res.text, /href="#fran">Ange från-datumet som ÅÅÅÅ-MM-DD/);
    assert.match(res.text, /value="19121212-1213"/);
    assert.equal(await s.database.db.$count(accessLog), before, 'a refused search reads nothing');
  });

  test('many accesses: 100 a page, "Visar N av M", every page reached by posting, none cut', async () => {
    // A person of its own, so that the other search still finds Tolvan's one access.
    const token = await s.login('psykiatri.karlstad', { now: NOW });
    const sip = await s.api('POST', '/api/sips', {
      token,
      now: NOW,
      body: { person: { personalIdentityNumber: '19811218-9876', name: 'Person Ett' }, reason: 'Samordning' },
    });
    assert.equal(sip.status, 201);
    const personId = sip.body.person.id;
    await addAccessLogReads(s.database, personId, 1050, NOW);
    const total = await s.database.db.$count(accessLog, eq(accessLog.personId, personId));
    const browser = await webSession(s, 'logg.regionvarmland');
    let page = await search(browser, { personnummer: '19811218-9876', fran: '', till: '' });
    const rowsOn = (html: string) => (html.match(/<tr class="govuk-table__row">\s*<td/g) ?? []).length;
    let seen = rowsOn(page.text);
    assert.match(page.text, new RegExp(`Visar 1–100 av ${total} åtkomster\\.`));
    let pages = 1;
    while (page.text.includes('Nästa sida')) {
      const fields = pageForm(page.text, 'Nästa sida');
      assert.equal(fields.personnummer, '19811218-9876', 'the search goes along, hidden in the form');
      page = await browser.request('POST', '/atkomstlogg', fields);
      assert.equal(page.status, 200);
      pages++;
      const first = (pages - 1) * 100 + 1;
      assert.match(
        page.text,
        new RegExp(`Visar ${first}–${Math.min(total, pages * 100)} av ${total} åtkomster`),
      );
      seen += rowsOn(page.text);
    }
    assert.equal(pages, Math.ceil(total / 100));
    assert.equal(seen, total, 'every access on some page');
    assert.match(page.text, /Föregående sida/);
  });
});

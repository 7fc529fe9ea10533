import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accessLog } from '../../src/platform/access/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** A browser logged in through the form, holding the session cookie. */
async function webSession(s: TestServer, username: string) {
  const browser = new Browser(s.url);
  assert.equal((await browser.logIn(username)).status, 303, `login ${username}`);
  return browser;
}

describe('the access-log page', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    const token = await s.login('psykiatri.karlstad');
    const sip = await s.api('POST', '/api/sips', {
      token,
      body: {
        person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
        reason: 'Samordning',
      },
    });
    assert.equal(sip.status, 201);
  });
  after(() => s.close());

  const get = (browser: Browser, query = '') => browser.request('GET', `/atkomstlogg${query}`);

  test('only log reviewers may open it', async () => {
    assert.equal((await get(await webSession(s, 'soc.karlstad'))).status, 403);
    assert.equal((await get(await webSession(s, 'logg.regionvarmland'))).status, 200);
  });

  test('a search shows the accesses of the own principal, and is itself logged', async () => {
    const browser = await webSession(s, 'logg.regionvarmland');
    const before = await s.database.db.$count(accessLog);
    const res = await get(browser, '?personnummer=191212121212&fran=&till=');
    assert.equal(res.status, 200);
    assert.match(res.text, /psykiatri\.karlstad/);
    assert.match(res.text, /19121212-1212/);
    assert.match(res.text, /Skapat/);
    assert.equal(await s.database.db.$count(accessLog), before + 1);
  });

  test('an invalid identity number or date is shown as an error, with what was typed kept', async () => {
    const browser = await webSession(s, 'logg.regionvarmland');
    const before = await s.database.db.$count(accessLog);
    const res = await get(browser, '?personnummer=19121212-1213&fran=2026-13&till=');
    assert.equal(res.status, 400);
    assert.match(res.text, /href="#personnummer">Ange ett giltigt personnummer/);
    assert.match(res.text, /href="#fran">Ange från-datumet som ÅÅÅÅ-MM-DD/);
    assert.match(res.text, /value="19121212-1213"/);
    assert.equal(await s.database.db.$count(accessLog), before, 'a refused search reads nothing');
  });
});

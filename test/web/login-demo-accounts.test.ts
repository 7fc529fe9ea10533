import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoAccounts, promisedUsernames } from '../../src/demo/load-demo.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// In demo mode the login page lists every demo account by county and role, with a line on what the role can do,
// and marks the accounts the README describes; without demo mode it lists none.

describe('the login page lists the demo accounts', () => {
  let demo: TestServer;
  let plain: TestServer;
  before(async () => {
    demo = await startTestServer();
    plain = await startTestServer({ DEMO: '0' });
  });
  after(async () => {
    await demo.close();
    await plain.close();
  });

  test('every demo account, under its county and role, with what the role can do', async () => {
    const page = (await new Browser(demo.url).request('GET', '/logga-in')).text;
    for (const a of demoAccounts())
      assert.match(page, new RegExp(`<code>${a.username.replaceAll('.', '\\.')}</code>`));
    for (const county of ['Värmlands län', 'Örebro län', 'Södermanlands län', 'Dalarnas län'])
      assert.match(page, new RegExp(`<span class="govuk-details__summary-text">${county}</span>`));
    // A county's section holds its own accounts and no other county's.
    const start = page.indexOf('Värmlands län</span>');
    const varmland = page.slice(start, page.indexOf('</details>', start));
    assert.match(varmland, /<code>admin\.varmland<\/code>/);
    assert.match(varmland, /<code>beredning\.varmland<\/code>/);
    assert.doesNotMatch(varmland, /<code>admin\.orebro<\/code>/);
    assert.match(page, /Länsadministratör<\/h4>\s*<p class="govuk-body-s">Administrerar länets enheter/);
    assert.match(page, /Loggranskare<\/h4>\s*<p class="govuk-body-s">Granskar i åtkomstloggen/);
    // The README's accounts first, in its order, each with its role.
    const first = page.slice(page.indexOf('id="att-borja-med"'), page.indexOf('Alla konton, län för län'));
    const suggested = [...first.matchAll(/<code>([^<]+)<\/code>: ([^,]+),/g)];
    assert.deepEqual(
      suggested.map((m) => m[1]),
      [...promisedUsernames],
    );
    assert.ok(suggested.some((m) => m[1] === 'logg.regionvarmland' && m[2] === 'Loggranskare'));
    assert.match(page, /<code>demo-2026<\/code>/);
  });

  test('without demo mode no account is listed', async () => {
    const page = (await new Browser(plain.url).request('GET', '/logga-in')).text;
    assert.doesNotMatch(page, /Demokonton/);
    assert.doesNotMatch(page, /psykiatri\.karlstad/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoAccounts } from '../../src/demo/load-demo.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Nobody is offered a menu entry that answers 403 (or 404): the menu follows each page's own role check. Every
// demo account walks its whole menu; a page the role may not use still explains who may, and leads on.

const NOW = '2026-11-26T10:00:00.000Z';

const menuLinks = (html: string) =>
  [...html.matchAll(/class="govuk-service-navigation__link" href="([^"]+)"/g)].map((m) => m[1]!);

describe('menus by role', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('every demo account: each entry of its menu answers 200', async () => {
    const accounts = demoAccounts();
    assert.ok(accounts.length > 100, 'all the demo accounts of the four counties');
    assert.equal(new Set(accounts.flatMap((a) => a.roles)).size, 6, 'every role among them');
    // The menu's pages answer by role, county and kind of principal: each such group's pages are opened once,
    // by its first account; every account's own menu is read and opened where its group's has not been.
    const opened = new Set<string>();
    for (const a of accounts) {
      const group = `${a.countyCode} ${a.principalId.split('-')[0]} ${[...a.roles].sort().join(',')}`;
      const b = await s.webLogin(new Browser(s.url, {}, { now: NOW }), a.username);
      const links = menuLinks((await b.request('GET', '/')).text);
      assert.ok(links.includes('/'), `${a.username} has Mitt arbete`);
      for (const href of links) {
        if (opened.has(`${group} ${href}`)) continue;
        opened.add(`${group} ${href}`);
        const res = await b.request('GET', href);
        assert.equal(res.status, 200, `${a.username} follows its menu to ${href}`);
      }
    }
    assert.ok(opened.size > 100);
  });

  test('the menu differs by role: staff get the case lists, an administrator gets Administration instead', async () => {
    const staff = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'soc.karlstad');
    const admin = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'admin.varmland');
    const staffMenu = menuLinks((await staff.request('GET', '/')).text);
    const adminMenu = menuLinks((await admin.request('GET', '/')).text);
    for (const href of ['/sip', '/avvikelser', '/tvister']) {
      assert.ok(staffMenu.includes(href), `staff see ${href}`);
      assert.ok(!adminMenu.includes(href), `the administrator does not see ${href}`);
    }
    assert.ok(adminMenu.includes('/administration'));
    assert.ok(!staffMenu.includes('/administration'));
  });

  test('Mitt arbete points a log reviewer, and only a log reviewer, to the access log (my-work/policy.ts)', async () => {
    const reviewer = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'logg.regionvarmland');
    const staff = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'soc.karlstad');
    assert.match((await reviewer.request('GET', '/')).text, /href="\/atkomstlogg">Granska åtkomstloggen/);
    assert.doesNotMatch((await staff.request('GET', '/')).text, /Granska åtkomstloggen/);
  });

  test('a page for other roles, reached by its address, names the roles that may use it and links onward', async () => {
    const admin = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'admin.varmland');
    const res = await admin.request('GET', '/sip');
    assert.equal(res.status, 403);
    assert.match(res.text, /Den här sidan kan användas av:/);
    assert.match(res.text, /<li>Medarbetare<\/li>/);
    assert.match(res.text, /href="\/">Till Mitt arbete<\/a>/);
    assert.doesNotMatch(
      res.text,
      /<li>(staff|manager|governance)<\/li>/,
      'role names in Swedish, not code words',
    );
  });
});

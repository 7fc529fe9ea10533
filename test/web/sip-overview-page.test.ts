import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, NOW, type World, world } from '../helpers/sip-world.ts';

// Issue 22 item 9 as a page: /sip/oversikt, filtered with a GET form that needs no script, linked from the SIP
// list; a manager may choose the principal's units, anyone else asking for them gets 403.

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('the SIP overview page', () => {
  let s: TestServer;
  let w: World;
  let sip: Json;
  const browser = async (username: string) => {
    const b = new Browser(s.url, {}, { now: NOW });
    await s.webLogin(b, username);
    return b;
  };
  before(async () => {
    s = await startTestServer();
    w = await world(s);
    sip = await w.active();
    await w.invite(sip, w.unit('soc.karlstad'));
  });
  after(() => s.close());

  test('the SIP list links to it; its filter form is a plain GET form with the chosen values', async () => {
    const b = await browser('psykiatri.karlstad');
    assert.match((await b.request('GET', '/sip')).text, /href="\/sip\/oversikt"/);
    const res = await b.request('GET', '/sip/oversikt?veckor=2&visa=moten');
    assert.equal(res.status, 200);
    const html = main(res.text);
    assert.match(html, /<form method="get" action="\/sip\/oversikt"/);
    assert.match(html, /<option value="2" selected>2 veckor<\/option>/);
    assert.match(html, /<option value="moten" selected>Möten<\/option>/);
    assert.match(html, /Från 2026-11-26 till och med 2026-12-10/);
    assert.match(html, /data-list="meetings"/);
    assert.doesNotMatch(html, /data-list="plans"|data-list="follow-ups"/);
    assert.match(html, new RegExp(`href="/sip/${sip.id}">Tolvan Tolvansson</a>`));
    assert.match(html, /2026-12-01 13:00/);
    assert.match(html, /role="region" aria-labelledby="moten" tabindex="0"/);
    assert.doesNotMatch(html, /name="enheter"/, 'only a manager chooses units');
  });

  test('each empty list says so', async () => {
    const html = main((await (await browser('soc.arvika')).request('GET', '/sip/oversikt')).text);
    for (const text of [
      'Inga möten under perioden.',
      'Ingen plan väntar på er enhet.',
      'Inga uppföljningar under perioden.',
    ])
      assert.ok(html.includes(text), text);
  });

  test("a manager sees the principal's care units; others asking for them get 403, bad filters 400", async () => {
    const chef = await browser('chef.soc.karlstad');
    const html = main((await chef.request('GET', '/sip/oversikt?enheter=huvudman')).text);
    assert.match(html, /name="enheter"/);
    assert.match(html, /data-list="units"/);
    assert.match(html, /Socialtjänst vuxen, Karlstad<\/th>\s*<td[^>]*>1<\/td>/);
    const staff = await browser('soc.karlstad');
    assert.equal((await staff.request('GET', '/sip/oversikt?enheter=huvudman')).status, 403);
    assert.equal((await staff.request('GET', '/sip/oversikt?veckor=3')).status, 400);
  });
});

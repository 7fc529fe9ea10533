import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { countySettingsToConfirm, users } from '../../src/modules/organisations/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The county's own settings to confirm (issue 28 item 7): what the reference data loads although the county's
// seed does not name it (counties.ts `assumed`) is listed on its administrators' start page until one of them
// confirms it, one at a time or all at once; each confirmation records who and when and is in the
// administration log. Värmland's seed names all its bodies and its ladder; its one setting to confirm is that
// deviations start with the managers, where its agreement sends them to the Beredningsgrupp.

const NOW = '2026-11-23T10:00:00Z';
const start = '/administration';

/** The keys of the settings the start page lists, in order. */
const listed = (html: string) => [...html.matchAll(/id="installning-([^"]+)"/g)].map((m) => m[1]);

describe('the county’s own settings to confirm', () => {
  let s: TestServer;
  const browsers = new Map<string, Browser>();
  const as = async (username: string) => {
    let b = browsers.get(username);
    if (!b) {
      b = new Browser(s.url, {}, { now: NOW });
      await s.webLogin(b, username);
      browsers.set(username, b);
    }
    return b;
  };
  const page = async (username: string) => {
    const res = await (await as(username)).request('GET', start);
    assert.equal(res.status, 200, `${username}: ${res.status}`);
    return res.text;
  };
  const row = async (countyCode: string, key: string) =>
    (
      await s.database.db
        .select()
        .from(countySettingsToConfirm)
        .where(and(eq(countySettingsToConfirm.countyCode, countyCode), eq(countySettingsToConfirm.key, key)))
    )[0];
  /** Makes a county's settings unconfirmed again: a test that confirms leaves the world as it found it. */
  const reset = (countyCode: string) =>
    s.database.db
      .update(countySettingsToConfirm)
      .set({ confirmedAt: null, confirmedByUserId: null })
      .where(eq(countySettingsToConfirm.countyCode, countyCode));
  const userId = async (username: string) =>
    (await s.database.db.select().from(users).where(eq(users.username, username)))[0]!.id;

  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('Örebro: the ladder’s rungs and the four county parts are listed, with what the agreement leaves open', async () => {
    const html = await page('admin.orebro');
    assert.match(
      html,
      /<h2 class="govuk-heading-m" id="att-bekrafta-rubrik">Länets egna inställningar att bekräfta<\/h2>/,
    );
    assert.deepEqual(listed(html), [
      'ladder-1',
      'ladder-2',
      'ladder-3',
      'ladder-4',
      'body-lansdel-norr',
      'body-lansdel-soder',
      'body-lansdel-vaster',
      'body-lansdel-orebro',
    ]);
    assert.match(html, /Nivå 2 för avvikelser och tvister: Länsdelsgrupp/);
    assert.match(html, /Länsdelsgrupp Norr, omfattar [^<]*Lindesbergs kommun/);
    assert.match(html, /fyra länsdelsgrupper har utsetts, men inte vad de heter/);
    assert.match(html, /Bekräfta alla 8 inställningar/);
  });

  test('Dalarna lists its three rungs and Sörmland its working groups’ municipalities', async () => {
    assert.deepEqual(listed(await page('admin.dalarna')), ['ladder-1', 'ladder-2', 'ladder-3']);
    assert.deepEqual(listed(await page('admin.sormland')), ['body-anp', 'body-avp', 'body-aspf']);
  });

  test('Värmland is asked one thing: deviations start with the managers, where its agreement names the Beredningsgrupp', async () => {
    const html = await page('admin.varmland');
    assert.deepEqual(listed(html), ['deviation-ladder-1']);
    assert.match(html, /Nivå 1 för avvikelser: Chefer på motsvarande nivå/);
    assert.match(html, /tillsänds beredningsgruppen för Nya perspektiv/);
    assert.match(html, /ge nivå 1 för avvikelser beredningsgruppen/);
  });

  test('one confirmed: gone from the page, recorded with who and when, and in the administration log', async () => {
    try {
      const b = await as('admin.orebro');
      const res = await b.submit(start, '/administration/installningar/body-lansdel-norr/bekrafta', {});
      assert.equal(res.status, 303, res.text.slice(0, 300));
      assert.equal(res.headers.get('location'), '/administration?klart=bekraftad');
      const after = (await b.request('GET', res.headers.get('location')!)).text;
      assert.match(after, /Inställningen är bekräftad som länets egen/);
      assert.ok(!listed(after).includes('body-lansdel-norr'));
      assert.equal(listed(after).length, 7);
      const stored = await row('18', 'body-lansdel-norr');
      assert.equal(stored?.confirmedByUserId, await userId('admin.orebro'));
      assert.equal(stored?.confirmedAt?.toISOString(), new Date(NOW).toISOString());
      const log = await b.request('GET', '/administration/logg');
      assert.match(log.text, /Länets egen inställning bekräftad/);
      assert.match(log.text, /Länsdelsgrupp Norr, omfattar/);

      const again = await b.submit(start, '/administration/installningar/body-lansdel-norr/bekrafta', {});
      assert.equal(again.status, 404, 'a confirmed setting is not there to confirm again');
    } finally {
      await reset('18');
    }
  });

  test('all at once: the list and its section are gone', async () => {
    try {
      const b = await as('admin.dalarna');
      const res = await b.submit(start, '/administration/installningar/bekrafta-alla', {});
      assert.equal(res.status, 303);
      const after = (await b.request('GET', res.headers.get('location')!)).text;
      assert.match(after, /Länets inställningar är bekräftade som länets egna/);
      assert.doesNotMatch(after, /id="att-bekrafta"/);
      for (const key of ['ladder-1', 'ladder-2', 'ladder-3'])
        assert.equal((await row('20', key))?.confirmedByUserId, await userId('admin.dalarna'), key);
    } finally {
      await reset('20');
    }
  });

  test('only the county’s own administrator confirms: another county’s is 404, anyone else 403', async () => {
    const varmland = await as('admin.varmland');
    const foreign = await varmland.submit(start, '/administration/installningar/body-avp/bekrafta', {});
    assert.equal(foreign.status, 404);
    const staff = await as('soc.eskilstuna');
    const home = await staff.request('GET', '/');
    const refused = await staff.request('POST', '/administration/installningar/body-avp/bekrafta', {
      _csrf: Browser.csrf(home.text),
    });
    assert.equal(refused.status, 403);
    assert.equal((await row('04', 'body-avp'))?.confirmedAt, null);
    assert.deepEqual(listed(await page('admin.sormland')), ['body-anp', 'body-avp', 'body-aspf']);
  });

  test('the API lists and confirms the same, in the administrator’s own county only', async () => {
    try {
      const sormland = await s.login('admin.sormland', { now: NOW });
      const list = await s.api('GET', '/api/admin/settings-to-confirm', { token: sormland, now: NOW });
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.map((x: { key: string }) => x.key),
        ['body-anp', 'body-avp', 'body-aspf'],
      );
      assert.match(list.body[0].assumption, /inte vilka kommuner den omfattar/);
      const varmland = await s.login('admin.varmland', { now: NOW });
      assert.deepEqual(
        (await s.api('GET', '/api/admin/settings-to-confirm', { token: varmland, now: NOW })).body.map(
          (x: { key: string }) => x.key,
        ),
        ['deviation-ladder-1'],
      );
      const foreign = await s.api('POST', '/api/admin/settings-to-confirm/body-anp/confirmation', {
        token: varmland,
        body: {},
        now: NOW,
      });
      assert.equal(foreign.status, 404);
      assert.match(foreign.headers.get('content-type') ?? '', /problem\+json/);
      const staff = await s.login('soc.eskilstuna', { now: NOW });
      const refused = await s.api('POST', '/api/admin/settings-to-confirm/confirmation', {
        token: staff,
        body: {},
        now: NOW,
      });
      assert.equal(refused.status, 403);
      const one = await s.api('POST', '/api/admin/settings-to-confirm/body-anp/confirmation', {
        token: sormland,
        body: {},
        now: NOW,
      });
      assert.equal(one.status, 200, one.text);
      assert.deepEqual(
        one.body.confirmed.map((x: { key: string }) => x.key),
        ['body-anp'],
      );
      const rest = await s.api('POST', '/api/admin/settings-to-confirm/confirmation', {
        token: sormland,
        body: {},
        now: NOW,
      });
      assert.deepEqual(
        rest.body.confirmed.map((x: { key: string }) => x.key),
        ['body-avp', 'body-aspf'],
      );
      assert.deepEqual(
        (await s.api('GET', '/api/admin/settings-to-confirm', { token: sormland, now: NOW })).body,
        [],
      );
      const log = await s.api('GET', '/api/admin/log', { token: sormland, now: NOW });
      const confirmations = log.body.filter((e: { change: string }) => e.change === 'settingConfirmed');
      assert.equal(confirmations.length, 3);
      assert.ok(
        confirmations.every((e: { actor: { username: string } }) => e.actor.username === 'admin.sormland'),
      );
    } finally {
      await reset('04');
    }
  });

  test('Värmland follows its agreement’s wording on the level page: level 1 for deviations to the Beredningsgrupp', async () => {
    const b = await as('admin.varmland');
    const disputes = await b.request('GET', '/administration/eskalering/tvister/1');
    assert.doesNotMatch(disputes.text, /name="bodyIds"/, 'the dispute ladder keeps its managers');
    const form = '/administration/eskalering/avvikelser/1';
    assert.match((await b.request('GET', form)).text, /Samverkansorgan som tar emot avvikelser direkt/);
    try {
      const res = await b.submit(form, form, {
        label: 'Beredningsgruppen Nya perspektiv',
        bodyIds: 'body-17-beredningsgruppen',
        source: 'Värmland, Avvikelser',
      });
      assert.equal(res.status, 303, res.text.slice(0, 300));
      const ladders = (await b.request('GET', '/administration/eskalering')).text;
      const first = ladders.match(
        /Nivå 1<\/span>\s*<span class="app-ladder__label">([^<]+)<\/span>\s*<span class="app-ladder__detail">([^<]+)/,
      );
      assert.deepEqual(
        [first?.[1], first?.[2]],
        ['Beredningsgruppen Nya perspektiv', 'Beredningsgruppen Nya perspektiv'],
      );
    } finally {
      const token = await s.login('admin.varmland', { now: NOW });
      const undo = await s.api('PATCH', '/api/admin/ladders/deviation/levels/1', {
        token,
        body: { label: 'Chefer på motsvarande nivå i kommunen och regionen', bodyIds: [] },
        now: NOW,
      });
      assert.equal(undo.status, 200, undo.text);
    }
  });
});

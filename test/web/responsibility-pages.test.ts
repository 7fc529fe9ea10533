import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { responsibilityRows } from '../../src/modules/responsibilities/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { individualCase } from '../helpers/dispute-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { consentFor, NOW, tolvan } from '../helpers/sip-world.ts';

// The responsibility list as pages (DOMAIN.md §3): the list with its filters in the address bar, and where it is
// offered: in the SIP plan form where an intervention's responsible unit is chosen, and from the disputes.

/** The part of a page inside <main>: what the page says, without the header's and footer's fixed texts. */
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** The table's rows as [id, area, whose] in the order shown. */
function tableRows(html: string): [string, string, string][] {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [
    ...body.matchAll(
      /<tr class="govuk-table__row" id="([^"]+)">\s*<th scope="row" class="govuk-table__header">([^<]*)<\/th>\s*<td class="govuk-table__cell">([^<]*)<\/td>/g,
    ),
  ].map((m) => [m[1]!, m[2]!, m[3]!]);
}

/** The text of the live count line under the form. */
const countLine = (html: string) =>
  /<p class="govuk-body" role="status">([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/\s+/g, ' ').trim();

/** The option chosen in a select. */
function selected(html: string, name: string) {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected/.exec(select)?.[1];
}

describe('responsibility pages', () => {
  let s: TestServer;
  const browsers = new Map<string, Browser>();
  async function browser(username: string) {
    let b = browsers.get(username);
    if (!b) {
      b = new Browser(s.url, {}, { now: NOW });
      await s.webLogin(b, username);
      browsers.set(username, b);
    }
    return b;
  }
  const page = async (username: string, path: string, status = 200) => {
    const res = await (await browser(username)).request('GET', path);
    assert.equal(res.status, status, `${username} GET ${path}: ${res.status}`);
    return res.text;
  };

  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('without a login the page sends to the login page', async () => {
    const res = await new Browser(s.url).request('GET', '/ansvarsfordelning');
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/logga-in/);
  });

  test("the list opens on the user's own county, every row of the seed in order, with a caption and a count", async () => {
    const html = await page('soc.arvika', '/ansvarsfordelning');
    assert.equal(selected(html, 'lan'), '17');
    assert.equal(selected(html, 'huvudman'), 'alla');
    assert.match(html, /<form method="get" action="\/ansvarsfordelning"/);
    assert.match(
      html,
      /<caption class="govuk-table__caption govuk-table__caption--m">Ansvarsfördelning enligt överenskommelsen i Värmlands län<\/caption>/,
    );
    const rows = tableRows(html);
    assert.equal(rows.length, 23);
    assert.deepEqual(
      rows.map(([id]) => id),
      Array.from({ length: 23 }, (_, i) => `responsibility-17-${String(i + 1).padStart(2, '0')}`),
    );
    assert.deepEqual(rows[2], ['responsibility-17-03', 'Boende och stöd i vardagen', 'Kommunen']);
    assert.equal(countLine(html), '23 rader.');
    for (const heading of ['Område', 'Vem', 'Vad som ingår', 'Lagrum', 'Källa'])
      assert.match(html, new RegExp(`<th scope="col" class="govuk-table__header">${heading}</th>`));
    assert.match(html, /LPT, LRV/);
    assert.match(html, /class="app-table-scroll" role="region"[^>]*tabindex="0"/);
    assert.match(
      html,
      /<a class="govuk-service-navigation__link" href="\/overenskommelser" aria-current="true">/,
    );
  });

  test('an Örebro user starts on Örebro; another county is a choice away', async () => {
    const own = await page('soc.orebro', '/ansvarsfordelning');
    assert.equal(selected(own, 'lan'), '18');
    assert.equal(tableRows(own).length, 7);
    const other = await page('soc.orebro', '/ansvarsfordelning?lan=17');
    assert.equal(selected(other, 'lan'), '17');
    assert.equal(tableRows(other).length, 23);
  });

  test('the search narrows the list, ignoring case, and keeps what was typed', async () => {
    const html = await page(
      'soc.arvika',
      `/ansvarsfordelning?lan=18&huvudman=alla&sok=${encodeURIComponent('HJÄLPMEDEL')}`,
    );
    assert.deepEqual(
      tableRows(html).map(([, area, who]) => [area, who]),
      [
        ['Omvårdnadshjälpmedel', 'Kommunen'],
        ['Personliga hjälpmedel', 'Regionen'],
      ],
    );
    assert.equal(countLine(html), '2 rader matchar.');
    assert.match(html, /<input[^>]*\sid="sok" name="sok" type="search"[^>]*\svalue="HJÄLPMEDEL"/);
    assert.match(
      html,
      /<a class="govuk-link" href="\/ansvarsfordelning\?lan=18">Visa hela listan för Örebro län<\/a>/,
    );
  });

  test('the principal filter shows only that principal’s rows', async () => {
    const html = await page('soc.arvika', '/ansvarsfordelning?lan=17&huvudman=region');
    assert.equal(selected(html, 'huvudman'), 'region');
    const rows = tableRows(html);
    assert.equal(rows.length, 9);
    assert.ok(
      rows.every(([, , who]) => who === 'Regionen'),
      JSON.stringify(rows),
    );
    const shared = tableRows(await page('soc.arvika', '/ansvarsfordelning?lan=17&huvudman=gemensamt'));
    assert.deepEqual(
      shared.map(([, area]) => area),
      ['Hjälpmedel', 'Placering utanför hemmet: gemensam planering', 'Personer med samsjuklighet'],
    );
  });

  test('nothing matching: a Swedish empty state and no table', async () => {
    const html = await page('soc.arvika', '/ansvarsfordelning?lan=17&sok=brandskydd');
    assert.equal(tableRows(html).length, 0);
    assert.doesNotMatch(html, /<table/);
    assert.equal(
      countLine(html),
      'Inga rader matchar. Prova ett annat sökord eller välj Alla under Vem ansvarar.',
    );
  });

  test('Sörmland’s and Dalarna’s lists are shown for their counties, to their own staff too', async () => {
    const sormland = await page('soc.eskilstuna', '/ansvarsfordelning');
    assert.equal(selected(sormland, 'lan'), '04');
    const rows = tableRows(sormland);
    assert.equal(rows.length, 21);
    assert.ok(rows.some(([, area, who]) => area === 'Hjälpmedel: beslut i NSV' && who === 'Gemensamt'));
    assert.ok(rows.some(([, area]) => area === 'Gemensamt drivna boendeverksamheter'));
    assert.ok(rows.some(([, area]) => area === 'Hälso- och sjukvårdsansvar eller egenvård'));
    assert.match(sormland, /Sörmland §17/);
    const dalarna = tableRows(await page('soc.arvika', '/ansvarsfordelning?lan=20&huvudman=gemensamt'));
    assert.equal(dalarna.length, 5);
    assert.equal(dalarna[0]?.[1], 'Enskilda aktörer på avtal');
  });

  test('an unknown county: 400 with the form back and a Swedish message at the county field', async () => {
    const html = await page('soc.arvika', '/ansvarsfordelning?lan=99', 400);
    assert.match(html, /<title>Fel: Ansvarsfördelning – Sömlös<\/title>/);
    assert.match(html, /class="govuk-error-summary"/);
    assert.match(html, /<a href="#lan">Länet finns inte i Sömlös\. Välj ett län i listan\.<\/a>/);
    assert.match(html, /<p id="lan-error" class="govuk-error-message">/);
    assert.doesNotMatch(html, /<table/);
    assert.equal(selected(html, 'lan'), '');
    const badFilter = await (await browser('soc.arvika')).request(
      'GET',
      '/ansvarsfordelning?huvudman=kommunen',
    );
    assert.equal(badFilter.status, 400);
  });

  test('the SIP plan form offers the county’s list, grouped by principal, beside the interventions', async () => {
    const token = await s.login('psykiatri.karlstad', { now: NOW });
    const call = (method: string, path: string, body: unknown) =>
      s.api(method, path, { token, body, now: NOW });
    const started = await call('POST', '/api/sips', {
      person: tolvan,
      reason: 'Behöver samordnade insatser',
    });
    assert.equal(started.status, 201, started.text);
    const consent = await call(
      'POST',
      `/api/sips/${started.body.id}/consent`,
      consentFor(['region-17', 'municipality-1780']),
    );
    assert.equal(consent.status, 200, consent.text);
    const html = main(await page('psykiatri.karlstad', `/sip/${started.body.id}/plan`));
    const details = /<details id="ansvarsfordelning" class="govuk-details">([\s\S]*?)<\/details>/.exec(
      html,
    )?.[1];
    assert.ok(details, 'the plan form has the details');
    assert.ok(
      html.indexOf('<h2 class="govuk-heading-m">Insatser</h2>') < html.indexOf('id="ansvarsfordelning"') &&
        html.indexOf('id="ansvarsfordelning"') < html.indexOf('id="intervention0Unit"'),
      'the list sits with the interventions, before the first responsible unit is chosen',
    );
    assert.match(details, /Ansvarsfördelning enligt överenskommelsen/);
    const headings = [...details.matchAll(/<h3 class="govuk-heading-s">([^<]*)<\/h3>/g)].map((m) => m[1]);
    assert.deepEqual(headings, ['Kommunen', 'Regionen', 'Gemensamt']);
    const group = (label: string) => {
      const start = details.indexOf(`>${label}</h3>`);
      return details.slice(start, details.indexOf('</ul>', start));
    };
    assert.match(group('Kommunen'), /<strong>Boende och stöd i vardagen:<\/strong> Tillhandahålla boende/);
    assert.match(group('Regionen'), /Tvångsvård i enlighet med LPT/);
    assert.match(group('Gemensamt'), /<strong>Hjälpmedel:<\/strong>/);
    assert.equal([...details.matchAll(/<li>/g)].length, 23);
    assert.doesNotMatch(details, /Omvårdnadshjälpmedel/, 'only the SIP county’s list');
    assert.match(
      details,
      /<a class="govuk-link" href="\/ansvarsfordelning\?lan=17">Sök i ansvarsfördelningen<\/a>/,
    );
  });

  test('the dispute page and the form for opening one link to the county’s list', async () => {
    const token = await s.login('chef.soc.karlstad', { now: NOW });
    const opened = await s.api('POST', '/api/disputes', { token, body: individualCase(), now: NOW });
    assert.equal(opened.status, 201, opened.text);
    const link =
      /<a class="govuk-link" href="\/ansvarsfordelning\?lan=17">Se ansvarsfördelningen i överenskommelsen<\/a>/;
    assert.match(main(await page('chef.soc.karlstad', `/tvister/${opened.body.id}`)), link);
    assert.match(main(await page('chef.soc.karlstad', '/tvister/ny?typ=enskilt')), link);
    assert.equal(tableRows(await page('chef.soc.karlstad', '/ansvarsfordelning?lan=17')).length, 23);
  });
});

describe('responsibility pages: a county whose agreement has no list', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await s.database.db.delete(responsibilityRows).where(eq(responsibilityRows.countyCode, '04'));
  });
  after(() => s.close());

  test('says so, with no table', async () => {
    const b = new Browser(s.url, {}, { now: NOW });
    await s.webLogin(b, 'soc.arvika');
    const res = await b.request('GET', '/ansvarsfordelning?lan=04');
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.text, /<table/);
    assert.equal(
      countLine(res.text),
      'Överenskommelsen i Södermanlands län har ingen ansvarsfördelning i Sömlös ännu.',
    );
  });
});

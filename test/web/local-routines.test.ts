import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readMunicipalities } from '../../src/modules/organisations/load-reference.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Värmland's local routines (issue 28 item 7): the county agreement "ska ligga till grund för lokal samverkan"
// and the local routines "beskriva hur samverkan ska ske i respektive kommun" (Värmland, Bakgrund). Each
// municipality's routine is a local agreement made from Värmland's template, whose headings are the
// agreement's own sections; the same mechanism as Sörmland's local agreements (Sörmland §2).

const NOW = '2026-11-23T10:00:00Z';
const varmlandHeadings = [
  'Kommun och parter',
  'Lokala behov och förutsättningar',
  'Andra aktörer i samverkan',
  'Brukarinflytande',
  'Kommunens och regionens ansvar för målgruppen',
  'Personer med samsjuklighet',
  'Samverkan vid in- och utskrivning från slutenvården',
  'Samordnad individuell plan (SIP)',
  'Placeringar utanför det egna hemmet',
  'Barn och unga',
  'Äldre personer med behov av särskilt stöd',
  'Särskilt utsatta grupper',
  'Implementering och kompetensutveckling',
  'Avvikelser och tvister',
];

describe("Värmland's local routines from the county's template", () => {
  let s: TestServer;
  let token: string;
  const call = (method: string, path: string, body?: unknown) =>
    s.api(method, path, { token, body, now: NOW });

  before(async () => {
    s = await startTestServer();
    token = await s.login('avtal.varmland', { now: NOW });
  });
  after(() => s.close());

  test('every Värmland municipality gets its own routine, a draft with the template’s headings', async () => {
    const municipalities = readMunicipalities().filter((m) => m.countyCode === '17');
    assert.equal(municipalities.length, 16);
    for (const m of municipalities) {
      const res = await call('POST', '/api/agreements/agreement-17/local-agreements', {
        title: `Lokal rutin för samverkan i ${m.name}`,
        scope: m.name,
        principalIds: [`municipality-${m.code}`],
      });
      assert.equal(res.status, 201, `${m.name}: ${res.text}`);
      assert.equal(res.body.kind, 'local');
      assert.equal(res.body.status, 'draft');
      assert.equal(res.body.parentAgreementId, 'agreement-17');
      assert.deepEqual(res.body.parties.map((p: { principalId: string }) => p.principalId).sort(), [
        `municipality-${m.code}`,
        'region-17',
      ]);
      const version = await call('GET', `/api/agreements/${res.body.id}/versions/1`);
      assert.equal(version.status, 200, version.text);
      assert.deepEqual(
        version.body.sections.map((x: { heading: string }) => x.heading),
        varmlandHeadings,
        m.name,
      );
      assert.ok(version.body.sections.every((x: { text: string }) => x.text === ''));
    }
    const list = await call('GET', '/api/agreements?countyCode=17');
    const locals = list.body.filter((a: { kind: string }) => a.kind === 'local');
    assert.equal(locals.length, 16);
  });

  test('Sörmland keeps its own template, numbered from one', async () => {
    const sormland = await s.login('avtal.sormland', { now: NOW });
    const res = await s.api('POST', '/api/agreements/agreement-04/local-agreements', {
      token: sormland,
      now: NOW,
      body: {
        title: 'Lokal överenskommelse Flen',
        scope: 'Flens kommun',
        principalIds: ['municipality-0482'],
      },
    });
    assert.equal(res.status, 201, res.text);
    const version = await s.api('GET', `/api/agreements/${res.body.id}/versions/1`, {
      token: sormland,
      now: NOW,
    });
    const headings = version.body.sections.map((x: { heading: string }) => x.heading);
    assert.equal(headings[0], 'Parter och område');
    assert.equal(headings.at(-1), 'Uppföljning och revidering');
    assert.ok(!headings.includes('Kommun och parter'), 'nothing of Värmland’s');
  });

  test('the form shows the template with what the agreement says under each heading, and its source', async () => {
    const b = new Browser(s.url, {}, { now: NOW });
    await s.webLogin(b, 'avtal.varmland');
    const shown = await b.request('GET', '/overenskommelser/agreement-17');
    assert.match(shown.text, /href="\/overenskommelser\/agreement-17\/lokal"/);
    const form = await b.request('GET', '/overenskommelser/agreement-17/lokal');
    assert.equal(form.status, 200);
    assert.match(form.text, /Länets mall: 14 rubriker/);
    assert.match(
      form.text,
      /<strong>Placeringar utanför det egna hemmet<\/strong>\. Gemensam planering i ett tidigt skede[^<]*<span class="app-secondary">\(Källa: Värmland, Ansvarsfördelning vid placeringar utanför det egna hemmet\)<\/span>/,
    );
    const created = await b.submit(
      '/overenskommelser/agreement-17/lokal',
      '/overenskommelser/agreement-17/lokal',
      {
        title: 'Lokal rutin för samverkan i Arvika',
        scope: 'Arvika kommun',
        principalIds: ['municipality-1784'],
      },
    );
    assert.equal(created.status, 303, created.text.slice(0, 300));
    const page = await b.request('GET', created.headers.get('location')!);
    assert.match(page.text, /Lokal rutin för samverkan i Arvika/);
  });
});

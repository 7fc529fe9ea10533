import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../../src/jobs.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { Browser } from '../helpers/browser.ts';
import { followUpWorld } from '../helpers/followup-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The follow-up pages over real HTTP with cookie sessions: the start page, dashboards with a chart beside each
// table, the CSV, hand-entered values with their errors at the fields, action plans made and changed through
// their forms, the annual report as a page and a PDF, and the reminder on Mitt arbete.

const NOW = '2026-11-26T10:00:00Z';
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const plain = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/\s+/g, ' ');
const text = (html: string) => plain(main(html));

describe('pages: follow-up', () => {
  let s: TestServer;
  const browsers = new Map<string, Browser>();
  const as = async (username: string, now = NOW) => {
    const key = `${username}@${now}`;
    if (!browsers.has(key)) {
      const b = new Browser(s.url, {}, { now });
      await s.webLogin(b, username);
      browsers.set(key, b);
    }
    return browsers.get(key)!;
  };
  let w: ReturnType<typeof followUpWorld>;
  before(async () => {
    s = await startTestServer();
    w = followUpWorld(s);
    // Two SIPs so there is something to draw; then the figures are computed.
    for (const on of ['2026-10-05', '2026-11-02']) {
      const sip = await w.startSip('psykiatri.karlstad', on);
      await w.consent('psykiatri.karlstad', sip, on, ['region-17', 'municipality-1780']);
    }
    await w.refresh(NOW);
  });
  after(() => s.close());

  test('Uppföljning in the menu leads to the plan, its indicators, the calendar and the links onward', async () => {
    const b = await as('soc.karlstad');
    const page = await b.request('GET', '/uppfoljning');
    assert.equal(page.status, 200);
    const t = text(page.text);
    assert.match(t, /Årlig uppföljning av överenskommelsen/);
    assert.match(t, /Följs upp av Regional Koordinering Psykisk Hälsa/);
    assert.match(t, /2027-02-15 RKPH:s årliga uppföljning/);
    assert.match(t, /Kallelser besvarade inom svarstiden Beräknas av Sömlös minst 90 %/);
    assert.match(page.text, /href="\/uppfoljning\/indikatorer"/);
    assert.match(
      page.text,
      /aria-current="page"[^>]*>\s*Uppföljning|class="govuk-service-navigation__item govuk-service-navigation__item--active"/,
    );
  });

  test('the county dashboard: an SVG chart with its text alternative beside every table, figures dated', async () => {
    await w.refresh(NOW); // the figures as of NOW, whatever another test's jobs computed since
    const b = await as('soc.karlstad');
    const page = await b.request('GET', '/uppfoljning/indikatorer?ar=2026');
    assert.equal(page.status, 200);
    assert.match(text(page.text), /Siffrorna uppdaterades 2026-11-26 11:00/);
    const sections = main(page.text).split('<section class="app-indicator"').slice(1);
    assert.equal(sections.length, 21, 'the common set: 14 indicators and the 7 of discharge planning');
    const started = sections.find((x) => x.includes('Startade SIP:ar'))!;
    // Two SIPs, in October and November: small counts, hidden from Karlstads kommun, so nothing to draw.
    assert.match(plain(started), /2026-10 dolt/);
    assert.match(plain(started), /Hela 2026 dolt/);
    assert.match(started, /Inget att visa i diagrammet: alla antal som inte är noll är dolda/);
    // The region's own user sees them, drawn.
    const own = await (await as('psykiatri.karlstad')).request(
      'GET',
      '/uppfoljning/indikatorer?ar=2026&huvudman=region-17',
    );
    const ownStarted = main(own.text)
      .split('<section class="app-indicator"')
      .find((x) => x.includes('Startade SIP:ar'))!;
    const svg = ownStarted.match(/<svg[^>]*>/)?.[0] ?? '';
    assert.match(svg, /role="img"/);
    assert.match(
      svg,
      /aria-label="Stapeldiagram per månad: Startade SIP:ar, Region Värmland 2026\. Siffrorna finns i tabellen intill\."/,
    );
    assert.doesNotMatch(ownStarted, /<style/);
    assert.match(plain(ownStarted), /2026-10 1 2026-11 1/);
    assert.match(text(own.text), /Du hör till huvudmannen och ser alla antal/);
  });

  test("a computed indicator's page: the county month by month with the chart's table, and each principal's year", async () => {
    await w.refresh(NOW);
    const dashboard = await (await as('soc.karlstad')).request('GET', '/uppfoljning/indikatorer?ar=2026');
    const started = main(dashboard.text)
      .split('<section class="app-indicator"')
      .find((x) => x.includes('Startade SIP:ar'))!;
    const href = started.match(
      /href="(\/uppfoljning\/indikatorer\/[^"]+)">Månad för månad och per huvudman/,
    )![1]!;
    // Karlstads kommun's user: the region's two SIPs are a small count, hidden in the county's months and in
    // the region's row; its own principal's row says 0.
    const municipal = await (await as('soc.karlstad')).request('GET', `${href}?ar=2026`);
    assert.equal(municipal.status, 200);
    const t = text(municipal.text);
    assert.match(t, /Startade SIP:ar/);
    assert.match(t, /Värmlands län 2026, månad för månad/);
    assert.match(t, /2026-10 dolt/);
    assert.match(t, /Huvudman för huvudman 2026 .*Huvudman Antal Region Värmland , alla indikatorer dolt/);
    assert.match(t, /Karlstads kommun , alla indikatorer 0/);
    // The region's own user sees its own figure.
    const regional = text((await (await as('psykiatri.karlstad')).request('GET', `${href}?ar=2026`)).text);
    assert.match(regional, /Region Värmland , alla indikatorer 2/);
    // Another year is chosen in the form, a GET with ar.
    assert.match(
      municipal.text,
      /<form method="get" action="\/uppfoljning\/indikatorer\/[^"]+" class="app-filter"/,
    );
    const earlier = text((await (await as('soc.karlstad')).request('GET', `${href}?ar=2025`)).text);
    assert.match(earlier, /Värmlands län 2025, månad för månad/);
    assert.match(earlier, /Region Värmland , alla indikatorer 0/);
  });

  test('the CSV has every figure, hidden ones as "dolt", with the time the figures were computed', async () => {
    await w.refresh(NOW); // the figures as of NOW, whatever another test's jobs computed since
    const b = await as('soc.karlstad');
    const csv = await b.download('/uppfoljning/indikatorer.csv?ar=2026');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const body = csv.body.toString('utf8');
    assert.ok(body.startsWith('\uFEFFIndikator;Omfattning;Period;Värde;Underlag;Mål;Källa;Uppdaterad\r\n'));
    assert.ok(
      body.includes(
        'Startade SIP:ar;Värmlands län;2026-10;dolt;dolt;;Beräknad av Sömlös;2026-11-26 11:00\r\n',
      ),
    );
    assert.ok(body.includes('Personer med stöd av personligt ombud;Värmlands län;2025;181;;;Länsstyrelsen'));
  });

  test("another county's principal is a 404 page; a year out of range is a 400", async () => {
    const b = await as('soc.falun');
    assert.equal((await b.request('GET', '/uppfoljning/indikatorer?huvudman=region-17')).status, 404);
    assert.equal((await b.request('GET', '/uppfoljning/indikatorer?ar=1999')).status, 400);
  });

  test('a national figure entered through the form; wrong input is shown at each field with what was typed', async () => {
    const b = await as('avtal.varmland');
    const path = '/uppfoljning/indikatorer/indicator-17-personalOmbud';
    const bad = await b.submit(path, `${path}/varden`, { period: '2025-14', value: 'tolv', source: '' });
    assert.equal(bad.status, 400);
    const t = text(bad.text);
    assert.match(t, /Det finns ett problem/);
    assert.match(t, /Ange perioden som ett år \(2025\) eller en månad \(2025-03\)/);
    assert.match(t, /Ange ett tal, till exempel 12 eller 12,5/);
    assert.match(bad.text, /id="period" name="period" type="text" value="2025-14"/);
    const good = await b.submit(path, `${path}/varden`, {
      period: '2026',
      value: '1 204',
      source: 'Länsstyrelsen 2026',
    });
    assert.equal(good.status, 303);
    assert.match(text((await b.request('GET', path)).text), /2026 1204 Länsstyrelsen 2026/);
    // Staff read the page but get no form, and posting is refused.
    const staff = await as('soc.karlstad');
    assert.doesNotMatch((await staff.request('GET', path)).text, /Spara värdet/);
  });

  test('an action plan made and changed through its forms, and its errors at the fields', async () => {
    const b = await as('beredning.varmland');
    const empty = await b.submit('/uppfoljning/handlingsplaner/ny', '/uppfoljning/handlingsplaner/ny', {});
    assert.equal(empty.status, 400);
    for (const message of [
      'Ge handlingsplanen en rubrik',
      'Välj vad planen bygger på',
      'Välj vem som äger planen',
    ])
      assert.match(text(empty.text), new RegExp(message));
    const made = await b.submit('/uppfoljning/handlingsplaner/ny', '/uppfoljning/handlingsplaner/ny', {
      title: 'Gemensam utskrivning',
      description: 'Utskrivningar planeras tillsammans.',
      origin: 'jointAnalysis',
      originNote: 'Beredningsgruppens analys hösten 2026.',
      owner: 'body:body-17-beredningsgruppen',
      startsOn: '2026-11-01',
      endsOn: '2027-05-31',
    });
    assert.equal(made.status, 303);
    const path = made.headers.get('location')!;
    const unitPage = await b.request('GET', path);
    assert.match(text(unitPage.text), /Pågår/);
    const noUnit = await b.submit(path, `${path}/atgarder`, {
      description: 'Checklista',
      responsibleUnitId: '',
      dueOn: '2026-13-01',
    });
    assert.equal(noUnit.status, 400);
    assert.match(text(noUnit.text), /Välj den enhet som ansvarar/);
    assert.match(text(noUnit.text), /Datumet finns inte i kalendern|Ange datumet som ÅÅÅÅ-MM-DD/);
    const unitId = unitPage.text.match(
      /<option value="([^"]+)">Socialtjänst vuxen, Karlstad \(Karlstads kommun\)/,
    )![1]!;
    assert.equal(
      (
        await b.submit(path, `${path}/atgarder`, {
          description: 'Checklista',
          responsibleUnitId: unitId,
          dueOn: '2026-12-10',
        })
      ).status,
      303,
    );
    assert.equal(
      (await b.submit(path, `${path}/anteckningar`, { on: '2026-11-26', text: 'Första mötet hållet.' }))
        .status,
      303,
    );
    const shown = text((await b.request('GET', path)).text);
    assert.match(
      shown,
      /Checklista Ansvarig: Socialtjänst vuxen, Karlstad, Karlstads kommun\. Klar senast 2026-12-10\./,
    );
    assert.match(shown, /2026-11-26 Första mötet hållet\./);
    // Past its date the action is reminded to Karlstad, and shows on Mitt arbete there.
    await runJobs({ db: s.database.db, now: new Date('2026-12-11T06:00:00Z') });
    const karlstad = await as('soc.karlstad', '2026-12-11T10:00:00Z');
    const myWork = text((await karlstad.request('GET', '/')).text);
    assert.match(
      myWork,
      /Åtgärder i handlingsplaner som är försenade Gemensam utskrivning : Checklista, skulle ha varit klar senast 2026-12-10/,
    );
    const list = text((await b.request('GET', '/uppfoljning/handlingsplaner')).text);
    assert.match(list, /Gemensam utskrivning Gemensam analys Beredningsgruppen Nya perspektiv/);
  });

  test('the annual report as a page and as a PDF', async () => {
    const b = await as('psykiatri.karlstad');
    const page = await b.request('GET', '/uppfoljning/arsrapport?ar=2026');
    assert.equal(page.status, 200);
    const t = text(page.text);
    assert.match(t, /Årlig uppföljning 2026/);
    assert.match(
      t,
      /Kallelser till SIP besvaras i tid Beredningsgruppen Nya perspektiv 2026-09-01 – 2027-06-30 1 av 3 klara Pågår/,
    );
    assert.match(t, /Startade SIP:ar dolt dolt/);
    const pdf = await b.download('/uppfoljning/arsrapport.pdf?ar=2026');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition') ?? '', /arlig-uppfoljning-17-2026\.pdf/);
    assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.body.length > 5000);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../../src/jobs.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The needs inventory pages over real HTTP with cookie sessions: the list with the demo's synthetic round, a
// round planned through its form and opened with its status button, records entered by two units of Eskilstuna
// (errors at the fields, a personnummer refused, each unit seeing only its own), a unit that does not take part
// kept out, the demo round's results as a page with a chart beside each table, a CSV and a PDF, another county
// kept out, and the note on Mitt arbete that the next inventory is due.

const NOW = '2026-12-04T10:00:00Z';
const demoRound = 'needs-inventory-04-2023';
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const plain = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/\s+/g, ' ');
const text = (html: string) => plain(main(html));

/** A valid record as the form posts it (the short form's five life areas). */
const record = (over: Record<string, string | string[]> = {}) => ({
  municipalityCode: '0484',
  ageBand: '35-49',
  gender: 'woman',
  housing: 'own',
  occupation: 'none',
  contacts: ['psychiatry'],
  need_housing: 'none',
  need_occupation: 'unmet',
  need_dailyLiving: 'met',
  need_social: 'unmet',
  need_psychiatricCare: 'met',
  ...over,
});

describe('pages: needs inventories', () => {
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
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  /** A round of the test's own, open for registration by the two Eskilstuna units: the path of its page. */
  async function collectingRound(): Promise<string> {
    const token = await s.login('avtal.sormland', { now: NOW });
    const unitOf = async (username: string) =>
      (await s.api('GET', '/api/me', { token: await s.login(username, { now: NOW }), now: NOW })).body.unit
        .id;
    const created = await s.api('POST', '/api/needs-inventories', {
      token,
      now: NOW,
      body: {
        title: 'Behovsinventering 2026 (sidtest, egen)',
        periodStart: '2026-12-01',
        periodEnd: '2027-01-31',
        formId: 'skl-kortversion-2015',
        coordinatorBodyId: 'body-04-bgp',
        unitIds: [await unitOf('soc.eskilstuna'), await unitOf('boendestod.eskilstuna')],
        instructions: 'En person som båda enheterna känner registreras av socialtjänsten.',
      },
    });
    assert.equal(created.status, 201, created.text);
    const opened = await s.api('POST', `/api/needs-inventories/${created.body.id}/status`, {
      token,
      now: NOW,
      body: { status: 'collecting' },
    });
    assert.equal(opened.status, 200, opened.text);
    return `/behovsinventeringar/${created.body.id}`;
  }
  /** Such a round, with one person registered by Socialtjänst vuxen, Eskilstuna: a woman of 35–49. */
  async function roundWithOneRecord(): Promise<string> {
    const roundPath = await collectingRound();
    const form = `${roundPath}/registrera`;
    const saved = await (await as('soc.eskilstuna')).submit(form, form, record());
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    return roundPath;
  }

  test('Mitt arbete tells the coordinators, three years after the last round was reported, that the next is due', async () => {
    // On a server of its own: a round started after the demo's, as the other tests start, stands the note down.
    const demo = await startTestServer();
    try {
      const b = await demo.webLogin(new Browser(demo.url, {}, { now: NOW }), 'bgp.sormland');
      assert.doesNotMatch(text((await b.request('GET', '/')).text), /dags att planera nästa inventering/);
      await runJobs({ db: demo.database.db, now: new Date('2026-10-17T06:00:00Z') });
      const myWork = await b.request('GET', '/');
      assert.equal(myWork.status, 200);
      assert.match(
        text(myWork.text),
        /Behovsinventeringar Behovsinventering 2023 : redovisades 2023-10-16; det är dags att planera nästa inventering/,
      );
      assert.match(myWork.text, new RegExp(`href="/behovsinventeringar/${demoRound}"`));
    } finally {
      await demo.close();
    }
  });

  test('the list shows the demo round, marked synthetic', async () => {
    const b = await as('soc.eskilstuna');
    const page = await b.request('GET', '/behovsinventeringar');
    assert.equal(page.status, 200);
    const t = text(page.text);
    assert.match(t, /Behovsinventering 2023/);
    assert.match(t, /Syntetiska uppgifter/);
    assert.match(t, /Redovisad/);
    assert.match(page.text, new RegExp(`href="/behovsinventeringar/${demoRound}"`));
    assert.doesNotMatch(t, /Ny behovsinventering/, 'staff do not plan rounds');
    assert.match(
      text((await (await as('avtal.sormland')).request('GET', '/behovsinventeringar')).text),
      /Ny behovsinventering/,
    );
  });

  test('a round planned through its form: errors at the fields first, then saved and opened for registration', async () => {
    const b = await as('avtal.sormland');
    const form = '/behovsinventeringar/ny';
    const empty = await b.submit(form, form, { title: '', coordinatorBodyId: '' });
    assert.equal(empty.status, 400);
    const t = text(empty.text);
    assert.match(t, /Det finns ett problem/);
    for (const message of [
      'Ge inventeringen en rubrik',
      'Ange när registreringen börjar',
      'Ange när registreringen slutar',
      'Välj formulär',
      'Välj vem som samordnar inventeringen',
      'Välj minst en enhet som registrerar personer',
      'Skriv instruktionen',
    ])
      assert.match(t, new RegExp(message));
    assert.match(empty.text, /id="title-error"/);
    const page = (await b.request('GET', form)).text;
    const unit = (name: string) =>
      page.match(new RegExp(`value="([^"]+)"[^>]*>\\s*<label[^>]*>\\s*${name} \\(Eskilstuna kommun\\)`))?.[1];
    const units = [unit('Socialtjänst vuxen, Eskilstuna'), unit('Boendestöd, Eskilstuna')];
    assert.ok(units.every(Boolean), 'both Eskilstuna units are offered');
    const made = await b.submit(form, form, {
      title: 'Behovsinventering 2026 (sidtest)',
      periodStart: '2026-12-01',
      periodEnd: '2027-01-31',
      formId: 'skl-kortversion-2015',
      coordinatorBodyId: 'body-04-bgp',
      unitIds: units as string[],
      instructions: 'En person som båda enheterna känner registreras av socialtjänsten.',
    });
    assert.equal(made.status, 303, made.text.slice(0, 300));
    const roundPath = made.headers.get('location')!;
    assert.match(roundPath, /^\/behovsinventeringar\/[0-9a-f-]{36}$/);

    const planned = await b.request('GET', roundPath);
    assert.equal(planned.status, 200);
    assert.match(text(planned.text), /Behovsinventering 2026 \(sidtest\) Planerad/);
    assert.match(text(planned.text), /Socialtjänst vuxen, Eskilstuna \(Eskilstuna kommun\): 0 registrerade/);
    assert.match(planned.text, /Öppna för registrering/);
    const opened = await b.submit(roundPath, `${roundPath}/status`, { status: 'collecting' });
    assert.equal(opened.status, 303);
    assert.equal(opened.headers.get('location'), `${roundPath}?klart=status`);
    const collecting = text((await b.request('GET', opened.headers.get('location')!)).text);
    assert.match(collecting, /Inventeringens status är ändrad/);
    assert.match(collecting, /Registrering pågår/);
    assert.match(collecting, /Stäng registreringen och börja tolka/);
  });

  test('the record form: the use case’s messages at each field with what was typed kept, then saved', async () => {
    const roundPath = await collectingRound();
    const b = await as('soc.eskilstuna');
    const round = await b.request('GET', roundPath);
    assert.match(text(round.text), /Registrera en person/);
    const form = `${roundPath}/registrera`;
    const page = await b.request('GET', form);
    assert.equal(page.status, 200);
    assert.match(text(page.text), /Så gör ni i den här inventeringen: En person som båda enheterna känner/);
    assert.match(text(page.text), /Din enhet har registrerat 0 personer/);

    const empty = await b.submit(form, form, {});
    assert.equal(empty.status, 422);
    const t = text(empty.text);
    assert.match(t, /Det finns ett problem/);
    for (const message of [
      'Välj den kommun i länet där personen bor.',
      'Välj personens åldersgrupp.',
      'Välj hur personen bor.',
      'Välj personens sysselsättning.',
      'Ange om personen har behov inom boende och om det är tillgodosett.',
      'Ange om personen har behov inom psykiatrisk vård och behandling och om det är tillgodosett.',
    ])
      assert.ok(t.includes(message), message);
    assert.match(empty.text, /href="#municipalityCode"/);
    assert.match(empty.text, /href="#need_housing"/);
    assert.match(empty.text, /id="need_housing-error"/);
    assert.match(empty.text, /id="ageBand-error"/);

    // Half filled in: the messages for what is missing, and what was typed is still there.
    const half = await b.submit(form, form, {
      municipalityCode: '0484',
      gender: 'woman',
      contacts: ['psychiatry', 'socialServices'],
      need_occupation: 'unmet',
      note: 'Väntar på daglig verksamhet.',
    });
    assert.equal(half.status, 422);
    assert.doesNotMatch(text(half.text), /Välj den kommun i länet/);
    assert.match(text(half.text), /Välj personens åldersgrupp/);
    assert.match(half.text, /<option value="0484" selected>Eskilstuna kommun<\/option>/);
    assert.match(half.text, /name="gender" type="radio" value="woman" checked/);
    assert.match(half.text, /name="contacts" type="checkbox" value="psychiatry" checked/);
    assert.match(half.text, /name="contacts" type="checkbox" value="socialServices" checked/);
    assert.match(half.text, /name="need_occupation" type="radio" value="unmet" checked/);
    assert.match(half.text, />Väntar på daglig verksamhet.<\/textarea>/);

    const saved = await b.submit(form, form, record());
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `${form}?klart=registrerad`);
    const next = text((await b.request('GET', saved.headers.get('location')!)).text);
    assert.match(next, /Personen är registrerad/);
    assert.match(next, /Din enhet har registrerat 1 person\./);
  });

  test('a note with a personnummer is refused at the note, and nothing is saved', async () => {
    const roundPath = await roundWithOneRecord();
    const b = await as('soc.eskilstuna');
    const form = `${roundPath}/registrera`;
    const refused = await b.submit(form, form, record({ note: 'Samma som 19121212-1212 förra året' }));
    assert.equal(refused.status, 422);
    const t = text(refused.text);
    assert.match(t, /Texten ser ut att innehålla ett personnummer/);
    assert.match(refused.text, /id="note-error"[^>]*>[\s\S]*?Texten ser ut att innehålla ett personnummer/);
    assert.match(refused.text, /<option value="0484" selected>/);
    assert.match(t, /Din enhet har registrerat 1 person\./);
  });

  test('each Eskilstuna unit sees only its own records on the round page', async () => {
    const roundPath = await roundWithOneRecord();
    const home = await as('boendestod.eskilstuna');
    const form = `${roundPath}/registrera`;
    const saved = await home.submit(
      form,
      form,
      record({ ageBand: '50-64', gender: 'man', housing: 'ownWithSupport', need_social: 'none' }),
    );
    assert.equal(saved.status, 303);
    const own = (html: string) => {
      const m = main(html);
      // From "Din enhets registreringar" to the end (there are no comments while the round collects).
      return plain(m.slice(m.indexOf('id="registreringar"')));
    };
    const soc = own((await (await as('soc.eskilstuna')).request('GET', roundPath)).text);
    assert.match(
      soc,
      /Person 1 : Eskilstuna kommun, 35–49 år, Kvinna, Eget boende utan stöd\. Behov som inte är tillgodosedda: sysselsättning och arbete, sociala relationer\./,
    );
    assert.doesNotMatch(soc, /Person 2|Man|50–64 år/);
    const hs = own((await home.request('GET', roundPath)).text);
    assert.match(hs, /Person 1 : Eskilstuna kommun, 50–64 år, Man, Eget boende med boendestöd\./);
    assert.doesNotMatch(hs, /Person 2|Kvinna|35–49 år/);
    // Progress per unit: each unit its own count, the coordinators all.
    const socPage = text((await (await as('soc.eskilstuna')).request('GET', roundPath)).text);
    assert.match(socPage, /Socialtjänst vuxen, Eskilstuna \(Eskilstuna kommun\): 1 registrerade/);
    assert.doesNotMatch(socPage, /Boendestöd, Eskilstuna \(Eskilstuna kommun\): \d/);
    assert.match(
      text((await (await as('bgp.sormland')).request('GET', roundPath)).text),
      /Totalt registrerade: 2/,
    );
  });

  test('a unit that does not take part gets no button and is refused the record form', async () => {
    const roundPath = await collectingRound();
    const b = await as('psykiatri.eskilstuna');
    const round = await b.request('GET', roundPath);
    assert.equal(round.status, 200);
    assert.doesNotMatch(text(round.text), /Registrera en person/);
    assert.doesNotMatch(text(round.text), /Din enhets registreringar/);
    const csrf = Browser.csrf(round.text);
    const post = await b.request('POST', `${roundPath}/registrera`, { _csrf: csrf, ...record() });
    assert.equal(post.status, 403);
    assert.match(
      text(post.text),
      /Bara personal på de enheter som deltar i inventeringen registrerar personer/,
    );
  });

  // As the API and the form's POST do: a unit outside the round is refused, not sent back to the round page.
  test('a unit that does not take part gets 403 when it opens the record form', async () => {
    const roundPath = await collectingRound();
    const b = await as('psykiatri.eskilstuna');
    const form = await b.request('GET', `${roundPath}/registrera`);
    assert.equal(form.status, 403, `GET the record form: ${form.status} ${form.headers.get('location')}`);
  });

  test('the demo round’s results: synthetic, a chart with its text beside each table, small counts hidden', async () => {
    const b = await as('soc.eskilstuna');
    const path = `/behovsinventeringar/${demoRound}/resultat`;
    const page = await b.request('GET', path);
    assert.equal(page.status, 200);
    const t = text(page.text);
    assert.match(t, /Resultat: Behovsinventering 2023 Södermanlands län/);
    assert.match(t, /Syntetiska uppgifter: inventeringen är påhittad/);
    const svg = main(page.text).match(/<svg[^>]*>/)?.[0] ?? '';
    assert.match(svg, /role="img"/);
    assert.match(svg, /aria-label="Stapeldiagram: [^"]+"/);
    assert.ok((main(page.text).match(/<table class="govuk-table"/g) ?? []).length >= 5, 'tables');
    assert.match(t, /Behov som inte är tillgodosedda, per livsområde/);
    assert.match(t, /Personer per kommun/);
    assert.match(t, /Antal från 1 till 4 visas som ”dolt”/);
    // The note says ”dolt” in quotes; a hidden figure is the word alone in its cell.
    const hidden = (html: string) => / dolt /.test(text(html));
    const small = await b.request('GET', `${path}?kommun=0428`);
    assert.equal(small.status, 200);
    assert.match(text(small.text), /Vingåkers kommun/);
    assert.ok(hidden(page.text) || hidden(small.text), '"dolt" in the county or a small municipality');
    assert.ok(hidden(small.text), 'Vingåker’s small counts are hidden');

    const esk = await b.request('GET', `${path}?kommun=0484`);
    assert.equal(esk.status, 200);
    assert.match(esk.text, /<h1 class="govuk-heading-l">Eskilstuna kommun<\/h1>/);
    assert.match(esk.text, /<option value="0484" selected>Eskilstuna kommun<\/option>/);
    assert.match(
      esk.text,
      /href="\/behovsinventeringar\/needs-inventory-04-2023\/resultat.csv\?kommun=0484"/,
    );
    assert.equal((await b.request('GET', `${path}?kommun=1780`)).status, 404);
  });

  test('the results as CSV and as PDF', async () => {
    const b = await as('nsph.sormland');
    const csv = await b.download(`/behovsinventeringar/${demoRound}/resultat.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /behovsinventering-04-2023\.csv/);
    const body = csv.body.toString('utf8');
    assert.ok(body.startsWith('\uFEFFInventering;Område;Avsnitt;Rad;Kolumn;Värde'), body.slice(0, 80));
    assert.match(body, /Behovsinventering 2023;Södermanlands län;Personer;Totalt;Antal;\d+/);
    assert.ok(
      body
        .split(/\r?\n/)
        .filter(Boolean)
        .every((line) => line.split(';').length >= 6),
    );
    const pdf = await b.download(`/behovsinventeringar/${demoRound}/resultat.pdf?kommun=0484`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition') ?? '', /behovsinventering-04-2023-0484\.pdf/);
    assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
  });

  test('another county’s user gets 404 for the round and its results', async () => {
    const roundPath = await collectingRound();
    const b = await as('soc.karlstad');
    assert.equal((await b.request('GET', `/behovsinventeringar/${demoRound}`)).status, 404);
    assert.equal((await b.request('GET', `/behovsinventeringar/${demoRound}/resultat`)).status, 404);
    assert.equal((await b.download(`/behovsinventeringar/${demoRound}/resultat.csv`)).status, 404);
    assert.equal((await b.request('GET', roundPath)).status, 404);
    assert.doesNotMatch(
      text((await b.request('GET', '/behovsinventeringar')).text),
      /Behovsinventering 2023/,
    );
  });
});

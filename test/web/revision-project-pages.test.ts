import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  revisionChangeRequests,
  revisionDirectiveVersions,
  revisionReports,
} from '../../src/modules/revision-projects/schema.ts';
import { Browser, type BrowserResponse } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The revision project pages over real HTTP with cookie sessions: Dalarna's directive as the demo shows it, the
// forms offered only to those who may act (and refused to the others), the errors at their fields, and a
// change from proposal to decision to the comparison of the directive's versions.

const NOW = '2026-11-26T10:00:00Z';
const base = '/overenskommelser/revideringar';
const project = `${base}/revision-20`;

/** The part of a page inside <main>: what the page says, without the header's and footer's fixed texts. */
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** The text of a GOV.UK field's own error message (id="<field>-error"), without the hidden "Fel:". */
function fieldError(html: string, field: string): string | undefined {
  const m = new RegExp(`<p id="${field}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html);
  if (!m) return undefined;
  return m[1]!
    .replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function assertErrorPage(res: BrowserResponse, status: number, heading: string, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status}`);
  assert.match(res.text, new RegExp(`<h1 class="govuk-heading-l">${heading}</h1>`), what);
  assert.doesNotMatch(res.text, /<form method="post" action="\/overenskommelser\//, `${what}: no form`);
}

describe('revision project pages', () => {
  let s: TestServer;
  const browsers = new Map<string, Browser>();
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  async function browser(username: string): Promise<Browser> {
    let b = browsers.get(username);
    if (!b) {
      b = new Browser(s.url, {}, { now: NOW });
      await s.webLogin(b, username);
      browsers.set(username, b);
    }
    return b;
  }
  const page = async (username: string, path: string) => (await browser(username)).request('GET', path);
  /** Posts a form as the user with the CSRF token of the user's session. */
  async function post(username: string, path: string, form: Record<string, string>) {
    const b = await browser(username);
    const home = await b.request('GET', '/');
    return b.request('POST', path, { _csrf: Browser.csrf(home.text), ...form });
  }
  const counts = async () => ({
    reports: await s.database.db.$count(revisionReports),
    requests: await s.database.db.$count(revisionChangeRequests),
    versions: await s.database.db.$count(revisionDirectiveVersions),
  });

  test('without a login the pages lead to the login page', async () => {
    const res = await new Browser(s.url, {}, { now: NOW }).request('GET', project);
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', /^\/logga-in\?next=/);
  });

  test("the list shows the user's county by default, and another county on request", async () => {
    const dalarna = await page('soc.falun', base);
    assert.equal(dalarna.status, 200);
    assert.match(
      main(dalarna.text),
      /<a class="govuk-link" href="\/overenskommelser\/revideringar\/revision-20">Revidering av den länsövergripande/,
    );
    assert.match(dalarna.text, /<option value="20" selected>Dalarnas län<\/option>/);
    const varmland = await page('soc.falun', `${base}?lan=17`);
    assert.match(main(varmland.text), /Inga revideringsuppdrag i Värmlands län\./);
  });

  test("the project page shows Dalarna's directive: organisation, phases, deliverables, the directive's sections", async () => {
    // The demo's project as seeded, on a server of its own: the other tests report on it and change it.
    const seeded = await startTestServer();
    const res = await seeded
      .webLogin(new Browser(seeded.url, {}, { now: NOW }), 'soc.falun')
      .then((reader) => reader.request('GET', project))
      .finally(() => seeded.close());
    assert.equal(res.status, 200);
    const html = main(res.text);
    for (const text of [
      'Länsnätverket för förvaltningschefer via Styrgrupp',
      'Tanja Mårtensson, avdelningschef',
      'Maria Ekelöf, utvecklingsledare',
      'LPO psykisk hälsa (under formering)',
      'Styrgrupp för Länsnätverket för förvaltningschefer',
      'Arbetsgrupp (LAG): Under formering',
      '2020-02-07 – 2020-12-31',
      'Fas 1: Inventering och utredning',
      'Fas 2: Utarbeta förslag till reviderad överenskommelse',
      'Uppdragsbeskrivning för LAG',
      'En reviderad överenskommelse',
      'Uppdragsdirektivet, version 1',
      'Inga lägesrapporter ännu.',
      'Inga ändringar har föreslagits.',
    ])
      assert.ok(html.includes(text), `the page shows "${text}"`);
    assert.equal(
      [...html.matchAll(/<strong class="govuk-tag govuk-tag--grey">\s*Planerad\s*<\/strong>/g)].length,
      3,
    );
    assert.match(html, /<h3 class="govuk-heading-m">1\. Bakgrund/);
    assert.match(html, /<h3 class="govuk-heading-m">9\. Uppdragsorganisation/);
  });

  test('the forms are offered only to those who may act, and refused to the others', async () => {
    const offers = (html: string) => ({
      report: html.includes(`href="${project}/rapport"`),
      propose: html.includes(`href="${project}/andringar/ny"`),
      status: html.includes(`href="${project}/leveranser/`),
    });
    for (const username of ['soc.falun', 'avtal.varmland', 'styrgrupp.dalarna', 'chef.soc.falun']) {
      const html = main((await page(username, project)).text);
      assert.deepEqual(offers(html), { report: false, propose: false, status: false }, username);
    }
    const admin = main((await page('avtal.dalarna', project)).text);
    assert.deepEqual(offers(admin), { report: true, propose: true, status: true });
    assert.match(admin, /href="\/overenskommelser\/revideringar\/revision-20\/andringar\/ny\?avsnitt=s7"/);

    for (const path of ['/rapport', '/andringar/ny', '/leveranser/revision-20-deliverable-1']) {
      assertErrorPage(await page('soc.falun', project + path), 403, 'Åtkomst nekad', `staff ${path}`);
      assertErrorPage(await page('avtal.varmland', project + path), 403, 'Åtkomst nekad', `Värmland ${path}`);
      assert.equal((await page('avtal.dalarna', project + path)).status, 200, `admin ${path}`);
    }
    const before = await counts();
    assertErrorPage(
      await post('avtal.varmland', `${project}/rapport`, { text: 'Från Värmland' }),
      403,
      'Åtkomst nekad',
      'a report posted from another county',
    );
    assert.deepEqual(await counts(), before);
    assertErrorPage(
      await page('avtal.dalarna', `${base}/finns-inte`),
      404,
      'Hittades inte',
      'unknown project',
    );
  });

  test('a report: an empty one is shown again with the error at its field; a full one is on the page', async () => {
    const before = await counts();
    const empty = await post('avtal.dalarna', `${project}/rapport`, {
      text: '  ',
      phaseId: 'revision-20-phase-1',
    });
    assert.equal(empty.status, 400);
    assert.equal(fieldError(empty.text, 'text'), 'Skriv rapporten');
    assert.match(empty.text, /<a href="#text">Skriv rapporten<\/a>/);
    assert.match(empty.text, /<option value="revision-20-phase-1" selected>/, 'the chosen phase is kept');
    assert.deepEqual(await counts(), before);

    const saved = await post('avtal.dalarna', `${project}/rapport`, {
      text: 'Inventeringen av lokala överenskommelser är klar i tio kommuner.',
      phaseId: 'revision-20-phase-1',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), project);
    const html = main((await page('soc.falun', project)).text);
    assert.match(html, /2026-11-26 · Fas 1: Inventering och utredning/);
    assert.match(html, /Inventeringen av lokala överenskommelser är klar i tio kommuner\./);
  });

  test("a deliverable's status: the form starts at the current status and the page shows the new one", async () => {
    const path = `${project}/leveranser/revision-20-deliverable-1`;
    const form = await page('avtal.dalarna', path);
    assert.match(
      form.text,
      /<input class="govuk-radios__input" id="status" name="status" type="radio" value="planned" checked>/,
    );
    const missing = await post('avtal.dalarna', path, {});
    assert.equal(missing.status, 400);
    assert.equal(fieldError(missing.text, 'status'), 'Välj var leveransen står');
    assert.equal((await post('avtal.dalarna', path, { status: 'inProgress' })).status, 303);
    assert.match(main((await page('soc.falun', project)).text), /govuk-tag--blue">\s*Pågår/);
    assertErrorPage(
      await page('avtal.dalarna', `${project}/leveranser/finns-inte`),
      404,
      'Hittades inte',
      'unknown',
    );
  });

  test('a change from proposal to decision to comparison', async () => {
    // The form opened from a section starts with that section's text.
    const form = await page('avtal.dalarna', `${project}/andringar/ny?avsnitt=s8`);
    assert.equal(form.status, 200);
    assert.match(form.text, /<option value="s8" selected>8\. Finansiering och budget/);
    assert.match(
      form.text,
      /<textarea[^>]*id="proposedText"[^>]*>\s*Ersättning utgår ej för deltagande i LAG/,
    );

    const before = await counts();
    const incomplete = await post('avtal.dalarna', `${project}/andringar/ny`, {
      sectionKey: '',
      title: '',
      proposedText: 'Ny text',
      reason: '',
    });
    assert.equal(incomplete.status, 400);
    assert.equal(fieldError(incomplete.text, 'sectionKey'), 'Välj vilket avsnitt ändringen gäller');
    assert.equal(fieldError(incomplete.text, 'title'), 'Ge ändringen en rubrik');
    assert.equal(fieldError(incomplete.text, 'reason'), 'Skriv varför ändringen behövs');
    const unknown = await post('avtal.dalarna', `${project}/andringar/ny`, {
      sectionKey: 's42',
      title: 'Rubrik',
      proposedText: 'Ny text',
      reason: 'Skäl',
    });
    assert.equal(unknown.status, 422, 'a section not in the directive');
    assert.equal(
      fieldError(unknown.text, 'sectionKey'),
      'Välj ett avsnitt som finns i direktivets gällande version.',
    );
    assert.deepEqual(await counts(), before);

    const proposed = await post('avtal.dalarna', `${project}/andringar/ny`, {
      sectionKey: 's8',
      title: 'Ersättning för deltagande i LAG',
      proposedText:
        'Region Dalarna ersätter kommunernas deltagande i LAG. Region Dalarna står för övriga eventuella omkostnader kring uppdragets utförande (fika, lokalkostnad).',
      reason: 'Kommunerna kan annars inte avsätta tid.',
    });
    assert.equal(proposed.status, 303);
    const shown = main((await page('soc.falun', project)).text);
    assert.match(shown, /Ersättning för deltagande i LAG/);
    assert.match(shown, /Väntar på beslut/);
    assert.doesNotMatch(shown, /\/beslut"/, 'staff are not offered the decision');
    assert.doesNotMatch(
      main((await page('avtal.dalarna', project)).text),
      /\/beslut"/,
      'nor the administrator',
    );
    const forBoard = main((await page('styrgrupp.dalarna', project)).text);
    const decide = /href="(\/overenskommelser\/revideringar\/revision-20\/andringar\/[^"]+\/beslut)"/.exec(
      forBoard,
    )?.[1];
    assert.ok(decide, 'the steering group member is offered the decision');
    assertErrorPage(
      await page('avtal.dalarna', decide),
      403,
      'Åtkomst nekad',
      'administrator opens the decision',
    );
    assertErrorPage(await page('valfardsradet.dalarna', decide), 403, 'Åtkomst nekad', 'another body');

    const decision = await page('styrgrupp.dalarna', decide);
    assert.equal(decision.status, 200);
    assert.match(
      decision.text,
      /<del class="app-diff__removed"><span class="govuk-visually-hidden">Borttaget: <\/span>Ersättning utgår ej för/,
    );
    assert.match(decision.text, /Direktivet får version 2 med den föreslagna texten\./);
    const noNote = await post('styrgrupp.dalarna', decide, { decision: 'reject', note: '' });
    assert.equal(noNote.status, 422);
    assert.equal(fieldError(noNote.text, 'note'), 'Skriv varför förslaget avslås.');
    assert.match(noNote.text, /value="reject" checked/, 'the choice is kept');
    assert.deepEqual(await counts(), { ...before, requests: before.requests + 1 });

    const approved = await post('styrgrupp.dalarna', decide, { decision: 'approve', note: '' });
    assert.equal(approved.status, 303);
    const after = main((await page('soc.falun', project)).text);
    assert.match(after, /Godkänd/);
    assert.match(after, /Uppdragsdirektivet, version 2/);
    assert.match(
      after,
      /href="\/overenskommelser\/revideringar\/revision-20\/direktiv\/1">Version 1 \(2020-02-07\)/,
    );
    assert.match(after, /Region Dalarna ersätter kommunernas deltagande i LAG\./);
    assertErrorPage(await page('styrgrupp.dalarna', decide), 409, 'Konflikt med nuvarande läge', 'decided');

    const compared = await page('soc.falun', `${project}/direktiv/jamfor?fran=1&till=2`);
    assert.equal(compared.status, 200);
    const c = main(compared.text);
    assert.match(c, /1 avsnitt skiljer sig/);
    assert.match(c, /8\. Finansiering och budget/);
    assert.match(c, /Ändrat avsnitt/);
    assert.match(
      c,
      /<ins class="app-diff__added"><span class="govuk-visually-hidden">Tillagt: <\/span>Region Dalarna ersätter kommunernas<span/,
    );
    assert.match(
      c,
      /<del class="app-diff__removed"><span class="govuk-visually-hidden">Borttaget: <\/span>Ersättning utgår ej för<span/,
    );
    assert.match(c, /Oförändrade avsnitt \(\d+\)/);

    const v1 = await page('soc.falun', `${project}/direktiv/1`);
    assert.match(main(v1.text), /Uppdragsdirektivet, version 1/);
    assert.match(main(v1.text), /Ersättning utgår ej för deltagande i LAG/);
    assertErrorPage(await page('soc.falun', `${project}/direktiv/7`), 404, 'Hittades inte', 'no version 7');
  });
});

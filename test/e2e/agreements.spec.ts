import { type Browser, expect, type Page, request, test } from '@playwright/test';
import { testDay } from '../helpers/clock.ts';
import {
  activate,
  expectAccessibleAtBothWidths,
  expectNoAxeViolations,
  login,
  successBanner,
  tabToElement,
  typeInto,
} from './helpers.ts';

// Issue 6's flow in the browser, with axe on every page visited (the main pages at desktop width and at a
// phone's 390 px): avtal.varmland drafts version 2 of Värmland's agreement and changes a section's text (by
// keyboard only), opens it for consultation to NSPH Värmland, NSPH comments on the changed section, the
// administrator answers, and after the closing date (the clock header) sends it to the parties, records two
// decisions through the form and the other fifteen through the API; version 2 is then in force, and the
// comparison with version 1 shows the change. The steps build on each other, so they run in order.

const agreementPath = '/overenskommelser/agreement-17';
const versionPath = `${agreementPath}/versioner/2`;
const newPurpose =
  'Överenskommelsen ska tydliggöra ansvarsfördelning och stärka samverkan mellan kommunerna och Region Värmland, tillsammans med brukar- och närståendeorganisationerna.';
const commentText =
  'Bra att brukarorganisationerna nämns i syftet. Beskriv gärna hur vi ska vara med i det lokala arbetet.';
const answerText =
  'Tack. Brukarorganisationernas roll beskrivs i avsnittet Brukarinflytande, som vi ser över i nästa version.';

/** Days from the tests' today in Swedish time, as YYYY-MM-DD. */
const day = testDay;
const closesOn = day(3);
// The morning after the closing date: comments are closed and the version can go to the parties.
const afterClosing = `${day(4)}T09:00:00Z`;

const mainMenu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true });
const statusTag = (page: Page) => page.locator('main h1 + p .govuk-tag').first();
const banner = successBanner;
const summaryValue = (page: Page, key: string) =>
  page
    .locator('.govuk-summary-list__row', {
      has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }),
    })
    .locator('dd')
    .first();
const partyRow = (page: Page, name: string) =>
  page.locator('#beslut ~ .app-table-scroll tr', { has: page.locator('th', { hasText: name }) });

/** A context whose every request carries the test clock, logged in as the user. */
async function loggedInAt(browser: Browser, username: string, now: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-somlos-now': now } });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

test.describe.configure({ mode: 'serial' });

test('avtal.varmland drafts version 2 and changes the purpose, by keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'avtal.varmland');
  await activate(page, mainMenu(page, 'Överenskommelser'));
  await expect(page.getByRole('heading', { level: 1, name: 'Överenskommelser' })).toBeVisible();
  const card = page.locator('.app-body-card').first();
  await expect(card).toContainText('Gäller');
  await expect(card.getByRole('link', { name: /Värmlands län$/ })).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  await activate(page, card.getByRole('link', { name: /Värmlands län$/ }));
  await expect(page.getByRole('heading', { level: 1, name: /Värmlands län$/ })).toBeVisible();
  await expect(statusTag(page)).toHaveText('Gäller');
  await expect(summaryValue(page, 'Uppsägningstid')).toHaveText('12 månader');
  await expect(page.getByText('17 av 17 parter har antagit version 1.')).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  await activate(page, page.getByRole('button', { name: 'Gör en ny version' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Version 2' })).toBeVisible();
  await expect(banner(page)).toContainText('Ett nytt utkast är skapat');
  await expect(statusTag(page)).toHaveText('Utkast');
  await expectAccessibleAtBothWidths(page);

  await activate(page, page.getByRole('link', { name: 'Ändra avsnittet Syfte' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Ändra avsnittet' })).toBeVisible();
  await expect(page.getByLabel('Rubrik')).toHaveValue('Syfte');
  await expectNoAxeViolations(page);

  // Empty heading: the message at the field, the summary links to it.
  await typeInto(page, page.getByLabel('Rubrik'), ' ');
  await activate(page, page.getByRole('button', { name: 'Spara avsnittet' }));
  await expect(page.getByRole('alert')).toContainText('Skriv avsnittets rubrik');
  await expect(page.locator('#heading-error')).toContainText('Skriv avsnittets rubrik');
  await expect(page).toHaveTitle(/^Fel: /);
  await expectNoAxeViolations(page);

  await typeInto(page, page.getByLabel('Rubrik'), 'Syfte');
  await typeInto(page, page.getByLabel('Text'), newPurpose);
  await activate(page, page.getByRole('button', { name: 'Spara avsnittet' }));
  await expect(banner(page)).toContainText('Avsnittet är sparat.');
  await expect(page.locator('#avsnitt-s1\\.2')).toContainText(
    'tillsammans med brukar- och närståendeorganisationerna',
  );
  await expectNoAxeViolations(page);
});

test('avtal.varmland opens version 2 for consultation to NSPH Värmland', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'avtal.varmland');
  await page.goto(versionPath);
  await activate(page, page.getByRole('button', { name: 'Skicka på remiss' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Skicka på remiss' })).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  await activate(page, page.locator('form').getByRole('button', { name: 'Skicka på remiss' }));
  await expect(page.getByRole('alert')).toContainText('Ange sista dag för synpunkter');
  await expect(page.getByRole('alert')).toContainText('Välj minst en organisation som remissen går till');
  await expectNoAxeViolations(page);

  await typeInto(page, page.getByLabel('Sista dag för synpunkter'), closesOn);
  const nsph = page.getByRole('checkbox', { name: 'NSPH Värmland' });
  await tabToElement(page, nsph);
  await page.keyboard.press('Space');
  await expect(nsph).toBeChecked();
  await activate(page, page.locator('form').getByRole('button', { name: 'Skicka på remiss' }));
  await expect(statusTag(page)).toHaveText('På remiss');
  await expect(banner(page)).toContainText('Versionen är skickad på remiss');
  await expect(summaryValue(page, 'Sista dag för synpunkter')).toHaveText(closesOn);
  await expect(summaryValue(page, 'Remissen går till')).toHaveText('NSPH Värmland');
  await expect(page.getByRole('link', { name: 'Ändra avsnittet Syfte' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('NSPH Värmland comments on the changed section', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'nsph.varmland');
  await page.goto(versionPath);
  await expect(
    page.getByText(`Din organisation är inbjuden att lämna synpunkter till och med ${closesOn}.`),
  ).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  await activate(page, page.getByRole('link', { name: 'Lämna synpunkt på avsnittet Syfte' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Lämna synpunkt' })).toBeVisible();
  await expect(page.getByLabel('Vilket avsnitt gäller synpunkten?')).toHaveValue('s1.2');
  await expectNoAxeViolations(page);
  await typeInto(page, page.getByLabel('Synpunkt', { exact: true }), commentText);
  await activate(page, page.getByRole('button', { name: 'Lämna synpunkten' }));
  await expect(banner(page)).toContainText('Din synpunkt är lämnad.');
  const section = page.locator('#avsnitt-s1\\.2');
  await expect(section).toContainText(commentText);
  await expect(section).toContainText('NSPH Värmland');
  await expect(section).toContainText('Inte besvarad');
  await expectNoAxeViolations(page);
});

test('avtal.varmland answers the comment', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'avtal.varmland');
  await page.goto(versionPath);
  await expect(
    page.getByText('Versionen kan skickas till parterna för beslut när remisstiden har gått ut'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Skicka till parterna för beslut' })).toHaveCount(0);
  await expect(
    page.getByRole('link', { name: 'Sammanställning av synpunkter och svar (PDF)' }),
  ).toBeVisible();

  await activate(page, page.getByRole('link', { name: 'Besvara synpunkten från NSPH Värmland på Syfte' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Besvara synpunkten' })).toBeVisible();
  await expect(page.getByText(commentText)).toBeVisible();
  await expectNoAxeViolations(page);
  await typeInto(page, page.getByLabel('Svar'), answerText);
  await activate(page, page.getByRole('button', { name: 'Spara svaret' }));
  await expect(banner(page)).toContainText('Svaret är sparat.');
  await expect(page.locator('#avsnitt-s1\\.2')).toContainText(answerText);
  await expect(summaryValue(page, 'Synpunkter')).toHaveText('1 lämnade, 0 obesvarade');
  await expectNoAxeViolations(page);
});

test('after the closing date the parties adopt version 2, and it comes into force', async ({ browser }) => {
  test.setTimeout(180_000);
  const { context, page } = await loggedInAt(browser, 'avtal.varmland', afterClosing);
  await page.goto(versionPath);
  await expect(summaryValue(page, 'Sista dag för synpunkter')).toContainText('remisstiden har gått ut');
  await activate(page, page.getByRole('button', { name: 'Skicka till parterna för beslut' }));
  await expect(statusTag(page)).toHaveText('Skickad för beslut');
  await expect(banner(page)).toContainText('Versionen är skickad till parterna för beslut.');
  await expect(partyRow(page, 'Region Värmland')).toContainText('Inte antagen än');
  await expectAccessibleAtBothWidths(page);

  const decidedOn = afterClosing.slice(0, 10);
  for (const [party, body, reference] of [
    ['Region Värmland', 'Regionstyrelsen', 'RS 2026/412 § 88'],
    ['Karlstads kommun', 'Vård- och omsorgsnämnden', 'VON 2026/77 § 12'],
  ] as const) {
    await activate(page, page.getByRole('link', { name: `Registrera beslut för ${party}` }));
    await expect(page.getByRole('heading', { level: 1, name: 'Registrera en parts beslut' })).toBeVisible();
    await expect(page.getByLabel('Part')).toHaveValue(/./);
    await expectNoAxeViolations(page);
    await page.getByLabel('Beslutsdatum').fill(decidedOn);
    await page.getByLabel('Beslutande organ').fill(body);
    await page.getByLabel('Diarienummer eller paragraf').fill(reference);
    await page.getByRole('button', { name: 'Registrera beslutet' }).click();
    await expect(banner(page)).toContainText('Partens beslut är registrerat.');
    await expect(partyRow(page, party)).toContainText(`${body}, ${decidedOn}, ${reference}`);
  }
  await expectNoAxeViolations(page);

  // The other fifteen municipalities through the API, as their own systems would.
  const api = await request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { 'x-somlos-now': afterClosing },
  });
  const session = await api.post('/api/session', {
    data: { username: 'avtal.varmland', password: 'demo-2026' },
  });
  expect(session.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await session.json()).token}` };
  const agreement = await (await api.get('/api/agreements/agreement-17', { headers })).json();
  const version = await (await api.get('/api/agreements/agreement-17/versions/2', { headers })).json();
  const decided = new Set(version.adoptions.map((a: { principalId: string }) => a.principalId));
  const waiting = agreement.parties.filter((p: { principalId: string }) => !decided.has(p.principalId));
  expect(waiting).toHaveLength(15);
  for (const p of waiting) {
    const res = await api.post('/api/agreements/agreement-17/versions/2/adoptions', {
      headers,
      data: {
        principalId: p.principalId,
        decidedOn,
        body: 'Socialnämnden',
        reference: `SN 2026/${p.name.length}`,
      },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  await api.dispose();

  await page.goto(versionPath);
  await expect(statusTag(page)).toHaveText('Gäller');
  await page.goto(agreementPath);
  await expect(statusTag(page)).toHaveText('Gäller');
  await expect(page.getByText('17 av 17 parter har antagit version 2.')).toBeVisible();
  const versions = page.locator('#versioner ~ .app-table-scroll').first();
  await expect(versions.getByRole('row', { name: /^Version 2 / })).toContainText('Gäller');
  await expect(versions.getByRole('row', { name: /^Version 1 / })).toContainText('Ersatt');
  await expect(page.locator('#avsnitt-s1\\.2')).toContainText(
    'tillsammans med brukar- och närståendeorganisationerna',
  );
  await expectAccessibleAtBothWidths(page);

  // The comparison from the versions list shows the change word by word.
  await activate(page, versions.getByRole('link', { name: 'Jämför med version 1' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Jämför versioner' })).toBeVisible();
  await expect(page.locator('#sammanfattning')).toHaveText('1 avsnitt ändrat, 0 tillagda, 0 borttagna.');
  const change = page.locator('#andring-s1\\.2');
  await expect(change.getByRole('heading', { name: 'Syfte' })).toBeVisible();
  await expect(change.locator('ins', { hasText: 'tillsammans' }).first()).toContainText('Tillagt:');
  await expect(change.locator('del').first()).toContainText('Borttaget:');
  await expectAccessibleAtBothWidths(page);
  await context.close();
});

test('anyone can read the agreement in force without logging in', async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-somlos-now': afterClosing } });
  const page = await context.newPage();
  await page.goto('/offentligt/overenskommelser?lan=17');
  await expect(page.getByRole('heading', { level: 1, name: 'Gällande överenskommelser' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toHaveCount(0);
  await expectAccessibleAtBothWidths(page);
  await page.getByRole('link', { name: /Värmlands län$/ }).click();
  await expect(page.getByText('Gällande version: 2')).toBeVisible();
  await expect(page.getByRole('row', { name: /Region Värmland Regionstyrelsen/ })).toBeVisible();
  await expect(page.getByText(commentText)).toHaveCount(0);
  await expectAccessibleAtBothWidths(page);
  await context.close();
});

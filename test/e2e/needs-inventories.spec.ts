import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import {
  activate,
  expectAccessibleAtBothWidths,
  expectNoAxeViolations,
  login,
  tabTo,
  tabToElement,
  tick,
} from './helpers.ts';

// A needs inventory in Södermanland from plan to results: the agreement administrator plans a round on the short
// form for two units of Eskilstuna and opens it; the social services' staff enter a person with the keyboard
// only, the housing support's staff another; the administrator closes the registration and opens the results,
// where two persons are too few to show. Axe runs on the record form and the results at a desktop and a phone
// width. The database is shared with the other specs, so the round has a title of its own.

const title = `Behovsinventering e2e ${randomBytes(4).toString('hex')}`;
let roundUrl = '';

async function asUser(browser: Browser, username: string) {
  const page = await (await browser.newContext()).newPage();
  await login(page, username);
  return page;
}

/** Reaches a radio group with Tab, checks its first radio with Space and moves down with the arrow keys. */
async function choose(page: Page, group: Locator, label: string) {
  await tabTo(page, () => group.evaluate((g) => g.contains(document.activeElement)), 80);
  await page.keyboard.press('Space');
  const target = group.getByRole('radio', { name: label, exact: true });
  for (let i = 0; i < 10 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeChecked();
}

const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

test.describe.configure({ mode: 'serial' });

test('the agreement administrator plans a round and opens it for registration', async ({ browser }) => {
  const page = await asUser(browser, 'avtal.sormland');
  await page.goto('/behovsinventeringar');
  await page.getByRole('button', { name: 'Ny behovsinventering' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny behovsinventering' })).toBeVisible();
  await page.getByLabel('Rubrik').fill(title);
  await page.getByLabel('Registreringen börjar').fill('2026-12-01');
  await page.getByLabel('Registreringen slutar').fill('2027-01-31');
  await page.getByRole('radio', { name: 'SKL:s förkortade inventeringsformulär' }).check();
  await expect(page.getByLabel('Samordnas av')).toHaveValue('body-04-bgp');
  await page.getByRole('checkbox', { name: 'Socialtjänst vuxen, Eskilstuna (Eskilstuna kommun)' }).check();
  await page.getByRole('checkbox', { name: 'Boendestöd, Eskilstuna (Eskilstuna kommun)' }).check();
  await page
    .getByLabel('Instruktion till enheterna')
    .fill('En person som båda enheterna känner registreras av socialtjänsten.');
  await page.getByRole('button', { name: 'Spara inventeringen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Planerad', { exact: true })).toBeVisible();
  roundUrl = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Öppna för registrering' }).click();
  await expect(page.getByText('Inventeringens status är ändrad.')).toBeVisible();
  await expect(page.getByText('Registrering pågår', { exact: true })).toBeVisible();
  await page.context().close();
});

test('the social services enter a person with the keyboard only; the form passes axe', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const page = await asUser(browser, 'soc.eskilstuna');
  await page.goto(roundUrl);
  await activate(page, page.getByRole('button', { name: 'Registrera en person' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Registrera en person' })).toBeVisible();
  await expect(page.getByText('Din enhet har registrerat 0 personer.')).toBeVisible();

  // The municipality: Tab to the select, the arrow key moves from "Välj kommun" to the first, Eskilstuna.
  const municipality = page.getByLabel('Kommun där personen bor');
  await tabToElement(page, municipality);
  await page.keyboard.press('ArrowDown');
  await expect(municipality).toHaveValue('0484');
  await choose(page, group(page, 'Ålder'), '35–49 år');
  await choose(page, group(page, 'Kön'), 'Kvinna');
  await choose(page, group(page, 'Boende').first(), 'Eget boende med boendestöd');
  await choose(page, group(page, 'Sysselsättning'), 'Ingen sysselsättning');
  await tick(page, page.getByRole('checkbox', { name: 'Psykiatrisk specialistvård' }));
  await choose(page, group(page, 'Boende').nth(1), 'Behovet är tillgodosett');
  await choose(page, group(page, 'Sysselsättning och arbete'), 'Behovet är inte tillgodosett');
  await choose(page, group(page, 'Vardagliga aktiviteter och egenvård'), 'Inget behov');
  await choose(page, group(page, 'Sociala relationer'), 'Behovet är inte tillgodosett');
  await choose(page, group(page, 'Psykiatrisk vård och behandling'), 'Behovet är tillgodosett');
  await activate(page, page.getByRole('button', { name: 'Spara och registrera nästa' }));
  await expect(page.getByText(/Personen är registrerad/)).toBeVisible();
  await expect(page.getByText('Din enhet har registrerat 1 person.')).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  // An empty form: the messages in the summary and at the fields, and still no axe violations.
  await page.getByRole('button', { name: 'Spara och registrera nästa' }).click();
  await expect(page.getByRole('alert')).toContainText('Välj den kommun i länet där personen bor.');
  await expect(page.locator('#ageBand-error')).toContainText('Välj personens åldersgrupp.');
  await expectNoAxeViolations(page);
  await page.context().close();
});

test('the housing support enters another person', async ({ browser }) => {
  const page = await asUser(browser, 'boendestod.eskilstuna');
  await page.goto(`${roundUrl}/registrera`);
  await page.getByLabel('Kommun där personen bor').selectOption({ label: 'Eskilstuna kommun' });
  const pick = (g: Locator, name: string) => g.getByRole('radio', { name, exact: true }).check();
  await pick(group(page, 'Ålder'), '50–64 år');
  await pick(group(page, 'Kön'), 'Man');
  await pick(group(page, 'Boende').first(), 'Eget boende med boendestöd');
  await pick(group(page, 'Sysselsättning'), 'Daglig verksamhet eller sysselsättning');
  for (const area of [
    'Boende',
    'Sysselsättning och arbete',
    'Vardagliga aktiviteter och egenvård',
    'Sociala relationer',
    'Psykiatrisk vård och behandling',
  ])
    await pick(group(page, area).last(), 'Behovet är inte tillgodosett');
  await page.getByRole('button', { name: 'Spara och registrera nästa' }).click();
  await expect(page.getByText(/Personen är registrerad/)).toBeVisible();
  await page.goto(roundUrl);
  await expect(page.getByText(/Person 1: Eskilstuna kommun, 50–64 år, Man/)).toBeVisible();
  await expect(page.getByText(/Person 2/)).toHaveCount(0);
  await page.context().close();
});

test('the administrator closes the registration and reads the results; few persons are hidden', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const page = await asUser(browser, 'avtal.sormland');
  await page.goto(roundUrl);
  await expect(page.getByText('Totalt registrerade: 2.')).toBeVisible();
  await page.getByRole('button', { name: 'Stäng registreringen och börja tolka' }).click();
  await expect(page.getByText('Tolkas', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Se resultatet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Södermanlands län' })).toBeVisible();
  await expect(page.getByText(`Resultat: ${title}`)).toBeVisible();
  // Two persons: a count from 1 to 4, so the total and every count but the zeros are "dolt".
  await expect(page.getByText(/Personer: dolt\./)).toBeVisible();
  const needs = page.getByRole('table', {
    name: 'Behov som inte är tillgodosedda, per livsområde, Södermanlands län',
  });
  await expect(needs).toContainText('dolt');
  await expect(
    page.getByRole('table', { name: 'Personer per kommun, Södermanlands län' }).getByRole('row', {
      name: /Eskilstuna kommun/,
    }),
  ).toContainText('dolt');
  // With every share hidden there is nothing to draw: no chart, and the page says why where one would be.
  await expect(page.getByRole('img', { name: /^Stapeldiagram: / })).toHaveCount(0);
  await expect(page.getByText('Inget att visa i diagrammet: andelarna är dolda').first()).toBeVisible();
  await expectAccessibleAtBothWidths(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ladda ned resultatet som CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('behovsinventering-04-2026.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain(`${title};Södermanlands län;Personer;Totalt;Antal;dolt`);

  // The demo round has enough persons to draw: its charts, with their text alternatives, pass axe too.
  await page.goto('/behovsinventeringar/needs-inventory-04-2023/resultat');
  await expect(page.getByRole('img', { name: /^Stapeldiagram: / }).first()).toBeVisible();
  await expectAccessibleAtBothWidths(page);
  await page.context().close();
});

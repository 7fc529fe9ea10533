import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, login, tabTo } from './helpers.ts';

// Follow-up in Värmland as the agreement administrator does it: the dashboard with its charts and tables, the
// figures computed again, the CSV; an action plan followed up by keyboard; the annual report and its PDF. Axe
// runs on every page at a desktop and a phone width, and screenshots of both are kept with the test's output.

const mainMenu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true });

/** Axe at 1280 and 390 px, with a full-page screenshot at each width. */
async function checkWidths(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function activate(page: Page, target: ReturnType<Page['getByRole']>) {
  await tabTo(page, () => target.evaluate((el) => el === document.activeElement), 120);
  await page.keyboard.press('Enter');
}

test.describe.configure({ mode: 'serial' });

test("Värmland's dashboard: charts beside their tables, the figures computed again, and the CSV", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await login(page, 'avtal.varmland');
  await activate(page, mainMenu(page, 'Uppföljning'));
  await expect(page.getByRole('heading', { level: 1, name: 'Uppföljning' })).toBeVisible();
  await expect(page.getByText('Följs upp av')).toBeVisible();
  await checkWidths(page, 'followup-start');

  await page.getByRole('link', { name: 'Indikatorer för Värmlands län' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Värmlands län' })).toBeVisible();
  await page.getByRole('button', { name: 'Räkna om siffrorna nu' }).click();
  await expect(page.getByRole('status')).toContainText(
    /Siffrorna uppdaterades \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
  );
  // The hand-entered national figure has a chart, with its text alternative, beside its table.
  const ombud = page.getByRole('region', { name: 'Personer med stöd av personligt ombud', exact: true });
  await expect(
    ombud.getByRole('img', { name: /Personer med stöd av personligt ombud, Värmlands län/ }),
  ).toBeVisible();
  await expect(ombud.getByRole('table', { name: 'Personer med stöd av personligt ombud' })).toContainText(
    '181',
  );
  await expect(ombud).toContainText('Källa: Länsstyrelsen');
  await checkWidths(page, 'followup-dashboard');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ladda ned alla siffror som CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^indikatorer-17-\d{4}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('Indikator;Omfattning;Period;Värde;Underlag;Mål;Källa;Uppdaterad');
  expect(csv).toContain('Personer med stöd av personligt ombud;Värmlands län;2025;181');

  // A principal's dashboard, chosen in the filter.
  await page.getByLabel('Huvudman', { exact: true }).selectOption({ label: 'Karlstads kommun' });
  await page.getByRole('button', { name: 'Visa' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Karlstads kommun' })).toBeVisible();
  await expect(page.getByLabel('Enhet', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an action plan followed up by keyboard, and its errors at the fields', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'beredning.varmland');
  await page.goto('/uppfoljning/handlingsplaner');
  await expect(page.getByRole('heading', { level: 1, name: 'Handlingsplaner' })).toBeVisible();
  await checkWidths(page, 'action-plans');
  await activate(page, page.getByRole('link', { name: 'Kallelser till SIP besvaras i tid' }));
  await expect(
    page.getByRole('heading', { level: 1, name: 'Kallelser till SIP besvaras i tid' }),
  ).toBeVisible();
  await expect(page.getByText('Kontaktpersoner för SIP utsedda i varje kommun')).toBeVisible();
  await checkWidths(page, 'action-plan');

  // An empty follow-up is refused at its field; then written and saved with the keyboard.
  const text = page.getByLabel('Vad visade uppföljningen?');
  await activate(page, page.getByRole('button', { name: 'Spara uppföljningen' }));
  await expect(page.getByRole('alert')).toContainText('Skriv vad uppföljningen visade');
  await expect(page.locator('#text-error')).toContainText('Skriv vad uppföljningen visade');
  await expectNoAxeViolations(page);
  await tabTo(page, () => text.evaluate((el) => el === document.activeElement), 120);
  await page.keyboard.type('Rutinen för semesterbevakning är klar i tolv kommuner.');
  await activate(page, page.getByRole('button', { name: 'Spara uppföljningen' }));
  await expect(page.getByText('Rutinen för semesterbevakning är klar i tolv kommuner.')).toBeVisible();

  await activate(
    page,
    page.getByRole('button', {
      name: 'Markera som genomförd: Gemensam funktionsbrevlåda för kallelser i varje verksamhet',
    }),
  );
  await expect(page.getByText(/Genomförd \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the annual report as a page and its PDF', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'beredning.varmland');
  await page.goto('/uppfoljning');
  await page.getByRole('link', { name: /^Årlig uppföljning \d{4}$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Årlig uppföljning \d{4}$/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Indikatorer mot mål' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Handlingsplaner' })).toBeVisible();
  await checkWidths(page, 'annual-report');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ladda ned rapporten som PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^arlig-uppfoljning-17-\d{4}\.pdf$/);
  expect(
    readFileSync(await download.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});

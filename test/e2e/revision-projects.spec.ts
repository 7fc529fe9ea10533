import { expect, type Locator, type Page, test } from '@playwright/test';
import { activate, expectNoAxeViolations, login, tabTo, typeInto } from './helpers.ts';

// Dalarna's revision project as people use it: the county's agreement administrator proposes a change to the
// directive, a member of the managers' network's steering group approves it, and the comparison of the
// directive's versions shows what changed. The forms are used with the keyboard only (Tab, typing, Space and
// the arrow keys, Enter); axe runs on every page, at desktop width and at 390 px. The steps build on each other.

const project = '/overenskommelser/revideringar/revision-20';
const changeTitle = 'Ersättning för deltagande i LAG';
const newText =
  'Region Dalarna ersätter kommunernas deltagande i LAG. Region Dalarna står för övriga eventuella omkostnader kring uppdragets utförande (fika, lokalkostnad).';
const reason = 'Kommunerna kan annars inte avsätta tid för arbetsgruppen.';

/** Reaches a radio group with Tab, checks its first radio with Space and moves down with the arrow keys. */
async function choose(page: Page, group: Locator, label: string) {
  await tabTo(page, () => group.evaluate((g) => g.contains(document.activeElement)), 80);
  await page.keyboard.press('Space');
  const target = group.getByRole('radio', { name: label, exact: true });
  for (let i = 0; i < 10 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeChecked();
}

/** Axe at desktop width and at 390 px, where the page must not scroll sideways; a screenshot of each. */
async function checkAtBothWidths(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe.configure({ mode: 'serial' });

test('avtal.dalarna proposes a change to the directive, with the keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'avtal.dalarna');
  await page.goto('/overenskommelser/revideringar');
  await expect(page.getByRole('heading', { level: 1, name: 'Revideringsuppdrag' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('1 revideringsuppdrag i Dalarnas län.');
  await checkAtBothWidths(page, 'revision-list');

  await activate(page, page.getByRole('link', { name: /^Revidering av den länsövergripande/ }));
  await expect(page).toHaveURL(new RegExp(`${project}$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Uppdragsorganisation' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Uppdragsdirektivet, version 1' })).toBeVisible();
  await checkAtBothWidths(page, 'revision-project');

  await activate(page, page.getByRole('button', { name: 'Föreslå en ändring' }));
  await expect(
    page.getByRole('heading', { level: 1, name: 'Föreslå en ändring i direktivet' }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  // Sent empty: every missing answer in the summary and at its field.
  await activate(page, page.getByRole('button', { name: 'Skicka förslaget' }));
  const summary = page.getByRole('alert');
  for (const message of [
    'Välj vilket avsnitt ändringen gäller',
    'Ge ändringen en rubrik',
    'Skriv avsnittets nya text',
    'Skriv varför ändringen behövs',
  ])
    await expect(summary).toContainText(message);
  await expect(page).toHaveTitle(/^Fel: /);
  await checkAtBothWidths(page, 'revision-propose-errors');

  // The summary's link takes the keyboard user to the field; typing on a closed select picks by the first letters.
  await activate(page, summary.getByRole('link', { name: 'Välj vilket avsnitt ändringen gäller' }));
  const section = page.getByLabel('Avsnitt', { exact: true });
  await expect(section).toBeFocused();
  await page.keyboard.type('8.');
  await expect(section).toHaveValue('s8');
  await typeInto(page, page.getByLabel('Rubrik'), changeTitle);
  await typeInto(page, page.getByLabel('Avsnittets nya text'), newText);
  await typeInto(page, page.getByLabel('Varför behövs ändringen?'), reason);
  await activate(page, page.getByRole('button', { name: 'Skicka förslaget' }));

  await expect(page).toHaveURL(new RegExp(`${project}$`));
  const card = page.locator('.app-body-card', { has: page.getByRole('heading', { name: changeTitle }) });
  await expect(card.locator('.govuk-tag')).toHaveText('Väntar på beslut');
  await expect(card.getByRole('button', { name: /^Besluta/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('styrgrupp.dalarna approves it with the keyboard, after a rejection without a note is refused', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await login(page, 'styrgrupp.dalarna');
  await page.goto(project);
  await expect(page.getByRole('button', { name: 'Föreslå en ändring' })).toHaveCount(0);
  await activate(page, page.getByRole('button', { name: `Besluta om ${changeTitle}` }), 120);
  await expect(page.getByRole('heading', { level: 1, name: 'Besluta om ändringsförslaget' })).toBeVisible();
  await expect(page.locator('del').first()).toContainText('Ersättning utgår ej för');
  await expect(page.locator('ins').first()).toContainText('Region Dalarna ersätter kommunernas');
  await checkAtBothWidths(page, 'revision-decide');

  const decision = page.getByRole('group', { name: 'Beslut' });
  await choose(page, decision, 'Avslå');
  await activate(page, page.getByRole('button', { name: 'Spara beslutet' }));
  await expect(page.getByRole('alert')).toContainText('Skriv varför förslaget avslås.');
  await expect(page.locator('#note-error')).toContainText('Skriv varför förslaget avslås.');
  await expect(page.getByRole('radio', { name: 'Avslå' })).toBeChecked();
  await expectNoAxeViolations(page);

  // Back to the group: Tab lands on the checked radio, the arrow key moves the choice up to "Godkänn".
  await tabTo(page, () => decision.evaluate((g) => g.contains(document.activeElement)), 80);
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'Godkänn' })).toBeChecked();
  await activate(page, page.getByRole('button', { name: 'Spara beslutet' }));

  await expect(page).toHaveURL(new RegExp(`${project}$`));
  const card = page.locator('.app-body-card', { has: page.getByRole('heading', { name: changeTitle }) });
  await expect(card.locator('.govuk-tag')).toHaveText('Godkänd');
  await expect(page.getByRole('heading', { level: 2, name: 'Uppdragsdirektivet, version 2' })).toBeVisible();
  await expect(page.locator('#avsnitt-s8')).toContainText(newText);
  await expectNoAxeViolations(page);
});

test('the comparison of version 1 and 2 shows the change, also to a screen reader', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'soc.falun');
  await page.goto(project);
  await activate(page, page.getByRole('link', { name: 'Jämför med version 1' }).first(), 120);
  await expect(page.getByRole('heading', { level: 1, name: 'Jämför direktivets versioner' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('1 avsnitt skiljer sig');
  const changed = page.locator('.app-compare__changed');
  await expect(changed).toHaveCount(1);
  await expect(changed.getByRole('heading', { name: '8. Finansiering och budget' })).toBeVisible();
  await expect(changed.locator('ins').first()).toHaveText(/^Tillagt: Region Dalarna ersätter kommunernas/);
  await expect(changed.locator('del').first()).toHaveText(/^Borttaget: Ersättning utgår ej för/);
  await expect(changed.locator('ins .govuk-visually-hidden').first()).toHaveText('Tillagt:');
  await checkAtBothWidths(page, 'revision-compare');
});

import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from './helpers.ts';

test('the login page has no WCAG 2.1 A/AA violations, also with errors shown', async ({ page }) => {
  await page.goto('/logga-in');
  await expect(page).toHaveTitle('Logga in – Sömlös');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const [path, heading] of [
  ['/', 'Mitt arbete'],
  ['/organisationer', 'Organisationer'],
  ['/organisationer/lan/04', 'Södermanlands län'],
  ['/organisationer/huvudman/municipality-0484', 'Eskilstuna kommun'],
  ['/finns-inte', 'Hittades inte'],
] as const) {
  test(`${path} has no WCAG 2.1 A/AA violations`, async ({ page }) => {
    await login(page, 'soc.eskilstuna');
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

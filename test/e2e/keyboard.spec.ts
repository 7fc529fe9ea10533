import { expect, test } from '@playwright/test';
import { tabTo } from './helpers.ts';

test('a keyboard user logs in and reaches a county through the menu, without a mouse', async ({ page }) => {
  await page.goto('/logga-in');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
  await expect(skip).toBeFocused();

  const username = page.getByLabel('Användarnamn');
  await tabTo(page, () => username.evaluate((el) => el === document.activeElement));
  await page.keyboard.type('soc.karlstad');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Lösenord', { exact: true })).toBeFocused();
  await page.keyboard.type('demo-2026');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Mitt arbete' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Socialtjänst vuxen, Karlstad');

  const menuLink = page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Organisationer' });
  await tabTo(page, () => menuLink.evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisationer' })).toBeVisible();

  const county = page.getByRole('link', { name: 'Värmlands län' });
  await tabTo(page, () => county.evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Värmlands län' })).toBeVisible();
  await expect(page.getByText('Beredningsgruppen Nya perspektiv').first()).toBeVisible();
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/logga-in');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);
  await expect(page.locator('#main-content')).toBeFocused();
});

test('a wrong password is announced in an error summary that takes focus, with the username kept', async ({
  page,
}) => {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill('soc.arvika');
  await page.getByLabel('Lösenord', { exact: true }).fill('fel-lösenord');
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Det finns ett problem');
  await expect(summary).toContainText('Fel användarnamn eller lösenord');
  // GOV.UK Frontend's error summary moves focus to itself, so a screen reader reads it first.
  await expect(page.locator('.govuk-error-summary')).toBeFocused();
  await expect(page.getByLabel('Användarnamn')).toHaveValue('soc.arvika');
});

test('on a phone the menu opens with the keyboard (GOV.UK Frontend runs under the CSP)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill('soc.karlstad');
  await page.getByLabel('Lösenord', { exact: true }).fill('demo-2026');
  await page.keyboard.press('Enter');
  const toggle = page.getByRole('button', { name: 'Meny' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('link', { name: 'Organisationer' })).toBeVisible();
});

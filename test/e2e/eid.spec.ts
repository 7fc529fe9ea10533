import { expect, test } from '@playwright/test';

// Issue 24: the embedded demo's e-ID provider (npm start in demo mode), driven as a person would: the county's
// button, the provider's page, back into Sömlös; then logging out of Sömlös and of the provider.

test('logs in with the demo e-ID provider and logs out of both', async ({ page }) => {
  await page.goto('/logga-in');
  // Each county's button has a name of its own for a screen reader: the county follows the visible text.
  await page
    .getByRole('link', { name: 'Logga in med e-legitimation (demo) för Värmlands län', exact: true })
    .click();

  await expect(page.getByRole('heading', { name: 'Demoleverantör för e-legitimation (demo)' })).toBeVisible();
  await page.getByLabel('Användarnamn').fill('psykiatri.karlstad');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt arbete' })).toBeVisible();

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { name: 'Logga ut från demoleverantören (demo)' })).toBeVisible();
  await page.getByRole('button', { name: 'Ja, logga ut' }).click();
  await expect(page.getByText('Du är utloggad.')).toBeVisible();

  // Out of Sömlös: its pages ask for a login again.
  await page.goto('/');
  await expect(page).toHaveURL(/\/logga-in/);
  // Out of the provider: its button asks who you are again rather than logging you straight in.
  await page
    .getByRole('link', { name: 'Logga in med e-legitimation (demo) för Värmlands län', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Demoleverantör för e-legitimation (demo)' })).toBeVisible();
});

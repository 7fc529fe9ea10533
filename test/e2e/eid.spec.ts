import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from './helpers.ts';

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

// The county administrator's e-ID pages (issue 24): the county's login methods, and an account's identity number
// for a county that matches e-ID logins by it. Each passes axe, also with its errors shown.
test("the county's login methods and an account's identity number: accessible, with errors at their fields", async ({
  page,
}) => {
  await login(page, 'admin.varmland');
  await page.goto('/administration/inloggning');
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggningssätt' })).toBeVisible();
  await expectNoAxeViolations(page);
  // The demo's provider sends no identity number, so the county cannot match by it.
  await page.getByRole('radio', { name: 'Personnummer' }).check();
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('link', { name: /skickar inget personnummer/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/administration/konton?q=soc.arvika');
  await page.getByRole('link', { name: 'Lena Karlsson' }).click();
  await page.getByRole('link', { name: /Ändra personnummer för inloggning med e-legitimation/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personnummer för inloggning' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Personnummer eller samordningsnummer').fill('19121212-1211');
  await page.getByRole('button', { name: 'Spara personnummer' }).click();
  await expect(page.getByRole('link', { name: /Ange ett giltigt personnummer/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Personnummer eller samordningsnummer').fill('19640823-3234');
  await page.getByRole('button', { name: 'Spara personnummer' }).click();
  await expect(page.getByText('Personnumret för inloggning med e-legitimation är sparat.')).toBeVisible();
  await expect(page.getByText('Registrerat (visas inte)')).toBeVisible();
  await expect(page.getByText('19640823-3234')).toHaveCount(0);
});

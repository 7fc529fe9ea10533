import { expect, type Page, test } from '@playwright/test';
import { testDay } from '../helpers/clock.ts';
import { expectNoAxeViolations, login, tabTo } from './helpers.ts';

// The responsibility list in a real browser: axe at desktop and phone width, the search done with the
// keyboard only (Tab, type, Enter), the list bookmarked by its address, and where it is offered: the SIP plan
// form (a details component that opens with the keyboard) and the form for opening a dispute.

const today = testDay();
const table = (page: Page) => page.getByRole('table', { name: /Ansvarsfördelning enligt överenskommelsen/ });

/** Axe at desktop width and at a phone's, where the wide table must scroll inside its region, not the page. */
async function axeAtBothWidths(page: Page) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, `the page is no wider than ${width}px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('soc.arvika reads the list, searches it with the keyboard, and bookmarks another county', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await login(page, 'soc.arvika');
  await page.goto('/ansvarsfordelning');
  await expect(page.getByRole('heading', { level: 1, name: 'Ansvarsfördelning' })).toBeVisible();
  await expect(page.getByLabel('Län')).toHaveValue('17');
  await expect(page.getByRole('status')).toHaveText('23 rader.');
  await expect(table(page).getByRole('rowheader', { name: 'Boende och stöd i vardagen' })).toBeVisible();
  await axeAtBothWidths(page);

  // Keyboard only: Tab to the search field, type, Enter submits the GET form.
  const search = page.getByRole('searchbox', { name: 'Sök' });
  await tabTo(page, () => search.evaluate((el) => el === document.activeElement), 60);
  await page.keyboard.type('HJÄLPMEDEL');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]sok=HJ%C3%84LPMEDEL/);
  await expect(page.getByRole('status')).toHaveText('1 rad matchar.');
  await expect(table(page).getByRole('rowheader')).toHaveText(['Hjälpmedel']);
  await expect(search).toHaveValue('HJÄLPMEDEL');
  await axeAtBothWidths(page);

  // The address is the bookmark: Örebro's region rows.
  await page.goto('/ansvarsfordelning?lan=18&huvudman=region');
  await expect(page.getByLabel('Län')).toHaveValue('18');
  await expect(table(page).getByRole('rowheader')).toHaveText(['Psykiatri', 'Personliga hjälpmedel']);

  // Nothing matching, and a county that does not exist: both said in Swedish, both pass axe.
  await page.goto('/ansvarsfordelning?lan=17&sok=brandskydd');
  await expect(page.getByRole('status')).toContainText('Inga rader matchar');
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.goto('/ansvarsfordelning?lan=99');
  await expect(page.getByRole('alert')).toContainText('Länet finns inte i Sömlös. Välj ett län i listan.');
  await expectNoAxeViolations(page);
});

test('the SIP plan form offers the list under Insatser; it opens with the keyboard', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const session = await request.post('/api/session', {
    data: { username: 'psykiatri.karlstad', password: 'demo-2026' },
  });
  expect(session.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await session.json()).token}` };
  const started = await request.post('/api/sips', {
    headers,
    data: {
      person: { personalIdentityNumber: '19850115-1008', name: 'Test Testsson' },
      reason: 'Behöver samordnade insatser',
    },
  });
  expect(started.status(), await started.text()).toBe(201);
  const sip = await started.json();
  const consent = await request.post(`/api/sips/${sip.id}/consent`, {
    headers,
    data: {
      givenAt: today,
      form: 'written',
      principalIds: ['region-17', 'municipality-1780'],
      relativesMayTakePart: true,
    },
  });
  expect(consent.status(), await consent.text()).toBe(200);

  const page = await (await browser.newContext()).newPage();
  await login(page, 'psykiatri.karlstad');
  await page.goto(`/sip/${sip.id}/plan`);
  const summary = page.getByText('Ansvarsfördelning enligt överenskommelsen', { exact: true });
  await tabTo(page, () => summary.evaluate((el) => el.closest('summary') === document.activeElement), 60);
  await page.keyboard.press('Enter');
  const details = page.locator('details#ansvarsfordelning');
  await expect(details).toHaveAttribute('open', '');
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(['Kommunen', 'Regionen', 'Gemensamt']);
  await expect(details.getByText(/Tvångsvård i enlighet med LPT/)).toBeVisible();
  await axeAtBothWidths(page);
  await details.getByRole('link', { name: 'Sök i ansvarsfördelningen' }).click();
  await expect(page).toHaveURL(/\/ansvarsfordelning\?lan=17$/);
  await expect(page.getByLabel('Län')).toHaveValue('17');
});

test('the form for opening a dispute links to the county’s list', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await login(page, 'chef.soc.karlstad');
  await page.goto('/tvister/ny?typ=enskilt');
  await page.getByRole('link', { name: 'Se ansvarsfördelningen i överenskommelsen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ansvarsfördelning' })).toBeVisible();
  await expect(page.getByLabel('Län')).toHaveValue('17');
  await expect(page.getByRole('status')).toHaveText('23 rader.');
});

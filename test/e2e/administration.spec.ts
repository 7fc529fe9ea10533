import { writeFileSync } from 'node:fs';
import { type APIRequestContext, expect, type Page, request, test } from '@playwright/test';
import { testDay } from '../helpers/clock.ts';
import {
  activate,
  expectAccessibleAtBothWidths,
  expectNoAxeViolations,
  login,
  successBanner,
  tabToElement,
  tick,
  typeInto,
} from './helpers.ts';

// The administration issue's flow in the browser, with axe on every page visited: admin.varmland creates a
// unit, imports a CSV file with three wrong rows (nothing is imported, all three are listed) and then 50 staff,
// and adds a level on top of Värmland's deviation ladder; a new deviation climbs the new ladder while one
// escalated earlier keeps its path. At the end the level is removed again, so later specs see the seed's ladder.

const newUnit = 'Boendestöd Arvika';
const adminMenu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true });
const banner = successBanner;

function staffFile(rows: string[][], name: string) {
  const path = test.info().outputPath(name);
  const line = (cells: string[]) =>
    cells.map((c) => (/[;"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';');
  writeFileSync(
    path,
    [line(['namn', 'e-post', 'användarnamn', 'enhet', 'roller']), ...rows.map(line)].join('\r\n'),
  );
  return path;
}
const staff = (i: number, unit: string) => [
  `Medarbetare ${i} Åkesson`,
  `m${i}.akesson@arvika.se`,
  `m${i}.akesson`,
  unit,
  'Medarbetare',
];

/** An API session for a demo user, for the steps the browser test does not watch (reporting, escalating). */
async function api(baseURL: string, username: string): Promise<APIRequestContext> {
  const anonymous = await request.newContext({ baseURL });
  const res = await anonymous.post('/api/session', { data: { username, password: 'demo-2026' } });
  expect(res.status()).toBe(200);
  const { token } = await res.json();
  await anonymous.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}
const deviation = {
  title: 'Kallelse besvarades inte',
  description: 'Psykiatrin svarade inte på kallelsen till SIP-mötet inom tre arbetsdagar.',
  category: 'unansweredInvitation',
  // Torsby reports to Kil: principals no other spec looks at, so their lists stay as those specs expect.
  concernedPrincipalIds: ['municipality-1715'],
  occurredOn: testDay(),
};

test.describe.configure({ mode: 'serial' });

test('admin.varmland creates a unit, by keyboard, with the errors of an empty form first', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'admin.varmland');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Administration' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expectAccessibleAtBothWidths(page);
  await adminMenu(page, 'Enheter').click();
  await expectNoAxeViolations(page);
  await activate(page, page.getByRole('button', { name: 'Ny enhet' }));
  await activate(page, page.getByRole('button', { name: 'Skapa enheten' }));
  await expect(page.getByRole('heading', { name: 'Det finns ett problem' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Välj huvudman' })).toBeVisible();
  await expectNoAxeViolations(page);
  await tabToElement(page, page.getByLabel('Huvudman'));
  await page.getByLabel('Huvudman').selectOption({ label: 'Arvika kommun' });
  await typeInto(page, page.getByLabel('Enhetens namn'), newUnit);
  await activate(page, page.getByRole('button', { name: 'Skapa enheten' }));
  await expect(banner(page)).toContainText('Enheten är skapad');
  await expect(page.getByRole('heading', { level: 1, name: newUnit })).toBeVisible();
  await expectAccessibleAtBothWidths(page);
  await context.close();
});

test('a file with three wrong rows imports nothing and lists all three; then 50 staff are imported', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'admin.varmland');
  await page.goto('/administration/konton');
  await page.getByRole('button', { name: 'Importera från fil' }).click();
  await expectNoAxeViolations(page);

  const wrong = staffFile(
    [
      staff(1, newUnit),
      ['Fel Roll', 'fel.roll@arvika.se', 'fel.roll', newUnit, 'superuser'],
      staff(2, newUnit),
      ['Ingen Enhet', 'ingen.enhet@arvika.se', 'ingen.enhet', 'Enheten som inte finns', 'Medarbetare'],
      ['Upptagen', 'upptagen@arvika.se', 'soc.arvika', newUnit, 'Medarbetare'],
    ],
    'tre-fel.csv',
  );
  await page.getByLabel('CSV-fil med konton').setInputFiles(wrong);
  await activate(page, page.getByRole('button', { name: 'Kontrollera och importera' }));
  await expect(
    page.getByRole('link', { name: /3 rader i filen är fel\. Inga konton har importerats/ }),
  ).toBeVisible();
  const rows = page.getByRole('table', { name: 'Rader som behöver rättas' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('3');
  await expect(rows.nth(0)).toContainText('Rollen "superuser" finns inte');
  await expect(rows.nth(1)).toContainText('Enheten "Enheten som inte finns" finns inte');
  await expect(rows.nth(2)).toContainText('Användarnamnet "soc.arvika" är upptaget');
  await expectAccessibleAtBothWidths(page);
  await page.goto('/administration/konton?q=akesson');
  await expect(page.getByRole('status')).toHaveText('Inga konton.');

  await page.goto('/administration/konton/import');
  const units = [newUnit, 'Socialtjänst vuxen, Arvika', 'Socialtjänst vuxen, Karlstad'];
  const fifty = staffFile(
    Array.from({ length: 50 }, (_, i) => staff(i + 1, units[i % 3]!)),
    'femtio.csv',
  );
  await page.getByLabel('CSV-fil med konton').setInputFiles(fifty);
  await page.getByRole('button', { name: 'Kontrollera och importera' }).click();
  await expect(page.getByRole('heading', { name: '50 konton är importerade' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/administration/konton?q=akesson');
  await expect(page.getByRole('status')).toHaveText('Visar 1–50 av 50 konton.');
  await adminMenu(page, 'Utkorg').click();
  await expect(page.getByRole('heading', { name: 'Välj ditt lösenord till Sömlös' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});

test("a level on top of Värmland's deviation ladder: a new deviation climbs it, an earlier one keeps its path", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const reporter = await api(baseURL!, 'soc.torsby');
  const preparation = await api(baseURL!, 'beredning.varmland');
  const earlier = await (await reporter.post('/api/deviations', { data: deviation })).json();
  expect(
    (
      await reporter.post(`/api/deviations/${earlier.id}/escalation`, { data: { reason: 'Obesvarad.' } })
    ).status(),
  ).toBe(200);

  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'admin.varmland');
  await page.goto('/administration/eskalering');
  await expectNoAxeViolations(page);
  await activate(page, page.getByRole('link', { name: 'Lägg till en nivå för avvikelser' }));
  await typeInto(page, page.getByLabel('Vad nivån heter'), 'Politiska styrgruppen för Nya perspektiv');
  await expect(page.getByLabel('Var i ordningen')).toHaveValue('3');
  await tick(page, page.getByRole('checkbox', { name: 'Politiska styrgruppen för Nya perspektiv' }));
  await typeInto(page, page.getByLabel('Källa (frivilligt)'), 'Värmland, Giltighetstid');
  await activate(page, page.getByRole('button', { name: 'Spara nivån' }));
  await expect(banner(page)).toContainText('Ändringen gäller nya ärenden');
  const ladder = page.locator('#avvikelser + .app-ladder > li');
  await expect(ladder).toHaveCount(3);
  await expect(ladder.nth(2)).toContainText('Politiska styrgruppen för Nya perspektiv');
  await expect(page.locator('#tvister + .app-ladder > li')).toHaveCount(2);
  await expectAccessibleAtBothWidths(page);

  const refused = await preparation.post(`/api/deviations/${earlier.id}/escalation`, {
    data: { reason: 'Vidare.' },
  });
  expect(refused.status(), 'the earlier deviation is at the top of the path it took').toBe(409);
  const fresh = await (await reporter.post('/api/deviations', { data: deviation })).json();
  expect(fresh.path).toHaveLength(3);
  await reporter.post(`/api/deviations/${fresh.id}/escalation`, { data: { reason: 'Obesvarad.' } });
  const climbed = await (
    await preparation.post(`/api/deviations/${fresh.id}/escalation`, { data: { reason: 'Vidare.' } })
  ).json();
  expect([climbed.level, climbed.assignedTo.name]).toEqual([3, 'Politiska styrgruppen för Nya perspektiv']);

  await adminMenu(page, 'Administrationslogg').click();
  await expect(
    page.getByRole('heading', { name: 'Nivå tillagd i eskaleringsordning' }).first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  // Back to the seed's ladder for the specs that follow; the cases keep the paths they took.
  await page.goto('/administration/eskalering');
  await page.getByRole('button', { name: 'Ta bort nivå 3 för avvikelser' }).click();
  await expect(page.locator('#avvikelser + .app-ladder > li')).toHaveCount(2);
  const kept = await (await reporter.get(`/api/deviations/${fresh.id}`)).json();
  expect(kept.path).toHaveLength(3);
  await context.close();
  await reporter.dispose();
  await preparation.dispose();
});

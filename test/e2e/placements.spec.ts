import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { download, expectNoAxeViolations, login, personnummer, successBanner } from './helpers.ts';

// Issue 22 item 11: a placement outside the home in a SIP's plan, with axe on the form (with its errors shown)
// and on the SIP page, at a desktop's width and at 320 px where nothing may scroll sideways. The county's rules on
// placements stand beside the cost split. The SIP is closed at the end, so other specs find Mitt arbete as it was.

/** Axe at a desktop's width and at 320 px, where the page must not be wider than the window. */
async function accessibleAndNarrow(page: Page) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, `the page is no wider than ${width}px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

const banner = successBanner;

test('a SIP plan with a placement: the form with the county rules, its errors, the SIP page and the PDF', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const page = await (await browser.newContext()).newPage();
  await login(page, 'psykiatri.karlstad');
  await page.goto('/sip');
  await page.getByRole('button', { name: 'Starta en SIP' }).click();
  await page.getByLabel('Personnummer eller samordningsnummer').fill(personnummer('770412', '246'));
  await page.getByLabel('Namn').fill('Petra Placerad');
  await page.getByLabel('Varför behövs en SIP?').fill('Behöver behandlingshem och samordnat stöd.');
  await page.getByRole('group', { name: 'Vem begärde SIP:en?' }).getByLabel('Personal').check();
  await page
    .getByRole('group', { name: 'Har personen barn eller bor personen med barn?' })
    .getByLabel('Nej')
    .check();
  await page.getByRole('button', { name: 'Starta SIP' }).click();
  await expect(banner(page)).toContainText('SIP:en är startad.');

  await page.getByRole('button', { name: 'Registrera samtycke' }).click();
  await page.getByLabel('Datum då samtycket gavs').fill('2026-12-01');
  await page.getByLabel('Skriftligt').check();
  await page.getByLabel('Karlstads kommun').check();
  await page.getByRole('group', { name: 'Får närstående delta?' }).getByLabel('Nej').check();
  await page
    .getByRole('group', { name: 'Vilka deltog i beslutet om samtycke?' })
    .getByLabel('Personen själv')
    .check();
  await page.getByRole('button', { name: 'Spara samtycke' }).click();
  await expect(banner(page)).toContainText('Samtycket är registrerat.');

  await page.getByRole('button', { name: 'Skriv planen' }).click();
  await page.getByLabel('Mål', { exact: true }).fill('Drogfrihet');
  const one = page.getByRole('group', { name: 'Insats 1', exact: true });
  await one.getByLabel('Beskrivning').fill('Öppenvård efter hemkomsten');
  await one.getByLabel('Ansvarig enhet').selectOption({ label: 'Vuxenpsykiatri Karlstad (Region Värmland)' });
  await page
    .getByLabel('Enhet med övergripande ansvar för planen')
    .selectOption({ label: 'Vuxenpsykiatri Karlstad (Region Värmland)' });
  await page.getByLabel('Uppföljning', { exact: true }).fill('2027-03-01');
  await page.getByLabel('Personen har inte barn och bor inte med barn').check();

  // The placement part, with the county's rules beside the cost split.
  await expect(
    page
      .locator('#placement-rules')
      .getByText('De kostnader som är att hänföra till hälso- och sjukvård ska betalas av Regionen.'),
  ).toBeVisible();
  await page
    .getByRole('group', { name: 'Typ av placering' })
    .getByLabel('HVB (hem för vård eller boende)')
    .check();
  await page.getByLabel('Var (valfritt)').fill('Behandlingshemmet Solgläntan');
  await page.getByLabel('Placeringen börjar').fill('2027-01-10');
  await page.getByLabel('Den gemensamma planeringen hölls').fill('2027-01-12');
  await page
    .getByRole('group', { name: 'Enheter som deltog i planeringen' })
    .getByLabel('Vuxenpsykiatri Karlstad (Region Värmland)')
    .check();
  await page.getByLabel('Mål med placeringen').fill('Drogfrihet och en egen bostad.');
  await page.getByLabel('Placeringen följs upp', { exact: true }).fill('2027-03-01');
  await page.getByLabel('Hur placeringen följs upp').fill('Möte på behandlingshemmet med båda huvudmännen.');
  await page.getByLabel('Planering för hemtagning').fill('Boendestöd från första dagen hemma.');
  const split = page.getByRole('group', { name: 'Kostnadsfördelning' });
  await split.getByLabel('Karlstads kommun').fill('70');
  await split.getByLabel('Region Värmland').fill('20');
  await page.getByRole('button', { name: 'Spara planen' }).click();
  await expect(page.getByRole('alert')).toContainText('senast samma dag som den börjar');
  await expect(page.getByRole('alert')).toContainText('100 procent (nu 90 procent)');
  await expect(page.getByLabel('Var (valfritt)')).toHaveValue('Behandlingshemmet Solgläntan');
  await accessibleAndNarrow(page);

  await page.getByLabel('Den gemensamma planeringen hölls').fill('2026-12-15');
  await split.getByLabel('Region Värmland').fill('30');
  await page.getByRole('button', { name: 'Spara planen' }).click();
  await expect(banner(page)).toContainText('Planen är sparad som en ny version.');
  await expect(page.getByRole('heading', { name: 'Placering utanför hemmet' })).toBeVisible();
  await expect(page.getByText('HVB (hem för vård eller boende): Behandlingshemmet Solgläntan')).toBeVisible();
  await expect(page.getByText('Karlstads kommun 70 %, Region Värmland 30 %')).toBeVisible();
  await accessibleAndNarrow(page);

  const pdf = oneLine(pdfText(await download(page, 'Skriv ut planen (PDF)')));
  expect(pdf).toContain('Placering utanför hemmet');
  expect(pdf).toContain('Karlstads kommun 70 %, Region Värmland 30 %');

  await page.getByRole('button', { name: 'Avsluta SIP:en' }).click();
  await page.getByLabel('Annat skäl').check();
  await page.getByRole('group', { name: 'Har planens mål uppnåtts?' }).getByLabel('Inte').check();
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await page.getByRole('button', { name: 'Ja, avsluta SIP:en' }).click();
  await expect(banner(page)).toContainText('SIP:en är avslutad.');
});

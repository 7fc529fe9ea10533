import { expect, type Locator, type Page, test } from '@playwright/test';
import { activate, expectNoAxeViolations, login, tabTo, tabToElement, tick, typeInto } from './helpers.ts';

/** Ticks the box by which the writer confirms that the text names no one (issue 20 item 9). */
const confirmNamesNoOne = (page: Page) =>
  tick(page, page.getByRole('checkbox', { name: /Jag har kontrollerat att texten inte innehåller namn/ }));

// Deviations and disputes from report to decision, as people do it: mostly with the keyboard (Tab to a field,
// type, Space on a choice, Enter on a button), with axe on every page visited, error states included. The
// steps build on each other (the deviation soc.arvika reports is the one the others handle), so they run in order.

const deviationTitle = 'Kallelse till SIP besvarades inte i tid';
const disputeTitle = 'Vem bekostar boendestödet efter utskrivning';
const decisionText =
  'Beredningsgruppen ger huvudmännen i uppdrag att ta fram en gemensam rutin för kallelser.';
const disputeDecision = 'Kommunen och regionen delar kostnaden för boendestödet lika under sex månader.';
const disputeReasoning = 'Insatsen är både social och psykiatrisk; överenskommelsen ger inget ensamt ansvar.';

/**
 * Chooses a radio as a keyboard user does: Tab reaches the group once (its first radio), Space checks that one,
 * and the arrow keys move the choice down to the one wanted.
 */
async function choose(page: Page, group: Locator, label: string) {
  await tabTo(page, () => group.evaluate((g) => g.contains(document.activeElement)), 80);
  await page.keyboard.press('Space');
  const target = group.getByRole('radio', { name: label, exact: true });
  for (let i = 0; i < 20 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeChecked();
  await expect(target).toBeFocused();
}

const mainMenu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true });

/** The status tag at the top of a deviation or dispute page. */
const statusTag = (page: Page) => page.locator('main h1 + p .govuk-tag').first();

/** The value of a row in a GOV.UK summary list. */
const summaryValue = (page: Page, key: string) =>
  page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) }).locator('dd');

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe.configure({ mode: 'serial' });

let deviationUrl = '';

test('soc.arvika reports a deviation to Region Värmland: empty form, a personnummer refused, then reported', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'soc.arvika');
  await activate(page, mainMenu(page, 'Avvikelser'));
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelser' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Inga avvikelser.');
  await expectNoAxeViolations(page);

  await activate(page, page.getByRole('button', { name: 'Rapportera en avvikelse' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Rapportera en avvikelse' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Empty: every missing answer is named in the summary, which takes focus, and at its field.
  await activate(page, page.getByRole('button', { name: 'Rapportera avvikelsen' }));
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Det finns ett problem');
  for (const message of [
    'Ge avvikelsen en rubrik',
    'Välj en kategori',
    'Välj minst en berörd huvudman',
    'Beskriv vad som hände',
    'Bekräfta att du har kontrollerat att texten inte innehåller namn',
  ])
    await expect(summary).toContainText(message);
  await expect(page.locator('.govuk-error-summary')).toBeFocused();
  await expect(page.locator('#title-error')).toContainText('Ge avvikelsen en rubrik');
  await expect(page.locator('#description-error')).toContainText('Beskriv vad som hände');
  await expect(page).toHaveTitle(/^Fel: /);
  await expectNoAxeViolations(page);

  // The summary's link takes the keyboard user to the field.
  await activate(page, summary.getByRole('link', { name: 'Ge avvikelsen en rubrik' }));
  await expect(page.getByLabel('Rubrik')).toBeFocused();

  // A personnummer in "Vad hände?": refused at that field, with everything typed kept, and nothing stored.
  await typeInto(page, page.getByLabel('Rubrik'), deviationTitle);
  await choose(page, page.getByRole('group', { name: 'Kategori' }), 'Kallelse till SIP besvarades inte');
  await tick(
    page,
    page.getByRole('group', { name: 'Region' }).getByRole('checkbox', { name: 'Region Värmland' }),
  );
  await typeInto(
    page,
    page.getByLabel('Vad hände?'),
    'Vi kallade psykiatrin till SIP för 19121212-1212. Kallelsen besvarades inte inom tre arbetsdagar.',
  );
  await confirmNamesNoOne(page);
  await activate(page, page.getByRole('button', { name: 'Rapportera avvikelsen' }));
  await expect(page.locator('#description-error')).toContainText('personnummer eller samordningsnummer');
  await expect(page.getByRole('alert')).toContainText('personnummer eller samordningsnummer');
  await expect(page.getByLabel('Rubrik')).toHaveValue(deviationTitle);
  await expect(page.getByRole('radio', { name: 'Kallelse till SIP besvarades inte' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Region Värmland' })).toBeChecked();
  await expectNoAxeViolations(page);

  const list = await context.newPage();
  await list.goto('/avvikelser?status=alla');
  await expect(list.getByRole('status')).toHaveText('Inga avvikelser.');
  await expect(list.getByRole('link', { name: deviationTitle })).toHaveCount(0);
  await list.close();

  await typeInto(
    page,
    page.getByLabel('Vad hände?'),
    'Vi kallade psykiatrin till ett SIP-möte. Kallelsen besvarades inte inom tre arbetsdagar.',
  );
  await activate(page, page.getByRole('button', { name: 'Rapportera avvikelsen' }));
  await expect(page.getByRole('heading', { level: 1, name: deviationTitle })).toBeVisible();
  await expect(statusTag(page)).toHaveText('Väntar på svar');
  await expect(summaryValue(page, 'Berörda huvudmän')).toHaveText('Region Värmland');
  await expect(summaryValue(page, 'Nivå')).toHaveText('1 av 2');
  await expectNoAxeViolations(page);
  deviationUrl = new URL(page.url()).pathname;
  expect(deviationUrl).toMatch(/^\/avvikelser\/[^/]+$/);
  await context.close();
});

test('chef.psykiatri.karlstad finds it on Mitt arbete and answers it', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'chef.psykiatri.karlstad');
  await expect(page.getByRole('heading', { level: 2, name: 'Avvikelser som väntar på dig' })).toBeVisible();
  const waiting = page.locator('h2:text-is("Avvikelser som väntar på dig") + ul');
  await expect(waiting.getByRole('listitem')).toHaveCount(1);
  await expect(waiting.getByRole('listitem')).toContainText(/nivå 1, svar senast \d{4}-\d{2}-\d{2}/);
  await expectNoAxeViolations(page);
  await activate(page, waiting.getByRole('link', { name: deviationTitle }));
  await expect(page.getByRole('heading', { level: 1, name: deviationTitle })).toBeVisible();
  await expectNoAxeViolations(page);

  await activate(page, page.getByRole('button', { name: 'Besvara' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Besvara avvikelsen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await activate(page, page.getByRole('button', { name: 'Skicka svaret' }));
  await expect(page.getByRole('alert')).toContainText('Beskriv hur avvikelsen har utretts');
  await expect(page.getByRole('alert')).toContainText('Beskriv orsaken');
  await expect(page.getByRole('alert')).toContainText('Beskriv vilka åtgärder som vidtas');
  await expectNoAxeViolations(page);

  await typeInto(page, page.getByLabel('Utredning'), 'Vi har gått igenom hur kallelser tas emot.');
  await typeInto(page, page.getByLabel('Orsak'), 'Funktionsbrevlådan bevakades inte under semestern.');
  await typeInto(page, page.getByLabel('Åtgärder'), 'Två personer bevakar nu brevlådan varje dag.');
  await confirmNamesNoOne(page);
  await activate(page, page.getByRole('button', { name: 'Skicka svaret' }));
  await expect(page.getByRole('heading', { level: 1, name: deviationTitle })).toBeVisible();
  await expect(statusTag(page)).toHaveText('Besvarad');
  await expect(page.getByRole('button', { name: 'Besvara' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('soc.arvika reads the answer and passes the deviation on to Beredningsgruppen', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, 'soc.arvika');
  await page.goto(deviationUrl);
  await expect(
    page.getByRole('heading', { level: 2, name: 'Svar från Vuxenpsykiatri Karlstad' }),
  ).toBeVisible();
  await expect(page.getByText('Funktionsbrevlådan bevakades inte under semestern.')).toBeVisible();
  await expect(page.getByText('Två personer bevakar nu brevlådan varje dag.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Avsluta' })).toBeVisible();
  await expectNoAxeViolations(page);

  await activate(page, page.getByRole('button', { name: 'För vidare' }));
  await expect(page.getByRole('heading', { level: 1, name: 'För avvikelsen vidare' })).toBeVisible();
  await expect(page.getByText('Avvikelsen förs till nivå 2: Beredningsgruppen Nya perspektiv')).toBeVisible();
  await expectNoAxeViolations(page);
  await activate(page, page.getByRole('button', { name: 'För vidare' }));
  await expect(page.getByRole('alert')).toContainText('Beskriv varför avvikelsen behöver föras vidare');
  await expectNoAxeViolations(page);
  await typeInto(
    page,
    page.getByLabel('Varför behöver avvikelsen föras vidare?'),
    'Samma sak har hänt tre gånger i år; det behövs en gemensam rutin.',
  );
  await confirmNamesNoOne(page);
  await activate(page, page.getByRole('button', { name: 'För vidare' }));
  await expect(page.getByRole('heading', { level: 1, name: deviationTitle })).toBeVisible();
  await expect(statusTag(page)).toHaveText('Förd vidare');
  await expect(summaryValue(page, 'Nivå')).toHaveText('2 av 2');
  await expect(summaryValue(page, 'Ligger hos')).toHaveText('Beredningsgruppen Nya perspektiv');
  await expect(page.locator('[aria-current="step"]')).toContainText('Beredningsgruppen Nya perspektiv (nu)');
  await expect(page.getByText(/Förd vidare till nivå 2 av Socialtjänst vuxen, Arvika/)).toBeVisible();
  await expectNoAxeViolations(page);
  await screenshots(page, 'deviation');
});

test('beredning.varmland opens it from Avvikelser and decides it; the history shows the decision', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await login(page, 'beredning.varmland');
  await activate(page, mainMenu(page, 'Avvikelser'));
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelser' })).toBeVisible();
  await expectNoAxeViolations(page);
  await activate(page, page.getByRole('link', { name: deviationTitle }));
  await expect(page.getByRole('heading', { level: 1, name: deviationTitle })).toBeVisible();
  await expect(page.getByRole('button', { name: 'För vidare' })).toHaveCount(0); // the top of the ladder
  await expectNoAxeViolations(page);

  await activate(page, page.getByRole('button', { name: 'Besluta' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Besluta om avvikelsen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await activate(page, page.getByRole('button', { name: 'Besluta och avsluta' }));
  await expect(page.getByRole('alert')).toContainText('Skriv beslutet');
  await expect(page.getByRole('alert')).toContainText('Välj utfall');
  await expectNoAxeViolations(page);
  await typeInto(page, page.getByLabel('Beslut'), decisionText);
  await choose(page, page.getByRole('group', { name: 'Utfall' }), 'Rutin förtydligad eller ändrad');
  await confirmNamesNoOne(page);
  await activate(page, page.getByRole('button', { name: 'Besluta och avsluta' }));

  await expect(page.getByRole('heading', { level: 1, name: deviationTitle })).toBeVisible();
  await expect(statusTag(page)).toHaveText('Avslutad');
  await expect(summaryValue(page, 'Utfall')).toHaveText('Rutin förtydligad eller ändrad');
  const history = page.locator('ol.app-history');
  await expect(history.locator('li').first()).toContainText('Beslut av Beredningsgruppen Nya perspektiv');
  await expect(history.locator('li').first()).toContainText(decisionText);
  await expect(history.locator('li').first()).toContainText('Utfall: Rutin förtydligad eller ändrad');
  await expect(page.getByRole('button', { name: 'Besluta' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the compilation passes axe and its CSV has a BOM, the header and no texts', async ({ page }) => {
  test.setTimeout(60_000);
  await login(page, 'soc.karlstad');
  await activate(page, mainMenu(page, 'Avvikelser'));
  await expect(page.getByRole('heading', { level: 1, name: 'Avvikelser' })).toBeVisible();
  await activate(page, page.getByRole('link', { name: 'Sammanställning' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Sammanställning av avvikelser' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Kategori' })).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await activate(page, page.getByRole('link', { name: 'Ladda ned som CSV' }));
  const file = await download;
  expect(file.suggestedFilename()).toBe('avvikelser-sammanstallning.csv');
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain('Dimension;Värde;Antal');
  expect(csv).toContain('dolt'); // one deviation this year, seen from Karlstads kommun
  expect(csv).not.toContain(deviationTitle);
  expect(csv).not.toContain(decisionText);
});

test('a dispute in an individual case: interim responsibility first, dialogue, escalation, decision, earlier decisions', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const opener = await (await browser.newContext()).newPage();
  await login(opener, 'chef.soc.karlstad');
  await activate(opener, mainMenu(opener, 'Tvister'));
  await expect(opener.getByRole('heading', { level: 1, name: 'Tvister' })).toBeVisible();
  await expectNoAxeViolations(opener);
  await activate(opener, opener.getByRole('button', { name: 'Tvist i ett enskilt ärende' }));
  await expect(opener.getByRole('heading', { level: 1, name: 'Tvist i ett enskilt ärende' })).toBeVisible();
  await expectNoAxeViolations(opener);

  // Who meets the person's needs meanwhile is asked first: in the document and so in the tab order.
  const fields = await opener
    .locator('main form[method="post"]')
    .locator('input:not([type="hidden"]), select, textarea')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
  expect(fields.slice(0, 2)).toEqual(['interimPrincipalId', 'interimDescription']);
  const firstOther = ['counterpartPrincipalIds', 'category', 'title', 'description'].map((n) =>
    fields.indexOf(n),
  );
  expect(Math.min(...firstOther)).toBeGreaterThan(1);
  await expect(
    opener.getByRole('group', { name: 'Vem tillgodoser personens behov medan tvisten pågår?' }),
  ).toBeVisible();

  // Everything else filled in, the interim responsibility left out: refused, with what was typed kept.
  await tick(
    opener,
    opener.getByRole('group', { name: 'Region' }).getByRole('checkbox', { name: 'Region Värmland' }),
  );
  await choose(opener, opener.getByRole('group', { name: 'Vad gäller tvisten?' }), 'Kostnadsfördelning');
  await typeInto(opener, opener.getByLabel('Rubrik'), disputeTitle);
  await typeInto(
    opener,
    opener.getByLabel('Vad är ni oeniga om?'),
    'Regionen menar att boendestödet är kommunens insats; kommunen att det är en del av den psykiatriska vården.',
  );
  await activate(opener, opener.getByRole('button', { name: 'Öppna tvisten' }));
  const errors = opener.getByRole('alert');
  await expect(errors).toContainText('Välj vilken huvudman som tillgodoser behoven under tiden');
  await expect(errors).toContainText('Beskriv hur personens behov tillgodoses medan tvisten pågår');
  await expect(errors).not.toContainText('Ge tvisten en rubrik');
  await expect(opener.locator('#interimPrincipalId-error')).toBeVisible();
  await expect(opener.locator('#interimDescription-error')).toBeVisible();
  await expect(opener.getByLabel('Rubrik')).toHaveValue(disputeTitle);
  await expect(opener.getByRole('checkbox', { name: 'Region Värmland' })).toBeChecked();
  await expectNoAxeViolations(opener);

  // The select is reached with Tab; the option is then chosen as the keyboard would (selectOption fires change).
  const interim = opener.getByLabel('Huvudman', { exact: true });
  await tabToElement(opener, interim);
  await interim.selectOption({ label: 'Karlstads kommun' });
  await typeInto(
    opener,
    opener.getByLabel('Hur tillgodoses behoven under tiden?'),
    'Socialtjänsten fortsätter boendestödet tills tvisten är avgjord.',
  );
  await confirmNamesNoOne(opener);
  await activate(opener, opener.getByRole('button', { name: 'Öppna tvisten' }));
  await expect(opener.getByRole('heading', { level: 1, name: disputeTitle })).toBeVisible();
  await expect(
    opener.getByRole('heading', { name: 'Under tiden tillgodoser Karlstads kommun personens behov' }),
  ).toBeVisible();
  await expect(statusTag(opener)).toHaveText('Dialog mellan chefer');
  await expectNoAxeViolations(opener);
  const disputeUrl = new URL(opener.url()).pathname;

  // The region's manager answers in the dialogue and passes it on.
  const region = await (await browser.newContext()).newPage();
  await login(region, 'chef.psykiatri.karlstad');
  await activate(region, mainMenu(region, 'Tvister'));
  await expect(region.getByRole('heading', { level: 1, name: 'Tvister' })).toBeVisible();
  await expectNoAxeViolations(region);
  await activate(region, region.getByRole('link', { name: disputeTitle }));
  await expect(region.getByRole('heading', { level: 1, name: disputeTitle })).toBeVisible();
  await expectNoAxeViolations(region);
  await activate(region, region.getByRole('button', { name: 'Skriv i dialogen' }));
  await expect(region.getByRole('heading', { level: 1, name: 'Skriv i dialogen' })).toBeVisible();
  await expectNoAxeViolations(region);
  await activate(region, region.getByRole('button', { name: 'Skicka inlägget' }));
  await expect(region.getByRole('alert')).toContainText('Skriv ert inlägg');
  await expectNoAxeViolations(region);
  await typeInto(
    region,
    region.getByLabel('Inlägg'),
    'Boendestöd är enligt ansvarsfördelningen kommunens insats. Vi står för den psykiatriska behandlingen.',
  );
  await confirmNamesNoOne(region);
  await activate(region, region.getByRole('button', { name: 'Skicka inlägget' }));
  await expect(
    region.getByText('Vi står för den psykiatriska behandlingen.', { exact: false }),
  ).toBeVisible();
  await expectNoAxeViolations(region);

  await activate(region, region.getByRole('button', { name: 'För vidare' }));
  await expect(region.getByRole('heading', { level: 1, name: 'För tvisten vidare' })).toBeVisible();
  await expect(
    region.getByText(/förs avidentifierad till nivå 2: Beredningsgruppen Nya perspektiv/),
  ).toBeVisible();
  await expectNoAxeViolations(region);
  await typeInto(
    region,
    region.getByLabel('Varför kan tvisten inte lösas på den här nivån?'),
    'Vi är oeniga om hur ansvarsfördelningen ska läsas.',
  );
  await confirmNamesNoOne(region);
  await activate(region, region.getByRole('button', { name: 'För vidare' }));
  await expect(region.getByRole('heading', { level: 1, name: disputeTitle })).toBeVisible();
  await expect(summaryValue(region, 'Nivå')).toHaveText('2 av 2');
  await expect(summaryValue(region, 'Ligger hos')).toHaveText('Beredningsgruppen Nya perspektiv');
  await expect(region.getByRole('button', { name: 'För vidare' })).toHaveCount(0);
  await expectNoAxeViolations(region);
  await screenshots(region, 'dispute');

  // Beredningsgruppen decides, with its reasoning; the decision then guides later cases.
  const body = await (await browser.newContext()).newPage();
  await login(body, 'beredning.varmland');
  await activate(body, mainMenu(body, 'Tvister'));
  await expect(body.getByRole('heading', { level: 1, name: 'Tvister' })).toBeVisible();
  await activate(body, body.getByRole('link', { name: disputeTitle }));
  await expect(body.getByRole('heading', { level: 1, name: disputeTitle })).toBeVisible();
  await expectNoAxeViolations(body);
  await activate(body, body.getByRole('button', { name: 'Avgör' }));
  await expect(body.getByRole('heading', { level: 1, name: 'Avgör tvisten' })).toBeVisible();
  await expectNoAxeViolations(body);
  await activate(body, body.getByRole('button', { name: 'Spara beslutet' }));
  await expect(body.getByRole('alert')).toContainText('Skriv vad som beslutades');
  await expect(body.getByRole('alert')).toContainText('Skriv varför');
  await expectNoAxeViolations(body);
  await typeInto(body, body.getByLabel('Beslut'), disputeDecision);
  await typeInto(body, body.getByLabel('Motivering'), disputeReasoning);
  await confirmNamesNoOne(body);
  await activate(body, body.getByRole('button', { name: 'Spara beslutet' }));
  await expect(body.getByRole('heading', { level: 1, name: disputeTitle })).toBeVisible();
  await expect(statusTag(body)).toHaveText('Avgjord');
  await expect(body.locator('ol.app-history li').first()).toContainText(
    'Beslut av Beredningsgruppen Nya perspektiv',
  );
  await expectNoAxeViolations(body);
  expect(new URL(body.url()).pathname).toBe(disputeUrl);

  await activate(body, body.getByRole('link', { name: 'Tidigare beslut i samma kategori' }));
  await expect(body.getByRole('heading', { level: 1, name: 'Tidigare beslut i tvister' })).toBeVisible();
  await expect(body.getByRole('status')).toHaveText('1 beslut.');
  await expect(body.getByRole('heading', { level: 2, name: disputeTitle })).toBeVisible();
  await expect(body.getByText(disputeDecision)).toBeVisible();
  await expect(body.getByText(disputeReasoning)).toBeVisible();
  // The parties' dialogue is not part of an earlier decision.
  await expect(body.getByText('Vi står för den psykiatriska behandlingen.', { exact: false })).toHaveCount(0);
  await expectNoAxeViolations(body);

  // Anyone in the county reads earlier decisions, found by a word in them.
  await opener.goto('/tvister/tidigare-beslut');
  await typeInto(opener, opener.getByRole('searchbox', { name: 'Sök' }), 'boendestödet');
  await opener.keyboard.press('Enter');
  await expect(opener.getByRole('heading', { level: 2, name: disputeTitle })).toBeVisible();
  await expect(opener.getByText(disputeDecision)).toBeVisible();
  await expectNoAxeViolations(opener);
});

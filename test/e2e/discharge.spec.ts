import { type Browser, expect, type Page, test } from '@playwright/test';
import {
  activate,
  expectAccessibleAndReflowing,
  login,
  personnummer,
  successBanner,
  tabToElement,
  typeInto,
} from './helpers.ts';

// Issue 25 in the browser: one stay in Värmland walked from the admission notice to the discharge, by keyboard,
// each actor at its own moment (the clock header; the suite's server otherwise stands at TEST_NOW, Monday
// 7 December 2026 10:00 in Sweden, the last step's moment). Every discharge page is checked with axe at desktop
// and phone widths and for sideways scroll at 320 px, the stay's page in each state it reaches (it scrolled
// sideways after an admission notice was sent: the success banner's "Inskrivningsmeddelandet" was wider than
// the banner). The days and amount of the municipality's payment responsibility are checked against a hand
// calculation (below). The steps build on each other, so they run in order.
//
// The moments, in Swedish time (CET, UTC+1):
//   Tue 24 Nov 19:40  admitted to Psykiatrisk heldygnsvård Karlstad
//   Wed 25 Nov 08:15  admission notice to Karlstad's social services and Vuxenpsykiatri Karlstad (after
//                     12 h 35 min: on time)
//   Wed 25 Nov 10:00  the social services acknowledge and record what they prepare
//   Wed 25 Nov 11:00  Vuxenpsykiatri Karlstad acknowledges and names the fasta vårdkontakt
//   Thu 26 Nov 09:00  the expected date moves from 30 November to 1 December
//   Fri 27 Nov 11:00  ready for discharge (judged 10:30), the units told
//   Sat 28 Nov 10:00  no longer ready
//   Sun 29 Nov 09:00  ready again (judged 08:45)
//   Mon 30 Nov 23:00  the fasta vårdkontakt calls the SIP: the last day, three days from the FIRST ready notice
//   Mon  7 Dec 10:00  discharged, the information transferred the same day
//
// The hand calculation of the payment responsibility. Värmland's agreement sets no payment rule of its own
// (docs/decisions/0023-discharge-planning.md), so the county's rule is the law's (lag (2017:612) 5 kap., the
// row of migration 0019): the municipality pays from the third calendar day after the day the ready notice was
// sent, every calendar day (weekends too) until the day before the readiness is revoked or the patient is
// discharged; the discharge day is not paid. A day costs 10 500 kr, the migration's DEMO value; the real amount
// is Socialstyrelsen's for the year (5 kap. 6 §), which the county administrator enters as the county's own
// rule, and the pages say so.
//   - Notice Fri 27 Nov: payment would begin Mon 30 Nov, but the readiness is revoked Sat 28 Nov: no day.
//   - Notice Sun 29 Nov: payment begins Wed 2 Dec; discharged Mon 7 Dec, so Wed 2, Thu 3, Fri 4, Sat 5 and
//     Sun 6 Dec are paid: 5 days × 10 500 kr = 52 500 kr.
//   (Had the readiness never been revoked: 30 Nov – 6 Dec, 7 days, 73 500 kr.)
const dailyAmount = 10_500;
const paidDays = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
const totalAmount = paidDays.length * dailyAmount;
/** As the pages write an amount (routes.web.shared.ts kronor). */
const kr = (sek: number) => `${sek.toLocaleString('sv-SE')} kr`;

const patient = { pnr: personnummer('560412', '238'), name: 'Maj Lindholm' };
const fastVardkontakt = 'Sjuksköterska Eva Ek, 054-61 00 00';
let stayPath = '';

/** A context whose every request carries the moment (UTC), logged in as the user then. */
async function loggedInAt(browser: Browser, username: string, now: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-somlos-now': now } });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

const summaryValue = (page: Page, key: string) =>
  page
    .locator('.govuk-summary-list__row', {
      has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }),
    })
    .locator('dd')
    .first();
const unitRow = (page: Page, name: string) =>
  page
    .getByRole('region', { name: 'Berörda enheter' })
    .locator('tbody tr', { has: page.locator('th', { hasText: name }) });
const readinessList = (page: Page) => page.locator('h2:text-is("Utskrivningsklar") + ul.govuk-list > li');
const sipParagraph = (page: Page) => page.locator('h2:text-is("SIP") + p');

/** From "Mitt arbete" or the board: the stay's page, reached by Tab and Enter. */
async function openStay(page: Page) {
  await activate(page, page.getByRole('link', { name: patient.name }).first());
  await expect(page.getByRole('heading', { level: 1, name: patient.name })).toBeVisible();
}

/** A step's form from the stay's page: follows the button, checks the page, and returns. */
async function openStep(page: Page, button: string, heading: string) {
  await activate(page, page.getByRole('button', { name: button }));
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.locator('.govuk-caption-l')).toHaveText(patient.name);
  await expectAccessibleAndReflowing(page);
}

test.describe.configure({ mode: 'serial' });

test('the inpatient unit sends the admission notice within 24 hours', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await loggedInAt(browser, 'heldygn.karlstad', '2026-11-25T07:15:00Z');
  await activate(
    page,
    page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utskrivning' }),
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Utskrivning från sluten vård' })).toBeVisible();
  await expectAccessibleAndReflowing(page);

  await activate(page, page.getByRole('button', { name: 'Skicka inskrivningsmeddelande' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Skicka inskrivningsmeddelande' })).toBeVisible();
  await expectAccessibleAndReflowing(page);

  // Sent empty: each missing answer named at its field, the summary first.
  await activate(page, page.locator('form').getByRole('button', { name: 'Skicka inskrivningsmeddelande' }));
  await expect(page.getByRole('alert')).toContainText('Ange personnummer eller samordningsnummer');
  await expect(page.getByRole('alert')).toContainText('Ange vilken dag patienten skrevs in');
  await expect(page).toHaveTitle(/^Fel: /);
  await expectAccessibleAndReflowing(page);

  await typeInto(page, page.getByLabel('Personnummer eller samordningsnummer'), patient.pnr);
  await typeInto(page, page.getByLabel('Patientens namn'), patient.name);
  await typeInto(page, page.getByLabel('Inskriven dag'), '2026-11-24');
  await typeInto(page, page.getByLabel('Inskriven klockan'), '19:40');
  await typeInto(page, page.getByLabel('Beräknas utskrivningsklar'), '2026-11-30');
  // Each select is reached with Tab; the option is then chosen as the keyboard would (selectOption fires change).
  for (const [label, option] of [
    ['Kommunen där patienten bor (betalningsansvarig)', 'Karlstads kommun'],
    ['Socialtjänsten', 'Socialtjänst vuxen, Karlstad, Karlstads kommun'],
    ['Regionens öppna vård', 'Vuxenpsykiatri Karlstad, Region Värmland'],
  ] as const) {
    const select = page.getByLabel(label, { exact: true });
    await tabToElement(page, select);
    await select.selectOption({ label: option });
  }
  await activate(page, page.locator('form').getByRole('button', { name: 'Skicka inskrivningsmeddelande' }));

  await expect(page.getByRole('heading', { level: 1, name: patient.name })).toBeVisible();
  await expect(successBanner(page)).toContainText('Inskrivningsmeddelandet är skickat');
  await expect(summaryValue(page, 'Status')).toHaveText('Inskriven');
  await expect(summaryValue(page, 'Inskriven')).toHaveText('2026-11-24 19:40');
  await expect(summaryValue(page, 'Inskrivningsmeddelande')).toHaveText('2026-11-25 08:15 (i tid)');
  await expect(summaryValue(page, 'Beräknas utskrivningsklar')).toHaveText('2026-11-30');
  await expect(unitRow(page, 'Socialtjänst vuxen, Karlstad')).toContainText('Inte än');
  await expect(unitRow(page, 'Vuxenpsykiatri Karlstad')).toContainText('Inte än');
  // The page that scrolled sideways at 320 px: the banner now breaks its long word.
  await expectAccessibleAndReflowing(page);
  stayPath = new URL(page.url()).pathname;
  await context.close();
});

test('the social services see the notice on Mitt arbete at once, acknowledge it and record what they prepare', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await loggedInAt(browser, 'soc.karlstad', '2026-11-25T09:00:00Z');
  const notice = page.locator('h2:text-is("Utskrivning från sluten vård") + ul > li', {
    hasText: patient.name,
  });
  await expect(notice).toContainText(
    'Inskrivningsmeddelande: kvittera och starta planeringen, 2026-11-25 08:15',
  );
  await expect(notice.locator('.govuk-tag')).toHaveCount(0); // on time
  await expectAccessibleAndReflowing(page);

  await openStay(page);
  await expectAccessibleAndReflowing(page);
  await openStep(page, 'Kvittera och starta planeringen', 'Kvittera inskrivningsmeddelandet');
  // The fasta vårdkontakt is the outpatient care's to name: the municipality leaves the field empty.
  await activate(page, page.getByRole('button', { name: 'Kvittera och starta planeringen' }));
  await expect(successBanner(page)).toContainText('Er enhet har kvitterat inskrivningsmeddelandet');
  await expect(unitRow(page, 'Socialtjänst vuxen, Karlstad')).toContainText('2026-11-25 10:00');
  await expectAccessibleAndReflowing(page);

  await openStep(page, 'Det vi förbereder', 'Det er enhet förbereder');
  await typeInto(
    page,
    page.getByLabel('Det ni förbereder'),
    'Boendestöd tre dagar i veckan från hemkomsten.',
  );
  await activate(page, page.getByRole('button', { name: 'Spara' }));
  await expect(successBanner(page)).toContainText('Det ni förbereder är sparat.');
  await expect(unitRow(page, 'Socialtjänst vuxen, Karlstad')).toContainText(
    'Boendestöd tre dagar i veckan från hemkomsten.',
  );
  await context.close();
});

test('the outpatient psychiatry acknowledges and names the fasta vårdkontakt', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await loggedInAt(browser, 'psykiatri.karlstad', '2026-11-25T10:00:00Z');
  await openStay(page);
  await openStep(page, 'Kvittera och starta planeringen', 'Kvittera inskrivningsmeddelandet');
  // Without a name the outpatient care cannot start: the fasta vårdkontakt is named now.
  await activate(page, page.getByRole('button', { name: 'Kvittera och starta planeringen' }));
  await expect(page.getByRole('alert')).toContainText('Ange patientens fasta vårdkontakt');
  await expectAccessibleAndReflowing(page);
  await typeInto(
    page,
    page.getByLabel('Patientens fasta vårdkontakt (regionens öppna vård)'),
    fastVardkontakt,
  );
  await activate(page, page.getByRole('button', { name: 'Kvittera och starta planeringen' }));
  await expect(successBanner(page)).toContainText('Er enhet har kvitterat');
  await expect(unitRow(page, 'Vuxenpsykiatri Karlstad')).toContainText(
    `Fast vårdkontakt: ${fastVardkontakt}`,
  );
  // The fasta vårdkontakt may call the SIP from now on; its three days run from the first ready notice.
  await expect(page.getByRole('button', { name: 'Kalla till SIP' })).toBeVisible();
  await expect(sipParagraph(page)).toContainText('Kallas av den fasta vårdkontakten inom tre dagar');
  await context.close();
});

test('the inpatient unit moves the expected date, then the patient is ready, no longer ready, and ready again', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const inpatientAt = async (now: string) => {
    const actor = await loggedInAt(browser, 'heldygn.karlstad', now);
    await actor.page.goto(stayPath);
    await expect(actor.page.getByRole('heading', { level: 1, name: patient.name })).toBeVisible();
    return actor;
  };

  // Thursday 26 November 09:00.
  let { context, page } = await inpatientAt('2026-11-26T08:00:00Z');
  await openStep(page, 'Ändra beräknat datum', 'Ändra beräknat datum');
  await expect(page.getByLabel('Beräknas utskrivningsklar')).toHaveValue('2026-11-30');
  await typeInto(page, page.getByLabel('Beräknas utskrivningsklar'), '2026-12-01');
  await activate(page, page.getByRole('button', { name: 'Ändra datum' }));
  await expect(successBanner(page)).toContainText('Det beräknade datumet är ändrat');
  await expect(summaryValue(page, 'Beräknas utskrivningsklar')).toHaveText('2026-12-01');
  await expectAccessibleAndReflowing(page);
  await context.close();

  // Friday 27 November 11:00: the physician judged the patient ready at 10:30.
  ({ context, page } = await inpatientAt('2026-11-27T10:00:00Z'));
  await openStep(page, 'Meddela utskrivningsklar', 'Utskrivningsklar');
  await typeInto(page, page.getByLabel('Dag för läkarens bedömning'), '2026-11-27');
  await typeInto(page, page.getByLabel('Klockslag'), '10:30');
  await activate(page, page.getByRole('button', { name: 'Meddela utskrivningsklar' }));
  await expect(successBanner(page)).toContainText('Patienten är utskrivningsklar');
  await expect(summaryValue(page, 'Status')).toHaveText('Utskrivningsklar');
  await expect(readinessList(page)).toHaveText(['Bedömd 2026-11-27 10:30, meddelad 2026-11-27 11:00']);
  await expect(sipParagraph(page)).toContainText('Ska kallas senast 2026-11-30');
  await expect(page.getByText('Kommunen betalar inga dygn för vårdtillfället.')).toBeVisible();
  await expectAccessibleAndReflowing(page);
  await context.close();

  // Saturday 28 November 10:00: no longer ready, which ends the period before its first paid day (30 November).
  ({ context, page } = await inpatientAt('2026-11-28T09:00:00Z'));
  await activate(page, page.getByRole('button', { name: 'Inte längre utskrivningsklar' }));
  await expect(successBanner(page)).toContainText('Patienten är inte längre utskrivningsklar');
  await expect(summaryValue(page, 'Status')).toHaveText('Inskriven');
  await expect(readinessList(page)).toHaveText([
    'Bedömd 2026-11-27 10:30, meddelad 2026-11-27 11:00; inte längre utskrivningsklar 2026-11-28 10:00',
  ]);
  await expectAccessibleAndReflowing(page);
  await context.close();

  // Sunday 29 November 09:00: ready again (judged 08:45). The SIP's three days still run from the first notice.
  ({ context, page } = await inpatientAt('2026-11-29T08:00:00Z'));
  await openStep(page, 'Meddela utskrivningsklar', 'Utskrivningsklar');
  await typeInto(page, page.getByLabel('Dag för läkarens bedömning'), '2026-11-29');
  await typeInto(page, page.getByLabel('Klockslag'), '08:45');
  await activate(page, page.getByRole('button', { name: 'Meddela utskrivningsklar' }));
  await expect(successBanner(page)).toContainText('Patienten är utskrivningsklar');
  await expect(readinessList(page)).toHaveCount(2);
  await expect(readinessList(page).nth(1)).toHaveText('Bedömd 2026-11-29 08:45, meddelad 2026-11-29 09:00');
  await expect(sipParagraph(page)).toContainText('Ska kallas senast 2026-11-30');
  await expectAccessibleAndReflowing(page);
  await context.close();
});

test('the fasta vårdkontakt calls the SIP at 23:00 on the third day: on time', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await loggedInAt(browser, 'psykiatri.karlstad', '2026-11-30T22:00:00Z');
  // The readiness notices reached the unit's Mitt arbete too, newest first.
  const notices = page.locator('h2:text-is("Utskrivning från sluten vård") + ul > li', {
    hasText: patient.name,
  });
  await expect(notices.first()).toContainText('Utskrivningsklar, 2026-11-29 09:00');
  await expect(notices.filter({ hasText: 'Inte längre utskrivningsklar, 2026-11-28 10:00' })).toHaveCount(1);
  await openStay(page);
  await activate(page, page.getByRole('button', { name: 'Kalla till SIP' }));
  await expect(successBanner(page)).toContainText('SIP:en är startad');
  await expect(sipParagraph(page)).toContainText('Kallad 2026-11-30 23:00.');
  await expect(sipParagraph(page).locator('.govuk-tag')).toHaveCount(0); // not late
  await expect(sipParagraph(page).getByRole('link', { name: 'Öppna SIP:en' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kalla till SIP' })).toHaveCount(0);
  await expectAccessibleAndReflowing(page);
  await context.close();
});

test('the inpatient unit discharges the patient; the days and the amount are the hand calculation', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Monday 7 December 10:00, the suite's own moment (TEST_NOW), named here all the same.
  const { context, page } = await loggedInAt(browser, 'heldygn.karlstad', '2026-12-07T09:00:00Z');
  await page.goto(stayPath);
  // Still in care on the morning of the 7th: the days so far are paid, today included.
  await expect(page.getByRole('region', { name: 'Betalda vårddygn' }).locator('caption')).toHaveText(
    `${paidDays.length + 1} dygn, ${kr((paidDays.length + 1) * dailyAmount)}`,
  );
  await openStep(page, 'Skriv ut patienten', 'Skriv ut patienten');
  await typeInto(page, page.getByLabel('Utskrivningsdag'), '2026-12-07');
  await typeInto(page, page.getByLabel('Information överförd'), '2026-12-08');
  await typeInto(
    page,
    page.getByLabel('Vård och behandling under vårdtiden'),
    'Läkemedelsjustering och samtal.',
  );
  await typeInto(page, page.getByLabel('SIP planeras (valfritt)'), '2026-12-09');
  await typeInto(
    page,
    page.getByLabel('Befintliga planer för vård och omsorg (valfritt)'),
    'Genomförandeplan boendestöd.',
  );
  // Information transferred after the discharge day is refused: it reaches the units that day at the latest.
  await activate(page, page.getByRole('button', { name: 'Skriv ut' }));
  await expect(page.getByRole('alert')).toContainText('Ange en dag senast på utskrivningsdagen');
  await expect(page.getByLabel('Vård och behandling under vårdtiden')).toHaveValue(
    'Läkemedelsjustering och samtal.',
  );
  await expectAccessibleAndReflowing(page);
  await typeInto(page, page.getByLabel('Information överförd'), '2026-12-07');
  await activate(page, page.getByRole('button', { name: 'Skriv ut' }));

  await expect(successBanner(page)).toContainText('Patienten är utskriven.');
  await expect(summaryValue(page, 'Status')).toHaveText('Utskriven');
  await expect(summaryValue(page, 'Utskriven')).toHaveText('2026-12-07');
  await expect(summaryValue(page, 'Information överförd')).toHaveText('2026-12-07');
  await expect(summaryValue(page, 'Fast vårdkontakt')).toHaveText(fastVardkontakt);
  await expect(summaryValue(page, 'SIP planeras')).toHaveText('2026-12-09');
  await expectPaidDays(page);
  // Discharged: no step is offered any more.
  await expect(page.getByRole('button', { name: 'Skriv ut patienten' })).toHaveCount(0);
  await expectAccessibleAndReflowing(page);

  // The board's row, with the discharged stays shown.
  await page.goto('/utskrivning?visa=alla');
  const row = page
    .getByRole('region', { name: 'Vårdtillfällen' })
    .locator('tbody tr', { hasText: patient.name });
  await expect(row.locator('td')).toHaveText([
    'Utskriven',
    'Karlstads kommun',
    '2026-12-01',
    '2026-11-30 (kallad)',
    String(paidDays.length),
    kr(totalAmount),
  ]);
  await expectAccessibleAndReflowing(page);
  await context.close();
});

test('the paying municipality sees the same days and amount, on the stay and in the month’s invoice basis', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await loggedInAt(browser, 'soc.karlstad', '2026-12-07T09:30:00Z');
  await openStay(page);
  await expectPaidDays(page);
  await expectAccessibleAndReflowing(page);

  await page.goto('/utskrivning');
  await activate(page, page.getByRole('link', { name: 'Fakturaunderlag per kommun och månad' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Fakturaunderlag 2026-12' })).toBeVisible();
  const karlstad = page
    .getByRole('region', { name: 'Fakturaunderlag per kommun' })
    .locator('tbody tr', { hasText: 'Karlstads kommun' });
  await expect(karlstad.locator('td').nth(0)).toHaveText('1');
  await expect(karlstad.locator('td').nth(1)).toHaveText(String(paidDays.length));
  await expect(karlstad.locator('td').nth(2)).toHaveText(kr(totalAmount));
  await expect(page.locator('.govuk-warning-text')).toContainText('demovärde');
  await expectAccessibleAndReflowing(page);
  await context.close();

  // The municipality's manager may dispute a day: the form is a discharge page too (not sent: a dispute would
  // open on the county's ladder, which other specs read).
  const manager = await loggedInAt(browser, 'chef.soc.karlstad', '2026-12-07T09:30:00Z');
  await manager.page.goto(stayPath);
  await openStep(manager.page, 'Bestrid ett vårddygn', 'Bestrid ett vårddygn');
  await expect(manager.page.getByLabel('Dag', { exact: true }).locator('option')).toHaveText([
    'Välj dag',
    ...paidDays.map((d) => `${d} (${kr(dailyAmount)})`),
  ]);
  await manager.context.close();
});

/** The stay's payment table is the hand calculation, each day at the demo amount, and says that it is one. */
async function expectPaidDays(page: Page) {
  const table = page.getByRole('region', { name: 'Betalda vårddygn' });
  await expect(table.locator('caption')).toHaveText(`${paidDays.length} dygn, ${kr(totalAmount)}`);
  await expect(table.locator('tbody th')).toHaveText(paidDays);
  await expect(table.locator('tbody td.govuk-table__cell--numeric')).toHaveText(
    paidDays.map(() => kr(dailyAmount)),
  );
  await expect(page.locator('.govuk-warning-text')).toContainText('Beloppet per vårddygn är ett demovärde');
}

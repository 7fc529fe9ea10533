import { type Browser, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, login, successBanner } from './helpers.ts';

// The steps of sip-walk.spec.ts that both walks take, each as a coordinator does it on the pages, with axe on
// every page it opens (errors shown included).

export const banner = successBanner;

/** A new browser context, logged in as this demo user (on "Mitt arbete"). */
export async function loggedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, username);
  return page;
}

export async function startSip(page: Page, kind: string, pin: string, name: string) {
  await page.goto('/sip');
  await page.getByRole('button', { name: 'Starta en SIP' }).click();
  await page.getByRole('group', { name: 'Vilken sorts plan?' }).getByLabel(kind).check();
  await page.getByLabel('Personnummer eller samordningsnummer').fill(pin);
  await page.getByLabel('Namn').fill(name);
  await page.getByLabel('Varför behövs en SIP?').fill('Behöver samordnade insatser efter utskrivning.');
  await page.getByRole('group', { name: 'Vem begärde SIP:en?' }).getByLabel('Personal').check();
  await page
    .getByRole('group', { name: 'Har personen barn eller bor personen med barn?' })
    .getByLabel('Nej')
    .check();
  await page.getByRole('button', { name: 'Starta SIP' }).click();
}

/** The consent, given by the person themself, for the convening principal and these others. */
export async function recordConsent(page: Page, others: string[]) {
  await page.getByRole('button', { name: 'Registrera samtycke' }).click();
  await page.getByLabel('Datum då samtycket gavs').fill('2026-12-01');
  await page.getByLabel('Skriftligt').check();
  await expect(
    page.getByRole('group', { name: 'Vem lämnade samtycket?' }).getByLabel('Personen själv'),
  ).toBeChecked();
  for (const principal of others) await page.getByLabel(principal).check();
  await page.getByRole('group', { name: 'Får närstående delta?' }).getByLabel('Ja').check();
  await page
    .getByRole('group', { name: 'Vilka deltog i beslutet om samtycke?' })
    .getByLabel('Personen själv')
    .check();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Spara samtycke' }).click();
  await expect(banner(page)).toContainText('Samtycket är registrerat.');
  await expect(page.getByText('Lämnat av')).toBeVisible();
}

/**
 * A change of the consent on its own page: a principal added or taken away, on a day, given by the person or by
 * a god man or förvaltare (by name). Returns with the SIP's page and its banner shown.
 */
export async function changeConsent(
  page: Page,
  change: { add?: string; remove?: string; on: string; representative?: string },
) {
  await page.getByRole('button', { name: 'Ändra samtycket' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ändra samtycket' })).toBeVisible();
  const kinds = page.getByRole('group', { name: 'Vad ändras i samtycket?' });
  if (change.add) {
    await kinds.getByLabel('Lägg till en huvudman som information får delas med').check();
    await page.getByLabel('Huvudman att lägga till').selectOption({ label: change.add });
  } else {
    await kinds.getByLabel('Ta bort en huvudman').check();
    await page.getByLabel('Huvudman att ta bort').selectOption({ label: change.remove! });
  }
  await page.getByLabel('Datum då ändringen gjordes').fill(change.on);
  const giver = page.getByRole('group', { name: 'Vem lämnade samtycket till ändringen?' });
  if (change.representative) {
    await giver.getByLabel('En god man eller förvaltare med uppdrag att samtycka för personen').check();
    await page.getByLabel('Namn på god man eller förvaltare').fill(change.representative);
  } else await expect(giver.getByLabel('Personen själv')).toBeChecked();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(banner(page)).toContainText('Ändringen av samtycket är registrerad');
  await expectNoAxeViolations(page);
}

/** The convening unit calls one unit to a meeting today at 18:00. */
export async function invite(page: Page, principal: string, unit: string, day: string, place: string) {
  await page.getByRole('button', { name: 'Kalla till möte' }).click();
  await page.getByRole('group', { name: principal }).getByLabel(unit).check();
  await page.getByLabel('Datum').fill(day);
  await page.getByLabel('Tid').fill('18:00');
  await page.getByLabel('Plats').fill(place);
  await page.getByRole('button', { name: 'Skicka kallelse' }).click();
  await expect(banner(page)).toContainText('Kallelsen är skickad.');
}

/** The invited unit answers yes from "Mitt arbete", and lands on the SIP's page. */
export async function accept(page: Page, personName: string) {
  await page.goto('/');
  await page
    .getByRole('row', { name: new RegExp(personName) })
    .getByRole('link', { name: /Svara/ })
    .click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Ja, vi deltar').check();
  await page.getByRole('button', { name: 'Skicka svar' }).click();
  await expect(banner(page)).toContainText('Ert svar på kallelsen är skickat.');
  await expect(page.getByRole('heading', { level: 1, name: personName })).toBeVisible();
}

/** The SIP's page, opened again by a unit whose principal the consent no longer covers: 404, no name. */
export async function expectShutOut(page: Page, sipUrl: string, personName: string) {
  const response = await page.goto(sipUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Hittades inte' })).toBeVisible();
  await expect(page.getByText(personName)).toHaveCount(0);
  await expectNoAxeViolations(page);
}

/** A follow-up meeting today: an outcome for each intervention, a comment on the first, the next date. */
export async function followUp(page: Page, day: string, outcomes: string[], next: string) {
  await page.getByRole('button', { name: 'Registrera uppföljning' }).click();
  await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
  await expect(page.getByRole('alert')).toContainText('Ange datum för uppföljningsmötet');
  await expectNoAxeViolations(page);
  await page.getByLabel('Datum för uppföljningsmötet').fill(day);
  for (const [i, outcome] of outcomes.entries()) {
    const row = page.getByRole('group', { name: new RegExp(`^Insats ${i + 1}:`) });
    await row.getByLabel(outcome, { exact: true }).check();
    if (i === 0) await row.getByLabel('Kommentar (valfritt)').fill('Går enligt plan.');
  }
  await page.getByLabel('Nästa uppföljning').fill(next);
  await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
  await expect(banner(page)).toContainText('Uppföljningen är registrerad.');
  await expect(
    page.getByRole('heading', { level: 3, name: new RegExp(`^Uppföljning ${day}`) }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
}

/** Closing with the evaluation, after the confirmation step. */
export async function closeWithEvaluation(
  page: Page,
  answer: { reason: string; goalsMet: string; personsView: string; note: string },
) {
  await page.getByRole('button', { name: 'Avsluta SIP:en' }).click();
  await page.getByLabel(answer.reason).check();
  await page.getByRole('group', { name: 'Har planens mål uppnåtts?' }).getByLabel(answer.goalsMet).check();
  await page.getByLabel('Vad säger personen? (valfritt)').fill(answer.personsView);
  await page.getByLabel('Anteckning vid avslut (valfri)').fill(answer.note);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vill du avsluta SIP:en?' })).toBeVisible();
  await expect(page.getByText(answer.personsView)).toBeVisible();
  await expectNoAxeViolations(page);
}

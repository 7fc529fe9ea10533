import type { Download } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { testDay } from '../helpers/clock.ts';
import { expectNoAxeViolations, login } from './helpers.ts';

async function readDownload(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

// One SIP from request to closure across two principals, by keyboard-friendly forms, with axe on every page
// (errors shown included): request, consent, invitation with its calendar file, answer, plan, follow-up,
// a second version compared with the first, the printed plan, closure, the log; and an outsider refused.
const today = testDay();

test('psykiatri.karlstad starts a SIP, records consent and invites; soc.karlstad accepts, plans and follows up; soc.arvika cannot see it', async ({
  browser,
}) => {
  test.setTimeout(240_000); // four logins and twenty axe runs
  const psychiatry = await (await browser.newContext()).newPage();
  await login(psychiatry, 'psykiatri.karlstad');
  await psychiatry.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'SIP' }).click();
  await expect(psychiatry.getByRole('heading', { level: 1, name: 'Mina SIP:ar' })).toBeVisible();
  await expectNoAxeViolations(psychiatry);

  await psychiatry.getByRole('button', { name: 'Starta en SIP' }).click();
  await psychiatry.getByLabel('Personnummer eller samordningsnummer').fill('19121212-1213');
  await psychiatry.getByLabel('Namn').fill('Tolvan Tolvansson');
  await psychiatry.getByRole('button', { name: 'Starta SIP' }).click();
  // A wrong checksum and a missing reason: both named, what was typed kept.
  await expect(psychiatry.getByRole('alert')).toContainText('Ange ett giltigt personnummer');
  await expect(psychiatry.getByRole('alert')).toContainText('Beskriv varför en SIP behövs');
  await expect(psychiatry.getByLabel('Namn')).toHaveValue('Tolvan Tolvansson');
  await expectNoAxeViolations(psychiatry);

  await psychiatry.getByLabel('Personnummer eller samordningsnummer').fill('19121212-1212');
  await psychiatry.getByLabel('Varför behövs en SIP?').fill('Behöver samordnat stöd efter utskrivning.');
  await psychiatry.getByRole('group', { name: 'Vem begärde SIP:en?' }).getByLabel('Personen själv').check();
  await psychiatry
    .getByRole('group', { name: 'Har personen barn eller bor personen med barn?' })
    .getByLabel('Nej')
    .check();
  await psychiatry.getByRole('button', { name: 'Starta SIP' }).click();
  await expect(psychiatry.getByRole('heading', { level: 1, name: 'Tolvan Tolvansson' })).toBeVisible();
  await expect(psychiatry.getByText('Väntar på samtycke')).toBeVisible();
  await expectNoAxeViolations(psychiatry);
  const sipUrl = psychiatry.url();

  await psychiatry.getByRole('button', { name: 'Registrera samtycke' }).click();
  await psychiatry.getByRole('button', { name: 'Spara samtycke' }).click();
  await expect(psychiatry.getByRole('alert')).toContainText('Ange vilket datum samtycket gavs');
  await expectNoAxeViolations(psychiatry);
  await psychiatry.getByLabel('Datum då samtycket gavs').fill('2026-11-20');
  await psychiatry.getByLabel('Skriftligt').check();
  await psychiatry.getByLabel('Karlstads kommun').check();
  await psychiatry.getByRole('group', { name: 'Får närstående delta?' }).getByLabel('Ja').check();
  await psychiatry
    .getByRole('group', { name: 'Vilka deltog i beslutet om samtycke?' })
    .getByLabel('Personen själv')
    .check();
  await psychiatry.getByRole('button', { name: 'Spara samtycke' }).click();
  await expect(psychiatry.getByText('Pågående')).toBeVisible();
  await expect(psychiatry.getByText('Karlstads kommun, Region Värmland')).toBeVisible();

  await psychiatry.getByRole('button', { name: 'Kalla till möte' }).click();
  await psychiatry.getByLabel('Datum').fill('2026-12-10');
  await psychiatry.getByLabel('Tid').fill('13:00');
  await psychiatry.getByRole('button', { name: 'Skicka kallelse' }).click();
  await expect(psychiatry.getByRole('alert')).toContainText('Välj minst en enhet att kalla');
  await expect(psychiatry.getByRole('alert')).toContainText('Ange var mötet hålls eller en videolänk');
  await expectNoAxeViolations(psychiatry);
  await psychiatry.getByRole('searchbox', { name: 'Sök enhet' }).fill('vuxen');
  await psychiatry.getByRole('button', { name: 'Sök', exact: true }).click();
  await psychiatry
    .getByRole('group', { name: 'Karlstads kommun' })
    .getByLabel('Socialtjänst vuxen, Karlstad')
    .check();
  await psychiatry.getByLabel('Försäkringskassan').check();
  await psychiatry.getByLabel('Datum').fill('2026-12-10');
  await psychiatry.getByLabel('Tid').fill('13:00');
  await psychiatry.getByLabel('Plats').fill('Psykiatrins mottagning, rum 3');
  await psychiatry.getByRole('button', { name: 'Skicka kallelse' }).click();
  await expect(
    psychiatry.getByRole('cell', { name: /^2026-12-10 13:00 Psykiatrins mottagning/ }),
  ).toBeVisible();
  await expect(psychiatry.getByText('Väntar på svar', { exact: true })).toBeVisible();
  await expect(psychiatry.getByText('Även: Försäkringskassan')).toBeVisible();
  const calendar = psychiatry.waitForEvent('download');
  await psychiatry.getByRole('link', { name: /Lägg till i kalendern/ }).click();
  const ics = await readDownload(await calendar);
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('DTSTART:20261210T120000Z');
  expect(ics).not.toContain('Tolvan');

  const social = await (await browser.newContext()).newPage();
  await login(social, 'soc.karlstad');
  await expect(social.getByRole('rowheader', { name: 'Tolvan Tolvansson' })).toBeVisible();
  await expectNoAxeViolations(social);
  await social.getByRole('link', { name: /Svara/ }).click();
  await social.getByRole('button', { name: 'Skicka svar' }).click();
  await expect(social.getByRole('alert')).toContainText('Välj om enheten deltar');
  await expectNoAxeViolations(social);
  await social.getByLabel('Ja, vi deltar').check();
  await social.getByRole('button', { name: 'Skicka svar' }).click();
  await expect(social.getByRole('heading', { level: 1, name: 'Tolvan Tolvansson' })).toBeVisible();
  await expect(social.getByText('Deltar', { exact: true })).toBeVisible();

  await social.getByRole('button', { name: 'Skriv planen' }).click();
  await social
    .getByLabel('Med personens egna ord')
    .fill('Jag vill bo själv och ha något att göra på dagarna.');
  await social.getByLabel('Mål', { exact: true }).fill('Eget boende inom ett år');
  await social.getByLabel('Beskrivning').first().fill('Boendestöd två gånger i veckan');
  await social.getByRole('button', { name: 'Spara planen' }).click();
  await expect(social.getByRole('alert')).toContainText('Välj vem som ansvarar för insats 1');
  await expect(social.getByRole('alert')).toContainText('Ange datum för uppföljning');
  await expect(social.getByLabel('Med personens egna ord')).toHaveValue(
    'Jag vill bo själv och ha något att göra på dagarna.',
  );
  await expectNoAxeViolations(social);
  await social
    .getByLabel('Ansvarig enhet')
    .first()
    .selectOption({ label: 'Socialtjänst vuxen, Karlstad (Karlstads kommun)' });
  await social
    .getByLabel('Enhet med övergripande ansvar för planen')
    .selectOption({ label: 'Vuxenpsykiatri Karlstad (Region Värmland)' });
  await social.getByLabel('Uppföljning', { exact: true }).fill('2027-02-01');
  await social.getByLabel('Personen har inte barn och bor inte med barn').check();
  await social.getByRole('button', { name: 'Spara planen' }).click();
  await expect(social.getByText('Jag vill bo själv och ha något att göra på dagarna.')).toBeVisible();
  await expect(
    social.getByRole('row', {
      name: /^Boendestöd två gånger i veckan Socialtjänst vuxen, Karlstad, Karlstads kommun tills vidare Planerad/,
    }),
  ).toBeVisible();
  await expectNoAxeViolations(social);

  // A follow-up meeting: every intervention's outcome and the next date.
  await social.getByRole('button', { name: 'Registrera uppföljning' }).click();
  await social.getByRole('button', { name: 'Spara uppföljningen' }).click();
  await expect(social.getByRole('alert')).toContainText('Ange utfallet för insats 1');
  await expectNoAxeViolations(social);
  await social.getByLabel('Datum för uppföljningsmötet').fill(today);
  await social.getByLabel('Genomförd', { exact: true }).check();
  await social.getByLabel('Kommentar (valfritt)').fill('Boendestödet har kommit igång.');
  await social.getByLabel('Nästa uppföljning').fill('2027-06-01');
  await social.getByRole('button', { name: 'Spara uppföljningen' }).click();
  await expect(
    social.getByText('Boendestöd två gånger i veckan: Genomförd – Boendestödet har kommit igång.'),
  ).toBeVisible();
  await expect(social.getByText('2027-06-01')).toBeVisible();

  // A second version, compared side by side with the first.
  await social.getByRole('button', { name: 'Ändra planen' }).click();
  await social.getByLabel('Mål', { exact: true }).fill('Eget boende inom ett år\nArbete eller studier');
  await social.getByRole('button', { name: 'Spara planen' }).click();
  await social.getByRole('link', { name: 'Jämför versioner' }).click();
  await expect(social.getByText('1 av 9 delar är ändrade.')).toBeVisible();
  await expect(social.getByRole('rowheader', { name: /Mål\s+Ändrad/ })).toBeVisible();
  await expectNoAxeViolations(social);
  await social.goBack();

  // The printed plan; printing is logged.
  const printed = social.waitForEvent('download');
  await social.getByRole('link', { name: 'Skriv ut planen (PDF)' }).click();
  expect((await readDownload(await printed)).startsWith('%PDF-')).toBe(true);

  await psychiatry.goto(sipUrl);
  await psychiatry.getByRole('button', { name: 'Avsluta SIP:en' }).click();
  await psychiatry.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(psychiatry.getByRole('alert')).toContainText('Välj varför SIP:en avslutas');
  await expect(psychiatry.getByRole('alert')).toContainText('Ange om planens mål har uppnåtts');
  await expectNoAxeViolations(psychiatry);
  await psychiatry.getByLabel('Målen är uppnådda').check();
  await psychiatry.getByRole('group', { name: 'Har planens mål uppnåtts?' }).getByLabel('Helt').check();
  await psychiatry.getByRole('button', { name: 'Fortsätt' }).click();
  // Closing asks for confirmation first.
  await expect(psychiatry.getByRole('heading', { level: 1, name: 'Vill du avsluta SIP:en?' })).toBeVisible();
  await expectNoAxeViolations(psychiatry);
  await psychiatry.getByRole('button', { name: 'Ja, avsluta SIP:en' }).click();
  await expect(psychiatry.getByText('Avslutad', { exact: true })).toBeVisible();
  await expect(psychiatry.getByRole('button', { name: 'Ändra planen' })).toHaveCount(0);

  const reviewer = await (await browser.newContext()).newPage();
  await login(reviewer, 'logg.regionvarmland');
  await reviewer.getByRole('link', { name: 'Granska åtkomstloggen' }).click();
  await reviewer.getByLabel('Personnummer eller samordningsnummer').fill('19121212-1212');
  await reviewer.getByRole('button', { name: 'Sök' }).click();
  const log = reviewer.getByRole('table');
  await expect(log.getByRole('cell', { name: 'psykiatri.karlstad' }).first()).toBeVisible();
  await expect(log.getByRole('cell', { name: 'Skapat' })).toBeVisible();
  await expect(log.getByRole('cell', { name: 'Exporterat' }).first()).toBeVisible(); // the calendar file
  // Only Region Värmland's own users: the municipality's reads are for its own reviewers.
  await expect(log.getByRole('cell', { name: 'soc.karlstad' })).toHaveCount(0);
  await expectNoAxeViolations(reviewer);

  const outsider = await (await browser.newContext()).newPage();
  await login(outsider, 'soc.arvika');
  const response = await outsider.goto(sipUrl);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByRole('heading', { level: 1, name: 'Hittades inte' })).toBeVisible();
  await expect(outsider.getByText('Tolvan')).toHaveCount(0);
});
